"""The forms of conduct complaint handling: the complaint received, and one form per Awb step (the steps that
read the same input as a provider complaint's use providers' forms: Awb chapter 9 is one procedure)."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from ..core.forms import Form
from ..organisations.roles import Role
from ..organisations.selectors import organisation_list
from ..providers.complaint_forms import AcknowledgeForm, HearForm, WithdrawForm
from ..providers.complaint_forms import ExtendForm as ProviderExtendForm
from .models import StaffComplaint, StaffComplaintOutcome

DATE = {"widget": forms.DateInput(attrs={"type": "date"})}
TEXT = {"widget": forms.Textarea(attrs={"rows": 4})}


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.get_full_name() or obj.username


class TeamChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.name


def _staff():
    return (
        get_user_model()
        .objects.filter(is_active=True, affiliations__isnull=False)
        .exclude(affiliations__role=Role.RESIDENT)
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


class ConductComplaintForm(Form):
    """A complaint received: about whom or which team, from whom, when."""

    limits_model = StaffComplaint
    about_user = StaffChoiceField(label=_("Over medewerker"), queryset=None, required=False)
    about_team = TeamChoiceField(label=_("Over team of afdeling"), queryset=None, required=False)
    complainant_name = forms.CharField(label=_("Naam klager"))
    complainant_contact = forms.CharField(
        label=_("Contactgegevens klager"), required=False, help_text=_("Adres, e-mailadres of telefoonnummer.")
    )
    conduct_on = forms.DateField(label=_("Datum van de gedraging"), required=False, **DATE)
    received_on = forms.DateField(label=_("Ontvangen op"), **DATE)
    subject = forms.CharField(label=_("Waarover gaat de klacht"), **TEXT)
    committee = forms.BooleanField(
        label=_("Klachtadviescommissie"),
        required=False,
        help_text=_("Een commissie adviseert over de klacht: de termijn is dan tien weken in plaats van zes."),
    )
    handler = StaffChoiceField(
        label=_("Behandelaar"),
        queryset=None,
        required=False,
        help_text=_("Iemand die niet bij de gedraging betrokken was (Awb 9:7). Leeg: uzelf."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["about_user"].queryset = _staff()
        self.fields["about_team"].queryset = organisation_list().exclude(kind="provider").order_by("name")
        self.fields["handler"].queryset = _staff().filter(affiliations__role=Role.LEGAL)


class ResolveForm(Form):
    limits_model = StaffComplaint
    resolved_on = forms.DateField(label=_("Opgelost op"), **DATE)
    conclusions = forms.CharField(
        label=_("Hoe is de klacht opgelost"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


class ExtendForm(ProviderExtendForm):
    """The provider complaint's postponement form, with the reason's limits of a conduct complaint."""

    limits_model = StaffComplaint


DECISION_CHOICES = [
    (value, label) for value, label in StaffComplaintOutcome.choices if value != StaffComplaintOutcome.RESOLVED
]


class DecideForm(Form):
    limits_model = StaffComplaint
    decided_on = forms.DateField(label=_("Afgehandeld op"), **DATE)
    outcome = forms.ChoiceField(label=_("Oordeel"), choices=DECISION_CHOICES, widget=forms.RadioSelect)
    conclusions = forms.CharField(label=_("Bevindingen en conclusies"), widget=forms.Textarea(attrs={"rows": 6}))


STEP_FORMS = {
    "acknowledge": AcknowledgeForm,
    "resolve": ResolveForm,
    "hear": HearForm,
    "extend": ExtendForm,
    "decide": DecideForm,
    "withdraw": WithdrawForm,
}
