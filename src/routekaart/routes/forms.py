from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..core.forms import Form, require, required_when
from ..organisations.models import Organisation, OrganisationKind
from ..organisations.models.network import SchoolKind
from .models import Condition, ConditionRecord, ExitProfile, Route, StepProgress, Trajectory
from .workflow import Outcome

# The parties of the exit routes a school or the Dienst fills in when a leaver starts (codes of de_dienst.yaml).
PARTY_FIELDS = [
    ("school", OrganisationKind.SCHOOL, _("School (PRO/VSO)"), True),
    ("dienst", OrganisationKind.SERVICE_ORGANISATION, _("Dienst (werk & inkomen)"), False),
    ("area_team", OrganisationKind.TEAM, _("Gebiedsteam"), False),
    (
        "sheltered_work_company",
        OrganisationKind.PROVIDER,
        _("Beschut-werkbedrijf (in de bron: Pastiel/Empatec)"),
        False,
    ),
    ("care_provider", OrganisationKind.PROVIDER, _("Zorgaanbieder"), False),
    ("mbo", OrganisationKind.SCHOOL, _("MBO-instelling"), False),
]


class TrajectoryStartForm(Form):
    """A school registers a leaver (or the Dienst a young person) on an exit route, with who fills each party."""

    limits_model = Trajectory

    resident = forms.ModelChoiceField(label=_("Leerling / inwoner"), queryset=None)
    route = forms.ModelChoiceField(label=_("Route"), queryset=None, empty_label=None)
    school_kind = forms.ChoiceField(
        label=_("Schoolsoort"), choices=[(SchoolKind.PRO, SchoolKind.PRO.label), (SchoolKind.VSO, SchoolKind.VSO.label)]
    )
    exit_profile = forms.ChoiceField(label=_("Uitstroomprofiel"), choices=ExitProfile.choices)
    internships = forms.CharField(
        label=_("Stages"), required=False, widget=forms.Textarea(attrs={"rows": 3}), help_text=_("Waar en wanneer.")
    )

    def __init__(self, *args, residents, routes, organisations, own_organisations, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["resident"].queryset = residents
        self.fields["resident"].label_from_instance = lambda r: f"{r.full_name} ({r.birth_date:%d-%m-%Y})"
        self.fields["route"].queryset = routes
        for code, kind, label, required in PARTY_FIELDS:
            choices = organisations.filter(kind=kind)
            if code == "mbo":
                choices = choices.filter(school_kind=SchoolKind.MBO)
            elif code == "school":
                choices = choices.filter(school_kind__in=[SchoolKind.PRO, SchoolKind.VSO])
            field = forms.ModelChoiceField(label=label, queryset=choices, required=required)
            regie_on = [r.name for r in routes if r.regie.code == code]
            if not required and regie_on:
                # The party that gets the regie of a route is needed on that route (routes.services.trajectories).
                required_when(field, _("bij route %(routes)s") % {"routes": ", ".join(regie_on)})
            own = [o for o in own_organisations if o.kind == kind]
            if own and code in ("school", "dienst"):
                field.initial = own[0].pk
            self.fields[f"party_{code}"] = field

    def clean(self):
        """The organisation that gets the regie of the chosen route is asked for on its field, as the service does."""
        data = super().clean()
        route = data.get("route")
        name = f"party_{route.regie.code}" if route is not None else ""
        if name in self.fields and getattr(self.fields[name], "required_when", ""):
            require(self, name, _("Kies de organisatie die de regie krijgt: %(party)s.") % {"party": route.regie.name})
        return data

    def organisations(self) -> dict[str, Organisation]:
        return {
            code: self.cleaned_data[f"party_{code}"]
            for code, *_ in PARTY_FIELDS
            if self.cleaned_data.get(f"party_{code}") is not None
        }


class StepTransitionForm(Form):
    limits_model = StepProgress
    prefix = "stap"
    transition = forms.ChoiceField(
        choices=[
            ("start", _("Beginnen")),
            ("complete", _("Afronden")),
            ("block", _("Blokkeren")),
            ("unblock", _("Deblokkeren")),
            ("skip", _("Overslaan")),
        ]
    )
    reason = required_when(forms.CharField(label=_("Reden"), max_length=2000), _("bij blokkeren of overslaan"))
    outcome = forms.CharField(label=_("Uitkomst"), required=False, max_length=2000)


class ConditionRecordForm(Form):
    limits_model = ConditionRecord
    prefix = "voorwaarde"
    condition = forms.ChoiceField(label=_("Voorwaarde"), choices=Condition.choices)

    def __init__(self, *args, conditions=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if conditions is not None:
            self.fields["condition"].choices = [(c, Condition(c).label) for c in conditions]

    outcome = forms.ChoiceField(label=_("Uitkomst"), choices=Outcome.choices)
    recorded_on = forms.DateField(
        label=_("Datum"), initial=timezone.localdate, widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )
    note = forms.CharField(
        label=_("Toelichting"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class DueDateForm(Form):
    limits_model = StepProgress
    prefix = "termijn"
    due_on = forms.DateField(
        label=_("Uiterlijk klaar op"), required=False, widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )


class ReasonForm(Form):
    prefix = "stop"
    reason = forms.CharField(label=_("Reden"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class PlaceOfferForm(Form):
    prefix = "plek"
    offered_on = forms.DateField(
        label=_("Plek aangeboden op"),
        initial=timezone.localdate,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
    reason = required_when(
        forms.CharField(label=_("Reden om voor te gaan"), max_length=2000),
        _("als iemand met een eerdere indicatie nog wacht"),
    )


CHECKBOX = {"class": "utrecht-checkbox utrecht-checkbox--html-input rk-checkbox"}


class MeanwhileForm(Form):
    prefix = "tussentijd"
    social_assistance = forms.BooleanField(
        label=_("Bijstand van de Dienst (vanaf 18 jaar)"), required=False, widget=forms.CheckboxInput(attrs=CHECKBOX)
    )
    day_activities = forms.BooleanField(
        label=_("Dagbesteding via het gebiedsteam"), required=False, widget=forms.CheckboxInput(attrs=CHECKBOX)
    )


def exit_routes():
    return (
        Route.objects.filter(route_map__is_current=True, kind="exit")
        .select_related("route_map", "regie")
        .order_by("route_map__code", "order")
    )
