"""The forms of conduct complaint handling: the complaint received, and one form per Awb step."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from ..core.forms import Form, require, required_when
from ..organisations.roles import Role
from ..organisations.selectors import organisation_list
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


class AcknowledgeForm(Form):
    acknowledged_on = forms.DateField(label=_("Ontvangstbevestiging verstuurd op"), **DATE)


class ResolveForm(Form):
    limits_model = StaffComplaint
    resolved_on = forms.DateField(label=_("Opgelost op"), **DATE)
    conclusions = forms.CharField(
        label=_("Hoe is de klacht opgelost"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


class HearForm(Form):
    heard_on = forms.DateField(
        label=_("Datum"), help_text=_("De dag van het horen, of de dag dat u besloot af te zien van horen."), **DATE
    )
    waived = forms.BooleanField(label=_("Afgezien van horen (Awb 9:10 lid 2)"), required=False)
    waiver_reason = required_when(
        forms.CharField(label=_("Reden om af te zien van horen"), max_length=2000, **TEXT), _("bij afzien van horen")
    )

    def clean(self) -> dict:
        data = super().clean()
        if data.get("waived"):
            require(self, "waiver_reason")
        return data


class ExtendForm(Form):
    limits_model = StaffComplaint
    extended_on = forms.DateField(label=_("Verdaagd op"), help_text=_("Met vier weken (Awb 9:11 lid 2)."), **DATE)
    extension_reason = forms.CharField(label=_("Reden van de verdaging"), **TEXT)


DECISION_CHOICES = [
    (value, label) for value, label in StaffComplaintOutcome.choices if value != StaffComplaintOutcome.RESOLVED
]


class DecideForm(Form):
    limits_model = StaffComplaint
    decided_on = forms.DateField(label=_("Afgehandeld op"), **DATE)
    outcome = forms.ChoiceField(label=_("Oordeel"), choices=DECISION_CHOICES, widget=forms.RadioSelect)
    conclusions = forms.CharField(label=_("Bevindingen en conclusies"), widget=forms.Textarea(attrs={"rows": 6}))


class WithdrawForm(Form):
    reason = forms.CharField(label=_("Toelichting"), required=False, max_length=2000, **TEXT)


STEP_FORMS = {
    "acknowledge": AcknowledgeForm,
    "resolve": ResolveForm,
    "hear": HearForm,
    "extend": ExtendForm,
    "decide": DecideForm,
    "withdraw": WithdrawForm,
}
