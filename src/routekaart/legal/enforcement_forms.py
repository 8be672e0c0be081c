"""The forms of enforcement: a signal recorded, its assessment, and one form per step of an investigation. The
forms check the input; the services decide whether the step may be taken."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from ..core.forms import Form, required_when
from ..organisations.roles import Role
from .models import Culpability, EnforcementSignal, Investigation, InvestigationOutcome, SignalSource
from .services.enforcement import SCAN_SOURCES

DATE = {"widget": forms.DateInput(attrs={"type": "date"})}
TEXT = {"widget": forms.Textarea(attrs={"rows": 4})}
STAFF_SOURCES = [(value, label) for value, label in SignalSource.choices if value not in SCAN_SOURCES]


class SignalForm(Form):
    """A signal noticed by staff: which household, where it came from, what was noticed."""

    limits_model = EnforcementSignal
    household_id = forms.IntegerField(label=_("Huishoudnummer"), min_value=1, max_value=2**63 - 1)
    source = forms.ChoiceField(label=_("Bron"), choices=STAFF_SOURCES)
    received_on = forms.DateField(label=_("Ontvangen op"), **DATE)
    description = forms.CharField(label=_("Wat is er opgevallen"), **TEXT)


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.get_full_name() or obj.get_username()


def _investigators(organisation_id: int):
    return (
        get_user_model()
        .objects.filter(affiliations__organisation_id=organisation_id, affiliations__role=Role.CLIENT_ADMIN)
        .distinct()
        .order_by("first_name", "last_name")
    )


class AssessForm(Form):
    """The signal assessed: no ground (with the reason), or an investigation with its question and investigator."""

    decision = forms.ChoiceField(
        label=_("Beoordeling"),
        choices=[("dismiss", _("Geen aanleiding")), ("investigate", _("Onderzoek starten"))],
        widget=forms.RadioSelect,
    )
    assessed_on = forms.DateField(label=_("Beoordeeld op"), **DATE)
    assessment = required_when(
        forms.CharField(label=_("Toelichting op de beoordeling"), max_length=2000, **TEXT), _("bij geen aanleiding")
    )
    question = required_when(
        forms.CharField(label=_("Onderzoeksvraag"), max_length=2000, **TEXT), _("bij een onderzoek")
    )
    investigator = required_when(StaffChoiceField(label=_("Onderzoeker"), queryset=None), _("bij een onderzoek"))

    def __init__(self, *args, organisation_id: int, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["investigator"].queryset = _investigators(organisation_id)

    def clean(self) -> dict:
        data = super().clean()
        if data.get("decision") == "dismiss" and not data.get("assessment"):
            self.add_error("assessment", _("Vul in waarom er geen aanleiding is voor een onderzoek."))
        if data.get("decision") == "investigate":
            if not data.get("question"):
                self.add_error("question", _("Vul de onderzoeksvraag in: wat wordt er gecontroleerd?"))
            if not data.get("investigator"):
                self.add_error("investigator", _("Kies de onderzoeker."))
        return data


class FindingsForm(Form):
    limits_model = Investigation
    findings = forms.CharField(label=_("Bevindingen"), **TEXT)
    harm_amount = forms.DecimalField(
        label=_("Benadelingsbedrag (euro)"), required=False, min_value=0, max_digits=10, decimal_places=2
    )
    harm_from = forms.DateField(label=_("Benadeling vanaf"), required=False, **DATE)
    harm_to = forms.DateField(label=_("Benadeling tot en met"), required=False, **DATE)
    culpability = forms.ChoiceField(
        label=_("Verwijtbaarheid"), required=False, choices=[("", "—"), *Culpability.choices]
    )
    repeat_offence = forms.BooleanField(label=_("Recidive binnen vijf jaar"), required=False)


class InformForm(Form):
    informed_on = forms.DateField(label=_("Inwoner geïnformeerd op"), **DATE)


class HearForm(Form):
    heard_on = forms.DateField(label=_("Inwoner gehoord op"), **DATE)


class CloseForm(Form):
    limits_model = Investigation
    outcome = forms.ChoiceField(label=_("Uitkomst"), choices=InvestigationOutcome.choices, widget=forms.RadioSelect)
    closed_on = forms.DateField(label=_("Afgerond op"), **DATE)
    outcome_reasoning = forms.CharField(label=_("Motivering uitkomst"), **TEXT)


STEP_FORMS = {"findings": FindingsForm, "inform": InformForm, "hear": HearForm, "close": CloseForm}
