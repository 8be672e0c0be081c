"""The forms of the objection pages: the list's filters, registering a letter or e-mail, and one form per step of
the procedure. Each step form's cleaned data are the keyword arguments of its service (legal.services), so a
refusal of the service lands beside the field it names."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from ..access.selectors_legal import PROVISION_UNITS
from ..core.forms import Form, require, required_when
from ..organisations.roles import Role
from .models import (
    Appeal,
    AppealLevel,
    AppealOutcome,
    DecisionEffect,
    DefaultNotice,
    Hearing,
    Objection,
    ObjectionChannel,
    ObjectionOutcome,
    ObjectionStatus,
)

DATE = {"widget": forms.DateInput(attrs={"type": "date"})}
DATETIME = {"widget": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")}
TEXT = {"widget": forms.Textarea(attrs={"rows": 4})}
STAFF_CHANNELS = [c for c in ObjectionChannel.choices if c[0] != ObjectionChannel.PORTAL]
LAWS = [("J", _("Jeugdwet")), ("W", _("Wmo 2015")), ("P", _("Participatiewet"))]


class ObjectionFilterForm(Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Alle")), ("open", _("In behandeling")), *ObjectionStatus.choices],
    )
    handler = forms.TypedChoiceField(label=_("Behandelaar"), required=False, coerce=int, empty_value=None)
    law = forms.ChoiceField(label=_("Wet"), required=False, choices=[("", _("Alle")), *LAWS])

    def __init__(self, *args, handlers: list[tuple[int, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["handler"].choices = [("", _("Iedereen")), *handlers]


class HandlerFilterForm(Form):
    handler = forms.TypedChoiceField(label=_("Behandelaar"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, handlers: list[tuple[int, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["handler"].choices = [("", _("Iedereen")), *handlers]


class RegisterForm(Form):
    """A letter or e-mail received: the decision by its reference, the objector by their birth date (the service
    refuses both the same way, so the page does not tell which reference exists)."""

    limits_model = Objection
    limits_renamed = {"reference": "decision_reference"}
    reference = forms.CharField(label=_("Kenmerk van het besluit"), help_text=_("Zoals het in de brief staat."))
    objector_birth_date = forms.DateField(label=_("Geboortedatum van de indiener"), **DATE)
    received_on = forms.DateField(label=_("Ontvangen op"), **DATE)
    channel = forms.ChoiceField(label=_("Ingediend"), choices=STAFF_CHANNELS)
    grounds = required_when(forms.CharField(label=_("Gronden van het bezwaar"), **TEXT), _("tenzij pro forma"))
    pro_forma = forms.BooleanField(
        label=_("Pro-forma bezwaar"),
        required=False,
        help_text=_("Zonder gronden: de indiener krijgt een termijn om aan te vullen (Awb 6:6)."),
    )
    late_reason = forms.CharField(
        label=_("Reden te laat"),
        required=False,
        help_text=_("Alleen als het bezwaar na de bezwaartermijn kwam: wat de indiener daarover schrijft."),
        **TEXT,
    )
    representative = forms.CharField(label=_("Gemachtigde"), required=False)
    committee = forms.BooleanField(
        label=_("Adviescommissie bezwaarschriften"),
        required=False,
        help_text=_("De commissie adviseert: de beslistermijn is dan twaalf weken in plaats van zes."),
    )

    def clean(self) -> dict:
        data = super().clean()
        if not data.get("pro_forma"):
            require(self, "grounds")
        return data


class AcknowledgeForm(Form):
    on = forms.DateField(label=_("Ontvangstbevestiging verstuurd op"), **DATE)


class HandlerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.get_full_name() or obj.get_username()


class AssignForm(Form):
    handler = HandlerChoiceField(label=_("Behandelaar"), queryset=get_user_model().objects.none())

    def __init__(self, *args, organisation_id: int | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        staff = get_user_model().objects.filter(affiliations__role=Role.LEGAL, is_active=True)
        if organisation_id:
            staff = staff.filter(affiliations__organisation_id=organisation_id)
        self.fields["handler"].queryset = staff.distinct().order_by("last_name", "first_name", "username")


class InformalContactForm(Form):
    on = forms.DateField(label=_("Gebeld of gesproken op"), **DATE)
    note = forms.CharField(label=_("Verslag van het gesprek"), **TEXT)
    resolved = forms.BooleanField(
        label=_("Opgelost: de indiener trekt het bezwaar in"),
        required=False,
        help_text=_("Niet aangevinkt: het bezwaar gaat door naar het horen."),
    )


class CompleteForm(Form):
    on = forms.DateField(label=_("Gronden aangevuld op"), **DATE)
    grounds = forms.CharField(label=_("Gronden van het bezwaar"), **TEXT)


class LateJudgeForm(Form):
    excusable = forms.TypedChoiceField(
        label=_("Is de termijnoverschrijding verschoonbaar (Awb 6:11)?"),
        choices=[("yes", _("Ja, verschoonbaar: het bezwaar wordt behandeld")), ("no", _("Nee, niet verschoonbaar"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    reasoning = forms.CharField(label=_("Motivering"), **TEXT)


class ExtendForm(Form):
    on = forms.DateField(label=_("Verdaagd op"), **DATE)
    reason = forms.CharField(label=_("Reden van de verdaging (Awb 7:10 lid 3)"), **TEXT)


class PostponeForm(Form):
    weeks = forms.IntegerField(label=_("Aantal weken extra"), min_value=1, max_value=52)
    consent_note = forms.CharField(label=_("Instemming van de indiener (Awb 7:10 lid 4)"), **TEXT)


class HearingPlanForm(Form):
    limits_model = Hearing
    invited_on = forms.DateField(label=_("Uitgenodigd op"), **DATE)
    scheduled_at = forms.DateTimeField(label=_("Datum en tijd van de hoorzitting"), **DATETIME)
    location = forms.CharField(label=_("Plaats of manier"), help_text=_("Een zaal, of telefonisch of via video."))


class HearingRecordForm(Form):
    hearing = forms.ModelChoiceField(label=_("Hoorzitting"), queryset=Hearing.objects.none())
    held_on = forms.DateField(label=_("Gehouden op"), **DATE)
    attendees = forms.CharField(label=_("Aanwezigen"), max_length=300)
    report = forms.CharField(label=_("Verslag"), **TEXT)

    def __init__(self, *args, objection: Objection | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if objection is not None:
            self.fields["hearing"].queryset = Hearing.objects.filter(objection=objection, held_on__isnull=True)


class HearingWaiveForm(Form):
    reason = forms.CharField(label=_("Afgezien van horen, omdat (Awb 7:3)"), **TEXT)


class AdviseForm(Form):
    on = forms.DateField(label=_("Advies uitgebracht op"), **DATE)
    advice_outcome = forms.ChoiceField(label=_("Geadviseerd oordeel"), choices=ObjectionOutcome.choices)
    advice = forms.CharField(label=_("Advies"), **TEXT)


CHANGE_ACTIONS = [
    ("", _("Niets aan veranderen")),
    ("change", _("Wijzigen (omvang of einddatum)")),
    ("end", _("Beëindigen")),
    ("grant", _("Alsnog toekennen")),
]


class DecideForm(Form):
    """The decision on the objection; per provision of the decision objected to what changes (the fields
    `provision_<id>_action`, `_volume`, `_starts_on`, `_ends_on`), handed to the service as `changes`."""

    on = forms.DateField(label=_("Beslist op"), **DATE)
    outcome = forms.ChoiceField(label=_("Oordeel"), choices=ObjectionOutcome.choices)
    effect = forms.ChoiceField(label=_("Gevolg voor het besluit"), choices=DecisionEffect.choices)
    reasoning = forms.CharField(label=_("Motivering"), **TEXT)

    def __init__(self, *args, provisions: list | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.provision_ids: list[int] = []
        for provision in provisions or []:
            pk = provision.id
            name = provision.name or str(pk)
            self.provision_ids.append(pk)
            self.fields[f"provision_{pk}_action"] = forms.ChoiceField(
                label=_("%(name)s: wat verandert er?") % {"name": name}, choices=CHANGE_ACTIONS, required=False
            )
            self.fields[f"provision_{pk}_volume"] = forms.DecimalField(
                label=_("%(name)s: nieuwe omvang") % {"name": name},
                required=False,
                min_value=0,
                max_value=100000,
                max_digits=8,
                decimal_places=2,
            )
            if not provision.unit:  # a refused provision has no unit yet: granting it names one
                self.fields[f"provision_{pk}_unit"] = forms.ChoiceField(
                    label=_("%(name)s: eenheid van de omvang") % {"name": name},
                    choices=[("", "---------"), *PROVISION_UNITS],
                    required=False,
                )
            self.fields[f"provision_{pk}_starts_on"] = forms.DateField(
                label=_("%(name)s: ingangsdatum") % {"name": name}, required=False, **DATE
            )
            self.fields[f"provision_{pk}_ends_on"] = forms.DateField(
                label=_("%(name)s: nieuwe einddatum") % {"name": name}, required=False, **DATE
            )

    def service_data(self) -> dict:
        """The cleaned data as the service takes them: the per-provision fields folded into `changes`."""
        data = {name: self.cleaned_data[name] for name in ("on", "outcome", "effect", "reasoning")}
        changes = []
        for pk in self.provision_ids:
            action = self.cleaned_data.get(f"provision_{pk}_action")
            if not action:
                continue
            change: dict = {"provision_id": pk, "action": action}
            for part in ("volume", "unit", "starts_on", "ends_on"):
                value = self.cleaned_data.get(f"provision_{pk}_{part}")
                if value not in (None, ""):
                    change[part] = value
            changes.append(change)
        data["changes"] = changes
        return data


class WithdrawForm(Form):
    on = forms.DateField(label=_("Ingetrokken op"), **DATE)
    reason = forms.CharField(label=_("Reden"), **TEXT)


class AppealForm(Form):
    limits_model = Appeal
    level = forms.ChoiceField(label=_("Instantie"), choices=AppealLevel.choices)
    court = forms.CharField(label=_("Rechtbank"))
    case_number = forms.CharField(label=_("Zaaknummer"), required=False)
    lodged_on = forms.DateField(label=_("Ingesteld op"), **DATE)


class JudgmentForm(Form):
    appeal = forms.ModelChoiceField(label=_("Beroep"), queryset=Appeal.objects.none())
    judgment_on = forms.DateField(label=_("Uitspraak op"), **DATE)
    outcome = forms.ChoiceField(label=_("Uitspraak"), choices=AppealOutcome.choices)
    notes = forms.CharField(label=_("Toelichting"), required=False, **TEXT)

    def __init__(self, *args, objection: Objection | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if objection is not None:
            self.fields["appeal"].queryset = Appeal.objects.filter(objection=objection, judgment_on__isnull=True)


class DefaultNoticeForm(Form):
    received_on = forms.DateField(label=_("Ingebrekestelling ontvangen op"), **DATE)


class PenaltySettleForm(Form):
    notice = forms.ModelChoiceField(label=_("Ingebrekestelling"), queryset=DefaultNotice.objects.none())
    on = forms.DateField(label=_("Dwangsom vastgesteld op"), **DATE)

    def __init__(self, *args, objection: Objection | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        notices = DefaultNotice.objects.filter(penalty_decided_on__isnull=True)
        self.fields["notice"].queryset = notices.filter(objection=objection) if objection else notices.none()


STEP_FORMS: dict[str, type[Form]] = {
    "acknowledge": AcknowledgeForm,
    "assign": AssignForm,
    "informal": InformalContactForm,
    "complete": CompleteForm,
    "judge_late": LateJudgeForm,
    "extend": ExtendForm,
    "postpone": PostponeForm,
    "plan_hearing": HearingPlanForm,
    "record_hearing": HearingRecordForm,
    "waive_hearing": HearingWaiveForm,
    "advise": AdviseForm,
    "decide": DecideForm,
    "withdraw": WithdrawForm,
    "appeal": AppealForm,
    "judgment": JudgmentForm,
    "default_notice": DefaultNoticeForm,
    "settle_penalty": PenaltySettleForm,
}
