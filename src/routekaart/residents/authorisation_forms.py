"""The staff form of a machtiging, as signed at the counter: the principal among the household's members, the agent
found by BSN and birth date together."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..core.forms import Form
from ..organisations.roles import Domain
from .authorisation_services import EVERYTHING
from .models import Authorisation

AGENT_NOT_FOUND = _(
    "Wij vinden geen inwoner met dit BSN en deze geboortedatum. Controleer beide gegevens op het formulier."
)


class AuthorisationForm(Form):
    limits_model = Authorisation

    principal = forms.TypedChoiceField(label=_("Wie geeft de machtiging"), coerce=int)
    agent_bsn = forms.CharField(
        label=_("BSN van de gemachtigde"), max_length=11, help_text=_("Zoals op het ondertekende formulier.")
    )
    agent_birth_date = forms.DateField(
        label=_("Geboortedatum van de gemachtigde"), widget=forms.DateInput(attrs={"type": "date"})
    )
    domains = forms.MultipleChoiceField(
        label=_("Waarvoor"),
        choices=[(EVERYTHING, _("Alle gegevens")), *Domain.choices],
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Kies 'Alle gegevens', of de domeinen die op het formulier staan."),
    )
    valid_from = forms.DateField(label=_("Geldig vanaf"), widget=forms.DateInput(attrs={"type": "date"}))
    valid_to = forms.DateField(
        label=_("Geldig tot"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Laat leeg als de machtiging geldt tot zij wordt ingetrokken."),
    )

    def __init__(self, *args, members=(), **kwargs) -> None:
        kwargs.setdefault("initial", {"valid_from": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.fields["principal"].choices = [(r.pk, r.full_name) for r in members]

    def clean_agent_bsn(self) -> str:
        return "".join((self.cleaned_data.get("agent_bsn") or "").split())
