"""Forms of the bestaanszekerheid screens: they only shape input; the services decide what is valid."""

from collections.abc import Callable

from django import forms
from django.utils.translation import gettext_lazy as _

from ..core.forms import Form
from . import services
from .models import (
    BenefitToWorkSwitch,
    ContactMode,
    CoordinatorHandover,
    CostSharerExclusion,
    CostSharerExclusionReason,
    Debts,
    FinancialFitnessReview,
    IncomeReport,
    MakesEndsMeet,
    SocialAssistance,
    WorkObligation,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
YES_NO = [("yes", _("Ja")), ("no", _("Nee"))]


def _yes_no(value: str | None) -> bool | None:
    return {"yes": True, "no": False}.get(value)


class BenefitGrantForm(Form):
    limits_model = SocialAssistance
    client = forms.TypedChoiceField(label=_("Aanvrager"), coerce=int)
    organisation = forms.TypedChoiceField(label=_("Uitvoerder"), coerce=int)
    coordinator = forms.TypedChoiceField(
        label=_("Vaste regiehouder"),
        coerce=int,
        help_text=_(
            "Iedere inwoner met bijstand heeft één vast aanspreekpunt voor alle vragen over bestaanszekerheid."
        ),
    )
    started_on = forms.DateField(label=_("Ingangsdatum"), widget=DATE)
    work_obligation = forms.ChoiceField(label=_("Arbeidsverplichting"), choices=WorkObligation.choices)
    surplus_settlement = forms.BooleanField(
        label=_("Surplusregeling (maandelijkse verrekening bij deeltijdwerk)"), required=False
    )
    iban = forms.CharField(
        label=_("IBAN"),
        required=False,
        help_text=_("Het rekeningnummer waarop de uitkering wordt betaald. Mag later worden aangevuld."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    account_holder = forms.CharField(label=_("Tenaamstelling rekening"), required=False)

    def __init__(self, *args, members=(), organisations=(), coordinators=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["client"].choices = [(r.pk, r.full_name) for r in members]
        self.fields["organisation"].choices = [(o.pk, o.name) for o in organisations]
        self.fields["coordinator"].choices = [(u.pk, u.get_full_name() or u.username) for u in coordinators]


class CoordinatorReassignForm(Form):
    limits_model = CoordinatorHandover
    to_user = forms.TypedChoiceField(label=_("Nieuwe regiehouder"), coerce=int)
    handed_over_on = forms.DateField(label=_("Overdracht per"), widget=DATE)
    # A warm handover always needs the meeting, the resident's consent and a note (income.services.benefits): the
    # form says so and asks with the service's words.
    meeting_on = forms.DateField(
        label=_("Kennismakingsgesprek met de inwoner op"),
        widget=DATE,
        help_text=_("Warme overdracht: de inwoner, de huidige en de nieuwe regiehouder spreken elkaar."),
        error_messages={
            "required": _("Een warme overdracht begint met een gesprek met de inwoner: leg de datum vast.")
        },
    )
    client_consented = forms.BooleanField(
        label=_("De inwoner stemt in met de overdracht"),
        error_messages={"required": _("Een warme overdracht gebeurt met instemming van de inwoner.")},
    )
    note = forms.CharField(
        label=_("Overdrachtsnotitie"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Wat moet de nieuwe regiehouder weten? Noem geen BSN."),
    )

    def __init__(self, *args, coordinators=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_user"].choices = [(u.pk, u.get_full_name() or u.username) for u in coordinators]


class FinancialFitnessFields(Form):
    """The financieel-fit questions, shared by the yearly conversation and the conversation on its own."""

    makes_ends_meet = forms.ChoiceField(
        label=_("Kan de inwoner rondkomen?"), choices=MakesEndsMeet.choices, widget=forms.RadioSelect
    )
    daily_meal = forms.ChoiceField(
        label=_("Kan de inwoner elke dag een maaltijd betalen?"), choices=YES_NO, widget=forms.RadioSelect
    )
    debts = forms.ChoiceField(label=_("Zijn er schulden?"), choices=Debts.choices, widget=forms.RadioSelect)
    debt_referral = forms.BooleanField(
        label=_("Verwijzen naar schuldhulpverlening (met instemming van de inwoner)"), required=False
    )

    def fitness_values(self) -> dict:
        data = self.cleaned_data
        return {
            "makes_ends_meet": data["makes_ends_meet"],
            "daily_meal": _yes_no(data["daily_meal"]),
            "debts": data["debts"],
            "debt_referral": data["debt_referral"],
        }


class AnnualReviewForm(FinancialFitnessFields):
    held_on = forms.DateField(label=_("Datum van het gesprek"), widget=DATE)
    contact = forms.ChoiceField(label=_("Hoe is het gesprek gevoerd?"), choices=ContactMode.choices)
    life_changes = forms.MultipleChoiceField(
        label=_("Veranderingen die de inwoner moet doorgeven"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Vraag naar elk onderwerp; kruis aan wat er veranderd is of gaat veranderen."),
    )
    note = forms.CharField(label=_("Verslag"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    monthly_income = forms.DecimalField(
        label=_("Netto inkomen van het huishouden per maand"),
        min_value=0,
        decimal_places=2,
        max_digits=9,
        help_text=_("Inclusief de uitkering. Vooraf ingevuld met wat de inwoner vorig jaar opgaf."),
    )
    assets = forms.DecimalField(label=_("Vermogen (spaargeld, auto)"), min_value=0, decimal_places=2, max_digits=11)
    low_income_since = forms.DateField(label=_("Laag inkomen sinds"), widget=DATE)
    chronic_illness = forms.BooleanField(label=_("Iemand is chronisch ziek of gehandicapt"), required=False)
    student_with_disability = forms.BooleanField(
        label=_("Iemand studeert en kan door een beperking niet het minimumloon verdienen"), required=False
    )
    income_prospect = forms.BooleanField(label=_("Er is uitzicht op een hoger inkomen"), required=False)
    special_costs = forms.BooleanField(label=_("Er zijn bijzondere, noodzakelijke kosten"), required=False)
    fitness_note = forms.CharField(
        label=_("Notitie financieel fit"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    field_order = [
        "held_on",
        "contact",
        "life_changes",
        "note",
        "monthly_income",
        "assets",
        "low_income_since",
        "chronic_illness",
        "student_with_disability",
        "income_prospect",
        "special_costs",
        "makes_ends_meet",
        "daily_meal",
        "debts",
        "debt_referral",
        "fitness_note",
    ]
    SITUATION = (
        "monthly_income",
        "assets",
        "low_income_since",
        "chronic_illness",
        "student_with_disability",
        "income_prospect",
        "special_costs",
    )

    def __init__(self, *args, life_changes=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["life_changes"].choices = [(c["code"], c["label"]) for c in life_changes]

    def situation_values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.SITUATION}

    def sections(self) -> list[tuple[str, list]]:
        """The form in three parts, each a fieldset on the page."""
        return [
            (_("Het gesprek"), [self[n] for n in ("held_on", "contact", "life_changes", "note")]),
            (_("De situatie van het huishouden"), [self[n] for n in self.SITUATION]),
            (
                _("Financieel fit"),
                [self[n] for n in ("makes_ends_meet", "daily_meal", "debts", "debt_referral", "fitness_note")],
            ),
        ]


class FinancialFitnessForm(FinancialFitnessFields):
    limits_model = FinancialFitnessReview
    held_on = forms.DateField(label=_("Datum van het gesprek"), widget=DATE)
    case_id = forms.IntegerField(
        label=_("Casus (brede intake)"),
        required=False,
        min_value=1,
        help_text=_("Het nummer van de casus in de integrale toegang waarin dit gesprek hoort."),
    )
    note = forms.CharField(label=_("Notitie"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    field_order = ["held_on", "case_id", "makes_ends_meet", "daily_meal", "debts", "debt_referral", "note"]


class IncomeReportForm(Form):
    limits_model = IncomeReport
    month = forms.DateField(
        label=_("Maand"),
        input_formats=["%Y-%m"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
        help_text=_("De maand waarover u inkomsten doorgeeft."),
    )
    net_earnings = forms.DecimalField(label=_("Netto inkomsten uit werk"), min_value=0, decimal_places=2, max_digits=9)
    other_income = forms.DecimalField(
        label=_("Andere inkomsten"),
        min_value=0,
        decimal_places=2,
        max_digits=9,
        required=False,
        help_text=_("Bijvoorbeeld alimentatie of een andere uitkering."),
    )
    hours = forms.DecimalField(label=_("Gewerkte uren"), min_value=0, decimal_places=2, max_digits=6, required=False)
    note = forms.CharField(label=_("Toelichting"), max_length=300, required=False)


def income_report_submitter(*, actor, benefit: SocialAssistance, source: str) -> Callable[[dict], IncomeReport]:
    """The service call for IncomeReportForm's cleaned data: the coordinator's page and Mijn inkomen hand in the same
    form the same way (no other income is 0); only who reports (`source`) differs."""

    def submit(data: dict) -> IncomeReport:
        return services.income_report_submit(
            actor=actor,
            benefit=benefit,
            month=data["month"],
            net_earnings=data["net_earnings"],
            other_income=data["other_income"] or 0,
            hours=data["hours"],
            note=data["note"],
            source=source,
        )

    return submit


class WorkSwitchForm(Form):
    limits_model = BenefitToWorkSwitch
    work_start = forms.DateField(label=_("Eerste werkdag"), widget=DATE)
    first_salary_on = forms.DateField(label=_("Datum van het eerste salaris"), widget=DATE)
    net_monthly_salary = forms.DecimalField(
        label=_("Netto salaris per maand"), min_value=0, decimal_places=2, max_digits=9
    )
    hours_per_week = forms.DecimalField(
        label=_("Uren per week"), min_value=0, max_value=80, decimal_places=2, max_digits=5, required=False
    )


class CostSharerExclusionForm(Form):
    limits_model = CostSharerExclusion
    resident = forms.TypedChoiceField(label=_("Medebewoner"), coerce=int)
    reason = forms.ChoiceField(
        label=_("Waarom telt deze medebewoner niet mee?"), choices=CostSharerExclusionReason.choices
    )
    valid_from = forms.DateField(label=_("Vanaf"), widget=DATE)
    valid_to = forms.DateField(label=_("Tot"), widget=DATE, required=False)

    def __init__(self, *args, members=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["resident"].choices = [(r.pk, r.full_name) for r in members]
