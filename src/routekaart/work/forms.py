"""Forms of the werkgeversdienstverlening: they parse input; the services hold the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..core.forms import Form, require, required_when
from ..organisations.models import Organisation, OrganisationKind
from ..residents.models.persons import EducationLevel
from .models import (
    AgreementKind,
    Arrangement,
    Branch,
    CandidateProfile,
    ContactKind,
    ContactMoment,
    ContactOutcome,
    ContactPerson,
    Employer,
    EmployerAgreement,
    EmployerKind,
    FulfilmentKind,
    MatchDecisionKind,
    Placement,
    PlacementCheck,
    ProfileStatus,
    SocialReturnContract,
    SocialReturnFulfilment,
    Vacancy,
)
from .selectors import competence_list, sector_list

DATE = {"widget": forms.DateInput(attrs={"type": "date"})}


def _competences(label=None, help_text=""):
    return forms.ModelMultipleChoiceField(
        label=label or _("Competenties"),
        queryset=competence_list(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=help_text,
    )


class EmployerForm(Form):
    limits_model = Employer
    name = forms.CharField(label=_("Naam"), max_length=200)
    kvk_number = forms.CharField(
        label=_("KvK-nummer"), max_length=12, help_text=_("Acht cijfers, zoals in het Handelsregister.")
    )
    kind = forms.ChoiceField(label=_("Soort"), choices=EmployerKind.choices)
    sector = forms.ModelChoiceField(label=_("Sector"), queryset=sector_list())
    street = forms.CharField(label=_("Straat hoofdvestiging"), max_length=200, required=False)
    house_number = forms.IntegerField(label=_("Huisnummer"), min_value=1, required=False)
    postcode = forms.CharField(label=_("Postcode"), max_length=7, required=False)
    city = forms.CharField(label=_("Plaats"), max_length=200, required=False)
    notes = forms.CharField(label=_("Notities"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def clean(self):
        data = super().clean()
        address = [data.get(f) for f in ("street", "house_number", "postcode", "city")]
        if any(address) and not all(address):
            raise forms.ValidationError(_("Vul het adres van de hoofdvestiging helemaal in, of laat het leeg."))
        return data


class BranchForm(Form):
    limits_model = Branch
    name = forms.CharField(label=_("Naam vestiging"), max_length=200)
    street = forms.CharField(label=_("Straat"), max_length=200)
    house_number = forms.IntegerField(label=_("Huisnummer"), min_value=1)
    house_number_addition = forms.CharField(label=_("Toevoeging"), max_length=10, required=False)
    postcode = forms.CharField(label=_("Postcode"), max_length=7)
    city = forms.CharField(label=_("Plaats"), max_length=200)
    is_head_office = forms.BooleanField(label=_("Hoofdvestiging"), required=False)


class ContactPersonForm(Form):
    limits_model = ContactPerson
    name = forms.CharField(label=_("Naam"), max_length=200)
    job_title = forms.CharField(label=_("Functie"), max_length=200, required=False)
    email = forms.EmailField(label=_("E-mailadres"), required=False)
    phone = forms.CharField(label=_("Telefoonnummer"), max_length=20, required=False)


class ContactMomentForm(Form):
    limits_model = ContactMoment
    kind = forms.ChoiceField(label=_("Soort contact"), choices=ContactKind.choices)
    is_acquisition = forms.BooleanField(
        label=_("Acquisitie"), required=False, help_text=_("Werven van vacatures of kansen op een arrangement.")
    )
    occurred_on = forms.DateField(label=_("Datum"), **DATE)
    contact_person = forms.ModelChoiceField(
        label=_("Gesproken met"), queryset=ContactPerson.objects.none(), required=False
    )
    summary = forms.CharField(
        label=_("Verslag"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Wat de werkgever vraagt en zoekt. Noem geen kandidaten bij naam."),
    )
    outcome = forms.ChoiceField(label=_("Uitkomst"), choices=ContactOutcome.choices)
    follow_up_on = forms.DateField(label=_("Vervolg op"), required=False, **DATE)

    def __init__(self, *args, employer: Employer, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["contact_person"].queryset = employer.contacts.filter(is_active=True)


class AgreementForm(Form):
    limits_model = EmployerAgreement
    kind = forms.ChoiceField(label=_("Soort afspraak"), choices=AgreementKind.choices)
    description = forms.CharField(label=_("Omschrijving"), max_length=300)
    places = required_when(forms.IntegerField(label=_("Aantal plaatsen"), min_value=1), _("bij een banenafspraak"))
    valid_from = forms.DateField(label=_("Vanaf"), **DATE)
    valid_to = forms.DateField(label=_("Tot"), required=False, **DATE)

    def clean(self):
        """A jobs agreement names its places (EmployerAgreement.clean)."""
        data = super().clean()
        if data.get("kind") == AgreementKind.JOBS_AGREEMENT:
            require(self, "places", _("Een banenafspraak noemt het aantal plaatsen."))
        return data


class _OpeningForm(Form):
    employer = forms.ModelChoiceField(label=_("Werkgever"), queryset=Employer.objects.none())
    title = forms.CharField(label=_("Functie"), max_length=200)
    sector = forms.ModelChoiceField(label=_("Sector"), queryset=sector_list())
    hours_min = forms.IntegerField(label=_("Uren per week, minimaal"), min_value=1, max_value=40)
    hours_max = forms.IntegerField(label=_("Uren per week, maximaal"), min_value=1, max_value=40)
    postcode = forms.CharField(label=_("Postcode werkplek"), max_length=7)
    city = forms.CharField(label=_("Plaats"), max_length=200)
    competences = _competences(_("Gevraagde competenties"))
    suits_jobs_agreement = forms.BooleanField(label=_("Geschikt voor de banenafspraak"), required=False)
    suits_sheltered_work = forms.BooleanField(label=_("Geschikt voor beschut werk"), required=False)
    positions = forms.IntegerField(label=_("Aantal plaatsen"), min_value=1, initial=1)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["employer"].queryset = Employer.objects.select_related("organisation").order_by(
            "organisation__name"
        )


class VacancyForm(_OpeningForm):
    limits_model = Vacancy
    via_agency = forms.ModelChoiceField(label=_("Via uitzendbureau"), queryset=Employer.objects.none(), required=False)
    min_wage_value = forms.IntegerField(
        label=_("Vereiste loonwaarde (%)"),
        min_value=0,
        max_value=100,
        initial=100,
        help_text=_("100% voor een gewone baan; lager als de werkgever met loonkostensubsidie wil werken."),
    )
    description = forms.CharField(label=_("Omschrijving"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    requirements = forms.CharField(label=_("Overige eisen"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    closing_date = forms.DateField(label=_("Sluitingsdatum"), required=False, **DATE)
    in_vacancy_service = forms.BooleanField(
        label=_("In de vacatureservice"),
        required=False,
        help_text=_("Ook zichtbaar voor inwoners die op eigen kracht werk kunnen vinden."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["via_agency"].queryset = Employer.objects.filter(kind=EmployerKind.TEMP_AGENCY).select_related(
            "organisation"
        )


class ArrangementForm(_OpeningForm):
    limits_model = Arrangement
    tasks = forms.CharField(
        label=_("Gecarvede taken"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Eén taak per regel, met de functie waaruit zij komt vóór een dubbele punt: “Kok: afwassen”."),
    )
    min_wage_value = forms.IntegerField(
        label=_("Vereiste loonwaarde (%)"),
        min_value=0,
        max_value=100,
        help_text=_("De productiviteit die het gecarvede werk vraagt."),
    )
    instruments = forms.MultipleChoiceField(
        label=_("Instrumenten"), required=False, widget=forms.CheckboxSelectMultiple, choices=()
    )
    guidance = forms.CharField(
        label=_("Begeleiding"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Wie begeleidt op de werkplek, hoe vaak, waarin."),
    )

    def __init__(self, *args, instruments=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["instruments"].choices = list(instruments)

    def clean_tasks(self) -> list[tuple[str, str]]:
        rows = []
        for line in self.cleaned_data["tasks"].splitlines():
            if not line.strip():
                continue
            job, sep, task = line.partition(":")
            if not sep:
                raise forms.ValidationError(
                    _("Zet de functie vóór een dubbele punt, zoals “Kok: afwassen” (regel: %(line)s).")
                    % {"line": line.strip()}
                )
            rows.append((job.strip(), task.strip()))
        return rows


class WorkProfileForm(Form):
    limits_model = CandidateProfile
    status = forms.ChoiceField(label=_("Status"), choices=ProfileStatus.choices)
    competences = _competences()
    experience = forms.CharField(
        label=_("Werkervaring"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Functies, werkgevers en jaren. Geen gezondheids- of zorggegevens."),
    )
    education_level = forms.ChoiceField(label=_("Opleidingsniveau"), choices=EducationLevel.choices)
    hours_min = forms.IntegerField(label=_("Uren per week, minimaal"), min_value=1, max_value=40)
    hours_max = forms.IntegerField(label=_("Uren per week, maximaal"), min_value=1, max_value=40)
    pc4 = forms.CharField(
        label=_("Postcodegebied woonadres"), max_length=4, help_text=_("De vier cijfers van de postcode.")
    )
    max_travel_km = forms.IntegerField(label=_("Maximale reisafstand (km)"), min_value=1, max_value=200, initial=15)
    available_from = forms.DateField(label=_("Beschikbaar vanaf"), required=False, **DATE)
    desired_sectors = forms.ModelMultipleChoiceField(
        label=_("Gewenste sectoren"), queryset=sector_list(), required=False, widget=forms.CheckboxSelectMultiple
    )
    wishes = forms.CharField(
        label=_("Wensen"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Wat de inwoner graag wil doen. Geen gezondheids- of zorggegevens."),
    )


class DecisionForm(Form):
    kind = forms.ChoiceField(label=_("Besluit"), choices=MatchDecisionKind.choices)
    reason = forms.CharField(
        label=_("Reden"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Waarom u afwijkt van de ranglijst. Geen gezondheids- of zorggegevens."),
    )


class IncludeByNumberForm(Form):
    profile = forms.IntegerField(label=_("Nummer werkprofiel"), min_value=1)
    reason = forms.CharField(label=_("Reden"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))


class ProposeForm(Form):
    note = forms.CharField(
        label=_("Toelichting voor de werkgever"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    share_with_employer = forms.BooleanField(
        label=_("De kandidaat geeft toestemming om het werkprofiel met deze werkgever te delen"),
        required=False,
        help_text=_("Zonder deze toestemming ziet de werkgever de kandidaat niet op de werkgeverspagina."),
    )


class IntroduceForm(Form):
    limits_model = Placement
    introduced_on = forms.DateField(label=_("Datum kennismaking"), **DATE)


class TrialForm(Form):
    limits_model = Placement
    trial_start = forms.DateField(label=_("Proefplaatsing vanaf"), **DATE)
    trial_end = forms.DateField(label=_("Proefplaatsing tot en met"), **DATE)


class ContractForm(Form):
    limits_model = Placement
    contract_start = forms.DateField(label=_("In dienst vanaf"), **DATE)
    contract_end = forms.DateField(label=_("Contract tot"), required=False, **DATE)
    hours = forms.IntegerField(label=_("Uren per week"), min_value=1, max_value=40)
    hourly_wage = forms.DecimalField(label=_("Uurloon (€)"), min_value=0, max_digits=6, decimal_places=2)
    instruments = forms.MultipleChoiceField(
        label=_("Instrumenten"), required=False, widget=forms.CheckboxSelectMultiple, choices=()
    )
    counts_for_jobs_agreement = forms.BooleanField(label=_("Telt voor de banenafspraak"), required=False)

    def __init__(self, *args, instruments=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["instruments"].choices = list(instruments)


class CoachingStartForm(Form):
    limits_model = Placement
    coaching_by = forms.ModelChoiceField(label=_("Jobcoach van"), queryset=Organisation.objects.none())
    coaching_start = forms.DateField(label=_("Jobcoaching vanaf"), **DATE)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["coaching_by"].queryset = Organisation.objects.exclude(
            kind__in=[OrganisationKind.EMPLOYER, OrganisationKind.MUNICIPALITY]
        ).order_by("name")


class CoachingEndForm(Form):
    limits_model = Placement
    coaching_end = forms.DateField(label=_("Jobcoaching tot"), **DATE)


class EndForm(Form):
    limits_model = Placement
    ended_on = forms.DateField(label=_("Beëindigd op"), **DATE)
    reason = forms.CharField(label=_("Reden"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))


class DeclineForm(Form):
    reason = forms.CharField(label=_("Reden"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))


class CheckForm(Form):
    limits_model = PlacementCheck
    checked_on = forms.DateField(label=_("Datum controle"), **DATE)
    still_working = forms.TypedChoiceField(
        label=_("Nog aan het werk?"),
        choices=[("yes", _("Ja")), ("no", _("Nee"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("Toelichting"), max_length=500, required=False)


class SocialReturnContractForm(Form):
    limits_model = SocialReturnContract
    municipality = forms.ModelChoiceField(
        label=_("Gemeente"), queryset=Organisation.objects.filter(kind=OrganisationKind.MUNICIPALITY).order_by("name")
    )
    contractor = forms.ModelChoiceField(label=_("Opdrachtnemer"), queryset=Employer.objects.none())
    reference = forms.CharField(label=_("Kenmerk"), max_length=60)
    title = forms.CharField(label=_("Opdracht"), max_length=300)
    contract_value = forms.DecimalField(label=_("Opdrachtwaarde (€)"), min_value=0, max_digits=12, decimal_places=2)
    percentage = forms.DecimalField(
        label=_("SROI-percentage"),
        required=False,
        min_value=0,
        max_value=100,
        max_digits=5,
        decimal_places=2,
        help_text=_("Leeg: het standaardpercentage uit de regels."),
    )
    starts_on = forms.DateField(label=_("Looptijd vanaf"), **DATE)
    ends_on = forms.DateField(label=_("Looptijd tot"), **DATE)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["contractor"].queryset = Employer.objects.select_related("organisation").order_by(
            "organisation__name"
        )


class FulfilmentForm(Form):
    limits_model = SocialReturnFulfilment
    kind = forms.ChoiceField(label=_("Soort invulling"), choices=FulfilmentKind.choices)
    occurred_on = forms.DateField(label=_("Datum"), **DATE)
    description = forms.CharField(label=_("Omschrijving"), max_length=300)
    # Each kind needs its own fields (work.services.social_return): the labels say which, the form asks for them.
    placement = required_when(
        forms.ModelChoiceField(label=_("Plaatsing"), queryset=Placement.objects.none()), _("bij een plaatsing")
    )
    months = required_when(
        forms.IntegerField(label=_("Aantal maanden"), min_value=1, max_value=120),
        _("bij een plaatsing of leerwerkplek"),
    )
    invoice_amount = required_when(
        forms.DecimalField(label=_("Factuurbedrag (€)"), min_value=0, max_digits=12, decimal_places=2),
        _("bij inkoop bij een sociale onderneming"),
    )
    amount = required_when(
        forms.DecimalField(label=_("Waarde (€)"), min_value=0, max_digits=12, decimal_places=2), _("bij anders")
    )

    def __init__(self, *args, contract, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["placement"]
        field.queryset = Placement.objects.filter(employer=contract.contractor, contract_start__isnull=False)
        field.label_from_instance = lambda p: (
            _("Plaatsing %(number)d, vanaf %(start)s, %(hours)d uur")
            % {
                "number": p.pk,
                "start": p.contract_start.strftime("%d-%m-%Y"),
                "hours": p.contract_hours,
            }
        )

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind in (FulfilmentKind.PLACEMENT, FulfilmentKind.LEARN_WORK_PLACE):
            require(self, "months", _("Vul het aantal maanden in."))
        if kind == FulfilmentKind.PLACEMENT:
            require(self, "placement", _("Kies de plaatsing."))
        if kind == FulfilmentKind.SOCIAL_FIRM_PURCHASE:
            require(self, "invoice_amount", _("Vul het factuurbedrag in."))
        if kind == FulfilmentKind.OTHER:
            require(self, "amount", _("Vul de waarde in."))
        return data


class SearchForm(Form):
    """A search by name (or KvK number): posted, CSRF-checked, never put in a URL (query strings reach access logs,
    browser history and referrers). `pagina` pages through the results of the same POST."""

    zoek = forms.CharField(label=_("Zoek op naam"), required=False, max_length=100, strip=True)
    pagina = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)


def posted_search(request) -> tuple[str, int | str | None]:
    """The search term and page of a search page: from the POST body only; a GET shows the unfiltered list and
    ignores any name put in its query string."""
    if request.method != "POST":
        return "", request.GET.get("pagina")
    form = SearchForm(request.POST)
    if not form.is_valid():
        return "", None
    return form.cleaned_data["zoek"], form.cleaned_data["pagina"]
