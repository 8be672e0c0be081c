"""Forms of the integrale toegang. Field checks only; the rules are the services', shown per field on failure.

A form that fails keeps what was typed (Django re-renders the bound form), and every message names its field.
"""

from __future__ import annotations

from datetime import date

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..core.forms import Form, require, required_when
from ..organisations.models import Organisation, OrganisationKind, User
from ..organisations.models.staff import Affiliation
from ..organisations.roles import Domain, Role
from .models import (
    AdviserKind,
    Agreement,
    AgreementParty,
    AgreementStatus,
    Assessment,
    Case,
    CaseStatus,
    ClosureReason,
    DeadlineChange,
    Decision,
    Gatekeeping,
    GatekeepingOutcome,
    Intake,
    Plan,
    ProvisionOutcome,
    ProvisionUnit,
    ReferralSource,
    ReportTopic,
    ResidentAgreement,
    Review,
    Signal,
    SignalKind,
    SpecialistAdvice,
    TailoredProvision,
    WarmHandover,
)

SCORE_CHOICES = [("", _("Kies een score"))] + [(str(i), str(i)) for i in range(1, 6)]
LAW_CHOICES = [
    (Domain.YOUTH, _("Jeugdwet")),
    (Domain.SUPPORT, _("Wmo 2015")),
    (Domain.PARTICIPATION, _("Participatiewet")),
]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def _date(label, required=True, help_text="", initial=None):
    return forms.DateField(label=label, required=required, widget=DateInput(), help_text=help_text, initial=initial)


def _text(label, required=True, rows=3, help_text="", max_length=None):
    return forms.CharField(
        label=label,
        required=required,
        widget=forms.Textarea(attrs={"rows": rows}),
        help_text=help_text,
        max_length=max_length,
    )


def _members_choices(members) -> list[tuple[str, str]]:
    return [(str(r.pk), r.full_name) for r in members]


class ResidentChoiceField(forms.TypedChoiceField):
    def __init__(self, *, members, **kwargs):
        super().__init__(
            coerce=int, choices=[("", _("Kies een lid van het huishouden")), *_members_choices(members)], **kwargs
        )


def _block_label(block) -> str:
    versions = list(block.versions.all())
    name = versions[-1].name if versions else block.code
    return name


def grouped_block_choices(blocks) -> list:
    """Building blocks grouped per cluster (an <optgroup> each), named by their current version."""
    groups: dict[str, list] = {}
    for block in blocks:
        groups.setdefault(block.cluster.name, []).append((block.pk, _block_label(block)))
    return [("", _("Kies een voorziening")), *list(groups.items())]


# --- signals --------------------------------------------------------------------------------------------------------


class SignalForm(Form):
    limits_model = Signal
    kind = forms.ChoiceField(label=_("Soort signaal"), choices=SignalKind.choices, widget=forms.RadioSelect)
    topic = required_when(
        forms.ChoiceField(
            label=_("Waar gaat de melding over?"),
            choices=[("", _("Niet van toepassing")), *list(ReportTopic.choices)],
            help_text=_("Alleen bij een melding."),
        ),
        _("bij een melding"),
    )
    source = required_when(
        forms.ChoiceField(
            label=_("Wie verwijst?"),
            choices=[("", _("Niet van toepassing")), *list(ReferralSource.choices)],
            help_text=_("Alleen bij een verwijzing."),
        ),
        _("bij een verwijzing"),
    )
    referrer_organisation = forms.ModelChoiceField(
        label=_("Verwijzende organisatie"), queryset=Organisation.objects.none(), required=False
    )
    domain = forms.ChoiceField(
        label=_("Domein"),
        choices=[(Domain.GENERAL, _("Algemeen / nog onbekend")), *LAW_CHOICES],
        initial=Domain.GENERAL,
        help_text=_("Bij een aanvraag: de wet waaronder de aanvraag valt. Dit bepaalt de wettelijke termijn."),
    )
    resident = required_when(
        forms.TypedChoiceField(label=_("Over wie"), coerce=int, empty_value=None), _("bij een aanvraag")
    )
    received_on = _date(_("Ontvangen op"))
    urgent = forms.BooleanField(label=_("Spoed"), required=False)
    summary = _text(_("Wat is er aan de hand?"), rows=4)

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resident"].choices = [("", _("Het hele huishouden")), *_members_choices(members)]
        self.fields["referrer_organisation"].queryset = Organisation.objects.order_by("name")
        self.fields["received_on"].initial = timezone.localdate()

    def clean(self):
        """What each kind of signal needs, as the service asks it (access.services.cases)."""
        data = super().clean()
        kind = data.get("kind")
        if kind == SignalKind.REPORT:
            require(self, "topic", _("Kies waar de melding over gaat: hulpvraag, veiligheid, zorg of overlast."))
        if kind == SignalKind.REFERRAL:
            require(self, "source", _("Kies wie verwijst."))
        if kind == SignalKind.APPLICATION:
            require(self, "resident", _("Kies voor wie de aanvraag is."))
        return data


