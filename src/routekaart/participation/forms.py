"""Forms of the participation pages: they parse input; the rules live in the services."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..core.forms import Form, require, required_when
from ..organisations.models import Organisation, OrganisationKind
from .models import (
    Assignment,
    DistanceAssessment,
    DistanceCategory,
    Exemption,
    Expenditure,
    Instrument,
    LadderRung,
    ParticipationTier,
    RegisterGround,
    RegisterStatus,
    Result,
    SpendingLine,
    TargetGroupRegistration,
    WageValueDetermination,
)

YES_NO = [("yes", _("Ja")), ("no", _("Nee"))]


def _date(label, *, required: bool = True, help_text: str = "", initial_today: bool = False) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        initial=timezone.localdate if initial_today else None,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


def _municipalities():
    return Organisation.objects.filter(kind=OrganisationKind.MUNICIPALITY).order_by("name")


class _NamedChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.name


class _RungChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.order}. {obj.name}"


class AssessmentForm(Form):
    limits_model = DistanceAssessment
    category = _NamedChoice(
        label=_("Categorie afstand tot de arbeidsmarkt"),
        queryset=DistanceCategory.objects.order_by("order"),
        to_field_name="code",
        help_text=_("De indeling naar Sol, van geen afstand tot niet overbrugbare afstand."),
    )
    tier = _NamedChoice(label=_("Trede"), queryset=ParticipationTier.objects.order_by("order"), to_field_name="code")
    ladder_rung = _RungChoice(
        label=_("Participatieladder"), queryset=LadderRung.objects.order_by("order"), to_field_name="code"
    )
    assessed_on = _date(_("Beoordeeld op"), initial_today=True)
    municipality = _NamedChoice(
        label=_("Gemeente"),
        queryset=_municipalities(),
        to_field_name="code",
        required=False,
        help_text=_("Leeg: de gemeente van het woonadres."),
    )
    note = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wat is veranderd sinds de vorige beoordeling? Geen medische gegevens."),
    )


class WageValueForm(Form):
    limits_model = WageValueDetermination
    method = forms.ChoiceField(label=_("Methode"))
    percentage = forms.DecimalField(
        label=_("Loonwaarde (%)"), min_value=0, max_value=100, decimal_places=2, max_digits=5
    )
    determined_on = _date(_("Bepaald op"), initial_today=True)
    job_title = forms.CharField(label=_("Functie"), max_length=200)
    employer = _NamedChoice(
        label=_("Werkgever"),
        required=False,
        queryset=Organisation.objects.filter(kind=OrganisationKind.EMPLOYER).order_by("name"),
        to_field_name="code",
    )

    def __init__(self, *args, methods=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["method"].choices = [("", "—"), *methods]


class RegisterForm(Form):
    limits_model = TargetGroupRegistration
    status = forms.ChoiceField(label=_("Status in het doelgroepenregister"), choices=RegisterStatus.choices)
    ground = required_when(
        forms.ChoiceField(label=_("Grond"), choices=[("", "—"), *RegisterGround.choices]), _("als UWV opnam")
    )
    as_of = _date(_("Per"), initial_today=True)
    reference = forms.CharField(label=_("Kenmerk UWV"), required=False, max_length=60)

    def clean(self):
        """A registration names its ground (participation.services.register)."""
        data = super().clean()
        if data.get("status") == RegisterStatus.REGISTERED:
            require(self, "ground", _("Op welke grond heeft UWV de inwoner opgenomen?"))
        return data


class ExemptionForm(Form):
    limits_model = Exemption
    ground = forms.ChoiceField(label=_("Grond"))
    valid_from = _date(_("Vanaf"), initial_today=True)
    valid_to = _date(_("Tot"), required=False)

    def __init__(self, *args, grounds=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["ground"].choices = list(grounds)


class AssignmentForm(Form):
    limits_model = Assignment
    instrument = _NamedChoice(
        label=_("Instrument"), queryset=Instrument.objects.order_by("order"), to_field_name="code"
    )
    provider = _NamedChoice(
        label=_("Aanbieder"),
        queryset=Organisation.objects.filter(participation_provider__isnull=False).order_by("name"),
        to_field_name="code",
    )
    # Needed by some instruments only (participation.services.assignments): each label says when.
    employer = required_when(
        _NamedChoice(
            label=_("Werkgever"),
            queryset=Organisation.objects.filter(kind=OrganisationKind.EMPLOYER).order_by("name"),
            to_field_name="code",
            help_text=_(
                "Nodig bij loonkostensubsidie, garantiebaan, proefplaatsing, werkervaringsplaats, jobcoaching."
            ),
        ),
        _("bij een instrument met werk bij een werkgever"),
    )
    planned_start = _date(_("Geplande start"))
    planned_end = _date(_("Gepland einde (laatste dag)"))
    hours_per_week = forms.DecimalField(
        label=_("Uren per week"), required=False, min_value=0, max_digits=4, decimal_places=1
    )
    wage_value = forms.ModelChoiceField(
        label=_("Loonwaardebepaling"), required=False, queryset=WageValueDetermination.objects.none()
    )
    monthly_cost = required_when(
        forms.DecimalField(
            label=_("Afgesproken prijs per maand (€)"),
            max_digits=10,
            decimal_places=2,
            help_text=_("Niet bij loonkostensubsidie: die volgt uit de formule."),
        ),
        _("bij een instrument met een prijs per maand"),
    )
    goal = forms.CharField(label=_("Doel"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
    additionality_reason = required_when(
        forms.CharField(
            label=_("Waarom is dit aanvullend op regulier werk?"),
            max_length=2000,
            widget=forms.Textarea(attrs={"rows": 2}),
            help_text=_("De tegenprestatie mag geen regulier werk verdringen."),
        ),
        _("bij de tegenprestatie"),
    )
    municipality = _NamedChoice(
        label=_("Gemeente"),
        queryset=_municipalities(),
        to_field_name="code",
        required=False,
        help_text=_("Leeg: de gemeente van het woonadres."),
    )

    def __init__(self, *args, resident=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if resident is not None:
            self.fields["wage_value"].queryset = WageValueDetermination.objects.filter(resident=resident)


class AdviceForm(Form):
    advised_on = _date(_("Advies van UWV op"), initial_today=True)
    positive = forms.ChoiceField(label=_("Advies positief?"), choices=YES_NO, widget=forms.RadioSelect)
    reference = forms.CharField(label=_("Kenmerk advies"), required=False, max_length=60)


class DecisionForm(Form):
    granted = forms.ChoiceField(label=_("Toegekend?"), choices=YES_NO, widget=forms.RadioSelect)
    decided_on = _date(_("Besluit op"), initial_today=True)
    reference = forms.CharField(label=_("Kenmerk beschikking"), max_length=60)


class StartForm(Form):
    limits_model = Assignment
    started_on = _date(_("Gestart op"), initial_today=True)


class EndForm(Form):
    limits_model = Assignment
    ended_on = _date(_("Geëindigd op"), initial_today=True)
    result = _NamedChoice(label=_("Resultaat"), queryset=Result.objects.none(), to_field_name="code")
    left_social_assistance = forms.BooleanField(label=_("Uitgestroomd uit de bijstand"), required=False)

    def __init__(self, *args, instrument=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if instrument is not None:
            self.fields["result"].queryset = instrument.results.order_by("order")


class ExpenditureForm(Form):
    limits_model = Expenditure
    booked_on = _date(_("Geboekt op"), initial_today=True)
    amount = forms.DecimalField(label=_("Bedrag (€)"), max_digits=12, decimal_places=2)
    description = forms.CharField(label=_("Omschrijving"), required=False, max_length=200)


class BudgetForm(Form):
    spending_line = _NamedChoice(
        label=_("Begrotingspost"), queryset=SpendingLine.objects.order_by("order"), to_field_name="code"
    )
    instrument = _NamedChoice(
        label=_("Instrument"),
        required=False,
        queryset=Instrument.objects.order_by("order"),
        to_field_name="code",
        help_text=_("Leeg: het budget van de hele post."),
    )
    amount = forms.DecimalField(label=_("Budget (€)"), min_value=0, max_digits=14, decimal_places=2)
