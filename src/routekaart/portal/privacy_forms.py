"""The filter of "Wie zag mijn gegevens": a period and whether to show one's own visits."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..core.forms import Form

PERIODS = (
    ("maand", _("Deze maand")),
    ("jaar", _("De laatste 12 maanden")),
    ("alles", _("Alles")),
)
DEFAULT_PERIOD = "jaar"


class ProcessingLogFilterForm(Form):
    periode = forms.ChoiceField(
        label=_("Welke periode wilt u zien?"), choices=PERIODS, initial=DEFAULT_PERIOD, widget=forms.RadioSelect
    )
    eigen = forms.BooleanField(
        label=_("Ook mijn eigen bezoeken aan Mijn Routekaart tonen"),
        required=False,
        help_text=_("Elke keer dat u hier kijkt, wordt dat ook vastgelegd. Die regels ziet u alleen als u dit aanzet."),
    )

    def period(self) -> str:
        if self.is_bound and self.is_valid():
            return self.cleaned_data["periode"]
        return DEFAULT_PERIOD

    def own_visits(self) -> bool:
        return bool(self.is_bound and self.is_valid() and self.cleaned_data["eigen"])