# --- intake and review ----------------------------------------------------------------------------------------------


class ScoresMixin:
    """One score (1 to 5) and one note per life domain, as fields `score_<code>` and `note_<code>`."""

    def add_score_fields(self, life_domains, scale) -> None:
        legend = ", ".join(f"{s.score} {s.name.lower()}" for s in scale)
        self.life_domains = list(life_domains)
        for domain in self.life_domains:
            self.fields[f"score_{domain.code}"] = forms.ChoiceField(
                label=domain.name,
                choices=SCORE_CHOICES,
                help_text=legend,
                error_messages={
                    "required": _("Geef een score van 1 tot en met 5 voor %(domain)s.") % {"domain": domain.name}
                },
            )
            self.fields[f"note_{domain.code}"] = forms.CharField(
                label=_("Toelichting %(domain)s") % {"domain": domain.name.lower()}, required=False, max_length=500
            )

    def scores(self) -> dict[str, tuple[str, str]]:
        data = self.cleaned_data
        return {
            d.code: (data.get(f"score_{d.code}") or None, data.get(f"note_{d.code}", "")) for d in self.life_domains
        }

    def score_rows(self):
        return [(self[f"score_{d.code}"], self[f"note_{d.code}"]) for d in self.life_domains]


ONE_OF_THREE = _("als de andere twee leeg zijn")  # of talents, wishes and possibilities


class IntakeForm(ScoresMixin, Form):
    limits_model = Intake
    resident = forms.TypedChoiceField(label=_("Met wie"), coerce=int, required=False, empty_value=None)
    held_on = _date(_("Datum van de intake"))
    question = _text(_("Hulpvraag"), help_text=_("In de woorden van de inwoner."))
    # At least one of the three (access.services.intake): each says so in its label.
    talents = required_when(
        _text(_("Talenten"), help_text=_("Waar is de inwoner goed in? Begin bij wat wél lukt.")), ONE_OF_THREE
    )
    wishes = required_when(_text(_("Wensen")), ONE_OF_THREE)
    possibilities = required_when(_text(_("Mogelijkheden (eigen kracht en netwerk)")), ONE_OF_THREE)

    def __init__(self, *args, members, life_domains, scale, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resident"].choices = [("", _("Het hele huishouden")), *_members_choices(members)]
        self.fields["held_on"].initial = timezone.localdate()
        self.add_score_fields(life_domains, scale)

    def clean(self):
        data = super().clean()
        if not any((data.get(name) or "").strip() for name in ("talents", "wishes", "possibilities")):
            require(self, "talents", _("Begin bij wat wél lukt: noteer wensen, talenten of mogelijkheden."))
        return data


class ReviewForm(ScoresMixin, Form):
    limits_model = Review
    held_on = _date(_("Datum van de evaluatie"))
    note = _text(_("Wat is er veranderd?"), rows=4)
    next_review_on = _date(
        _("Volgende evaluatie"), required=False, help_text=_("Leeg: over een jaar, het langste dat mag.")
    )

    def __init__(self, *args, life_domains, scale, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["held_on"].initial = timezone.localdate()
        self.add_score_fields(life_domains, scale)


# --- gatekeeping and assessment ---------------------------------------------------------------------------------


JOB_SEARCH_HELP = _("Bij een aanvraag voor de Participatiewet: wat heeft de inwoner zelf gedaan om werk te vinden?")


class GatekeepingForm(Form):
    limits_model = Gatekeeping
    outcome = forms.ChoiceField(
        label=_("Besluit van de poortwachter"), choices=GatekeepingOutcome.choices, widget=forms.RadioSelect
    )
    general_provisions = required_when(
        forms.TypedMultipleChoiceField(
            label=_("Algemene voorzieningen in het voorveld"),
            coerce=int,
            widget=forms.CheckboxSelectMultiple,
            help_text=_("Bij terugverwijzen: noem waar de inwoner terecht kan, zonder beschikking."),
        ),
        _("bij terugverwijzen"),
    )
    note = required_when(_text(_("Toelichting")), _("bij vrijstelling van de zoekperiode"))
    job_search = required_when(
        _text(_("Eigen zoektocht naar werk"), help_text=JOB_SEARCH_HELP),
        _("bij een aanvraag voor de Participatiewet"),
    )
    job_applications = forms.IntegerField(label=_("Aantal sollicitaties"), required=False, min_value=0)
    search_period_exempt = forms.BooleanField(
        label=_("Vrijstelling van de zoekperiode van vier weken (jongere onder 27)"),
        required=False,
        help_text=_("Geef de reden in de toelichting."),
    )
    decided_on = _date(_("Datum"))

    def __init__(self, *args, provisions, **kwargs):
        super().__init__(*args, **kwargs)
        self.provisions = {b.pk: b for b in provisions}
        self.fields["general_provisions"].choices = [
            (b.pk, f"{_block_label(b)} ({b.cluster.name})") for b in provisions
        ]
        self.fields["decided_on"].initial = timezone.localdate()

    def clean(self):
        data = super().clean()
        if data.get("outcome") == GatekeepingOutcome.REFER_BACK:
            require(self, "general_provisions", _("Noem de algemene voorzieningen waarnaar u terugverwijst."))
        if data.get("search_period_exempt"):
            require(self, "note", _("Geef de reden van de vrijstelling van de zoekperiode."))
        return data

    def chosen_provisions(self):
        return [self.provisions[pk] for pk in self.cleaned_data.get("general_provisions", []) if pk in self.provisions]


class AssessmentForm(Form):
    limits_model = Assessment
    report = required_when(_text(_("Verslag van het vraaggestuurd onderzoek"), rows=6), _("als het onderzoek af is"))
    complete = forms.BooleanField(label=_("Het onderzoek is af"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("complete"):
            require(self, "report", _("Schrijf het verslag voordat u het onderzoek afrondt."))
        return data


class SpecialistAdviceForm(Form):
    limits_model = SpecialistAdvice
    adviser_kind = forms.ChoiceField(label=_("Soort specialist"), choices=AdviserKind.choices)
    adviser = forms.CharField(label=_("Naam adviseur of organisatie"), max_length=200)
    question = _text(_("Vraag aan de specialist"))
    independence_required = forms.BooleanField(
        label=_("De wet eist onafhankelijk advies"),
        required=False,
        help_text=_("Bijvoorbeeld bij ontheffing van de arbeidsverplichting."),
    )
    independent = forms.BooleanField(label=_("De adviseur is onafhankelijk"), required=False)


class AdviceReceivedForm(Form):
    limits_model = SpecialistAdvice
    advice = _text(_("Advies"), rows=5)
    received_on = _date(_("Ontvangen op"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["received_on"].initial = timezone.localdate()


# --- plan van aanpak ------------------------------------------------------------------------------------------------


class AgreementForm(Form):
    limits_model = Agreement
    description = forms.CharField(label=_("Afspraak"), max_length=1000)
    party = forms.ChoiceField(label=_("Wie doet het"), choices=[("", _("Kies")), *list(AgreementParty.choices)])
    party_name = required_when(
        forms.CharField(label=_("Naam"), max_length=200, help_text=_("Bij het netwerk: wie?")), _("bij het netwerk")
    )
    provider = required_when(
        forms.ModelChoiceField(label=_("Aanbieder"), queryset=Organisation.objects.none()), _("bij een aanbieder")
    )
    due_on = _date(_("Uiterlijk op"))
    life_domain = forms.ChoiceField(label=_("Bij doel op leefgebied"), required=False)

    def __init__(self, *args, life_domains=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = Organisation.objects.filter(kind=OrganisationKind.PROVIDER).order_by("name")
        self.fields["life_domain"].choices = [("", _("Geen"))] + [(d.code, d.name) for d in life_domains]

    def clean(self):
        """Who carries out the agreement, as the service asks it (access.services.plans)."""
        data = super().clean()
        if data.get("party") == AgreementParty.PROVIDER:
            require(self, "provider", _("Kies de aanbieder die de afspraak uitvoert."))
        if data.get("party") == AgreementParty.NETWORK:
            require(self, "party_name", _("Noem wie uit het netwerk de afspraak uitvoert."))
        return data


class BaseAgreementFormSet(forms.BaseFormSet):
    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "life_domains": self.life_domains}

    def __init__(self, *args, life_domains=(), **kwargs):
        self.life_domains = list(life_domains)
        super().__init__(*args, **kwargs)

    @property
    def empty_form(self):
        form = self.form(
            auto_id=self.auto_id,
            prefix=self.add_prefix("__prefix__"),
            empty_permitted=True,
            use_required_attribute=False,
            life_domains=self.life_domains,
        )
        self.add_fields(form, None)
        return form


AgreementFormSet = forms.formset_factory(AgreementForm, formset=BaseAgreementFormSet, extra=3, max_num=20)


class PlanForm(Form):
    limits_model = Plan
    summary = _text(
        _("Samenvatting"), required=False, help_text=_("Wat wil het huishouden bereiken, in eigen woorden?")
    )

    def __init__(self, *args, life_domains, **kwargs):
        super().__init__(*args, **kwargs)
        self.life_domains = list(life_domains)
        for domain in self.life_domains:
            self.fields[f"goal_{domain.code}"] = forms.CharField(
                label=_("Doel: %(domain)s") % {"domain": domain.name}, required=False, max_length=1000
            )

    def goals(self):
        return [(d.code, self.cleaned_data.get(f"goal_{d.code}", "")) for d in self.life_domains]

    def goal_fields(self):
        return [self[f"goal_{d.code}"] for d in self.life_domains]


class PlanActivateForm(Form):
    limits_model = Plan
    resident_agreement = forms.ChoiceField(
        label=_("Instemming van de inwoner"), choices=ResidentAgreement.choices, widget=forms.RadioSelect
    )
    resident_agreement_on = _date(_("Instemming gegeven op"))
    resident_agreement_note = required_when(
        _text(_("Toelichting van de inwoner")), _("als de inwoner niet of gedeeltelijk instemt")
    )
    next_review_on = _date(
        _("Volgende evaluatie"), required=False, help_text=_("Leeg: over een jaar, het langste dat mag.")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resident_agreement_on"].initial = timezone.localdate()

    def clean(self):
        data = super().clean()
        if data.get("resident_agreement") in (ResidentAgreement.PARTLY, ResidentAgreement.NOT_AGREED):
            require(self, "resident_agreement_note", _("Noteer waarmee de inwoner het niet eens is."))
        return data


class AgreementStatusForm(Form):
    status = forms.ChoiceField(label=_("Status"), choices=AgreementStatus.choices)


# --- decisions ------------------------------------------------------------------------------------------------------


WHEN_GRANTED = _("bij toekennen")


class ContractedProviders:
    """The providers contracted for a building block in the household's municipality and wijk on a day (the same
    offers as providers.selectors.contracted_offers, read for every block at once: four queries per day, not three
    per building block of the catalogue), one provider once per block."""

    def __init__(self, *, municipality_id: int | None, wijk: str = "") -> None:
        self.municipality_id, self.wijk = municipality_id, wijk
        self._days: dict[date, dict[int, dict[int, object]]] = {}

    @classmethod
    def where_they_live(cls, members, addressee: str = "") -> ContractedProviders:
        """For the household of these members, where the addressee (as posted) lives, else the first member."""
        from .services import household_place

        prefer = int(addressee) if str(addressee).isdigit() else None
        place = household_place(resident_ids=[r.pk for r in members], prefer=prefer)
        return cls(municipality_id=place.municipality_id, wijk=place.wijk)

    def _on(self, on: date) -> dict[int, dict[int, object]]:
        if on not in self._days:
            from ..providers import selectors as market

            block_of = dict(market.product_list().values_list("pk", "building_block_id"))
            grouped: dict[int, dict[int, object]] = {}
            for offer in market.offer_list(on=on, municipality_id=self.municipality_id, wijk=self.wijk):
                grouped.setdefault(block_of.get(offer.product_id), {}).setdefault(offer.provider_id, offer)
            self._days[on] = grouped
        return self._days[on]

    def __call__(self, block_id: int, on: date) -> list:
        if self.municipality_id is None:
            return []
        return list(self._on(on).get(block_id, {}).values())


def waiting_phrase(offer) -> str:
    """The waiting time as the caseworker weighs it: the provider's own report and, when known, what was measured."""
    reported, measured = offer.wait_weeks_reported, offer.wait_days_measured
    if reported is None and measured is None:
        return gettext("wachttijd onbekend")
    parts = []
    if reported is not None:
        parts.append(gettext("wachttijd %(weeks)s weken (gemeld)") % {"weeks": reported})
    if measured is not None:
        parts.append(gettext("gemeten %(days)s dagen") % {"days": measured})
    return ", ".join(parts)


def provider_choices(blocks, offers: ContractedProviders, on: date | None = None) -> list:
    """The contracted providers per building block (an <optgroup> each, only blocks with a contract), each with its
    waiting time; first the choice of no provider (the municipality delivers it itself)."""
    on = on or timezone.localdate()
    groups = []
    for block in blocks:
        found = offers(block.pk, on)
        if found:
            groups.append(
                (
                    _block_label(block),
                    [(offer.provider_id, f"{offer.provider_name} · {waiting_phrase(offer)}") for offer in found],
                )
            )
    return [("", _("Geen aanbieder (de gemeente levert zelf)")), *groups]


class ProvisionForm(Form):
    limits_model = TailoredProvision
    building_block = forms.TypedChoiceField(label=_("Maatwerkvoorziening"), coerce=int)
    outcome = forms.ChoiceField(label=_("Besluit"), choices=[("", _("Kies")), *list(ProvisionOutcome.choices)])
    law = required_when(
        forms.ChoiceField(label=_("Wet"), choices=[("", _("Volgt uit de voorziening")), *LAW_CHOICES]),
        _("als de voorziening onder meer dan één wet valt"),
    )
    # Needed to grant, not to refuse: the label says "(verplicht bij toekennen)" and clean() asks for them then,
    # as the service does (access.services.decisions).
    starts_on = required_when(_date(_("Ingangsdatum")), WHEN_GRANTED)
    ends_on = required_when(_date(_("Einddatum")), WHEN_GRANTED)
    volume = required_when(
        forms.DecimalField(label=_("Omvang"), min_value=0, max_digits=8, decimal_places=2), WHEN_GRANTED
    )
    unit = required_when(
        forms.ChoiceField(label=_("Eenheid"), choices=[("", _("Kies")), *list(ProvisionUnit.choices)]), WHEN_GRANTED
    )
    provider = forms.TypedChoiceField(
        label=_("Aanbieder"),
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_(
            "Alleen aanbieders met een contract voor deze voorziening in de gemeente en wijk van het huishouden, "
            "per voorziening, met hun wachttijd. Leeg: de gemeente levert de voorziening zelf."
        ),
    )
    reasoning = _text(_("Motivering"), help_text=_("Waarom dit besluit, in gewone taal: dit komt in de brief."))

    def __init__(self, *args, blocks=(), offers: ContractedProviders | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["building_block"].choices = grouped_block_choices(blocks)
        self.offers = offers or ContractedProviders(municipality_id=None)
        self.blocks = {block.pk: block for block in blocks}
        self.fields["provider"].choices = provider_choices(blocks, self.offers, self._posted_start())

    def _posted_start(self) -> date | None:
        """The start date as posted (a form shown again offers the providers of that day), else None: today."""
        try:
            return date.fromisoformat(str(self.data.get(self.add_prefix("starts_on"), ""))) if self.is_bound else None
        except ValueError:
            return None

    def clean(self):
        data = super().clean()
        if data.get("outcome") == ProvisionOutcome.GRANTED:
            for name in ("starts_on", "ends_on", "volume", "unit"):
                require(self, name)
        provider_id, block_id = data.get("provider"), data.get("building_block")
        if provider_id is not None and block_id is not None:
            on = data.get("starts_on") or timezone.localdate()
            offered = {offer.provider_id: offer for offer in self.offers(block_id, on)}
            if provider_id not in offered:
                self.add_error(
                    "provider",
                    _(
                        "Deze aanbieder heeft op %(on)s geen contract voor deze voorziening in de gemeente en wijk "
                        "van het huishouden. Kies een aanbieder uit de lijst bij de voorziening, of geen."
                    )
                    % {"on": date_format(on, "j F Y")},
                )
            else:
                data["provider"] = Organisation.objects.filter(pk=provider_id).first()
        elif provider_id is not None:
            data["provider"] = Organisation.objects.filter(pk=provider_id).first()
        return data


class BaseProvisionFormSet(forms.BaseFormSet):
    def __init__(self, *args, blocks=(), offers: ContractedProviders | None = None, **kwargs):
        self.blocks = list(blocks)
        self.offers = offers or ContractedProviders(municipality_id=None)
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "blocks": self.blocks, "offers": self.offers}

    @property
    def empty_form(self):
        form = self.form(
            auto_id=self.auto_id,
            prefix=self.add_prefix("__prefix__"),
            empty_permitted=True,
            use_required_attribute=False,
            blocks=self.blocks,
            offers=self.offers,
        )
        self.add_fields(form, None)
        return form


ProvisionFormSet = forms.formset_factory(ProvisionForm, formset=BaseProvisionFormSet, extra=2, max_num=10)


class ProvisionEndForm(Form):
    """Ending a granted provision early; the rules are the service's (access.services.provisions)."""

    limits_model = TailoredProvision
    ends_on = _date(
        _("Einddatum"),
        help_text=_("Vandaag of later, binnen de periode van de voorziening. De aanbieder krijgt bericht."),
    )
    reasoning = _text(_("Motivering"), help_text=_("Waarom de voorziening eerder stopt, in gewone taal."))


class ProvisionChangeForm(Form):
    """Changing a granted provision's volume or end date; the rules are the service's (access.services.provisions)."""

    limits_model = TailoredProvision
    volume = forms.DecimalField(label=_("Omvang"), min_value=0, max_digits=8, decimal_places=2)
    ends_on = _date(
        _("Einddatum"),
        help_text=_(
            "Vandaag of later, binnen de periode van de voorziening; langer vraagt een nieuwe beschikking. "
            "De aanbieder krijgt de gewijzigde toewijzing."
        ),
    )
    reasoning = _text(_("Motivering"), help_text=_("Waarom de voorziening verandert, in gewone taal."))


class DecisionForm(Form):
    limits_model = Decision
    addressee = forms.TypedChoiceField(label=_("Aan"), coerce=int)
    decided_on = _date(_("Datum besluit"))
    urgent = forms.BooleanField(
        label=_("Spoedhulp na een melding bij AMHK/Crisis (zonder plan van aanpak)"), required=False
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["addressee"].choices = [("", _("Kies een lid van het huishouden")), *_members_choices(members)]
        self.fields["decided_on"].initial = timezone.localdate()


# --- coordination, deadlines, closure -------------------------------------------------------------------------------


def coordinator_affiliations():
    return (
        Affiliation.objects.filter(role=Role.COORDINATOR, user__is_active=True)
        .select_related("user", "organisation")
        .order_by("organisation__name", "user__last_name", "user__username")
    )


def _affiliation_label(affiliation) -> str:
    user = affiliation.user
    return f"{user.get_full_name() or user.username} · {affiliation.organisation.name}"


class TransferForm(Form):
    limits_model = WarmHandover
    to = forms.TypedChoiceField(label=_("Nieuwe regisseur"), coerce=int)
    note = _text(
        _("Overdrachtsnotitie"), rows=5, help_text=_("Wat moet de nieuwe regisseur weten? Ten minste 20 tekens.")
    )
    resident_informed_on = _date(_("Inwoner geïnformeerd op"))  # a warm hand-over needs it (services.coordination)
    handed_over_on = _date(_("Overdracht per"))

    def __init__(self, *args, exclude_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.affiliations = {a.pk: a for a in coordinator_affiliations() if a.user_id != exclude_user}
        self.fields["to"].choices = [("", _("Kies een regisseur"))] + [
            (pk, _affiliation_label(a)) for pk, a in self.affiliations.items()
        ]
        self.fields["handed_over_on"].initial = timezone.localdate()

    def chosen(self):
        return self.affiliations[self.cleaned_data["to"]]


class ProcessCoordinatorForm(Form):
    user = forms.TypedChoiceField(label=_("Procesregisseur"), coerce=int)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        users = {}
        for affiliation in coordinator_affiliations():
            users.setdefault(affiliation.user_id, _affiliation_label(affiliation))
        self.fields["user"].choices = [("", _("Kies een regisseur")), *list(users.items())]

    def chosen(self):
        return User.objects.get(pk=self.cleaned_data["user"])


class DeadlineChangeForm(Form):
    limits_model = DeadlineChange
    change = forms.ChoiceField(label=_("Soort wijziging"))
    days = forms.IntegerField(label=_("Aantal dagen"), min_value=1, max_value=365)
    notified_on = _date(_("Aanvrager bericht op"), required=False)
    reason = _text(_("Reden"))

    def __init__(self, *args, rules, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["change"].choices = [(r.code, f"{r.name} ({r.basis})") for r in rules]
        self.needs_notice = {r.code: r for r in rules if getattr(r, "needs_notice", False)}
        if self.needs_notice:
            names = ", ".join(str(r.name).lower() for r in self.needs_notice.values())
            required_when(self.fields["notified_on"], _("bij %(changes)s") % {"changes": names})

    def clean(self):
        """A change the applicant must be told of needs the day they were told (access.services.deadlines)."""
        data = super().clean()
        rule = self.needs_notice.get(data.get("change"))
        if rule is not None:
            require(
                self,
                "notified_on",
                _("Leg vast wanneer de aanvrager bericht kreeg (%(basis)s).") % {"basis": rule.basis},
            )
        return data


class CloseForm(Form):
    limits_model = Case
    reason = forms.ChoiceField(
        label=_("Reden"), choices=[(v, label) for v, label in ClosureReason.choices if v != ClosureReason.REFERRED_BACK]
    )
    closed_on = _date(_("Afgesloten per"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["closed_on"].initial = timezone.localdate()


class WorklistFilterForm(Form):
    status = forms.ChoiceField(
        label=_("Fase"),
        required=False,
        choices=[("", _("Alle open fasen"))]
        + [(v, label) for v, label in CaseStatus.choices if v != CaseStatus.CLOSED],
    )
    domain = forms.ChoiceField(label=_("Domein"), required=False, choices=[("", _("Alle domeinen")), *LAW_CHOICES])
    overdue = forms.BooleanField(label=_("Alleen met achterstand"), required=False)
    household = forms.IntegerField(label=_("Huishoudnummer"), required=False, min_value=1)
