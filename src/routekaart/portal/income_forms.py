"""The forms of Mijn inkomen: they only shape input; income's services decide what is valid.

The income report reuses income's own form (the same fields the coordinator fills in). The change report form is the
portal's own; its limits come from income's ChangeReport through the app registry, since the portal imports no
other app's models.
"""

from __future__ import annotations

from django import forms
from django.apps import apps
from django.utils.translation import gettext_lazy as _

from ..core.forms import Form, required_when
from ..income.forms import IncomeReportForm
from ..income.selectors_resident import CHANGE_KIND_CHOICES

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

__all__ = ["ChangeReportForm", "IncomeReportForm"]


class ChangeReportForm(Form):
    limits_model = apps.get_model("income", "ChangeReport")
    kind = forms.ChoiceField(label=_("Wat verandert er?"), choices=CHANGE_KIND_CHOICES, widget=forms.RadioSelect)
    starts_on = forms.DateField(
        label=_("Vanaf welke datum?"),
        widget=DATE,
        help_text=_("Bij het buitenland: de dag dat u vertrekt."),
    )
    ends_on = required_when(
        forms.DateField(
            label=_("Tot en met welke datum bent u in het buitenland?"),
            widget=DATE,
            help_text=_("De laatste dag dat u weg bent."),
        ),
        _("bij het buitenland, als u de datum weet"),
    )
    ends_unknown = forms.BooleanField(label=_("Dat weet ik nog niet"), required=False)
    details = required_when(
        forms.CharField(
            label=_("Toelichting"),
            widget=forms.Textarea(attrs={"rows": 4}),
            help_text=_("Bij een ander adres: uw nieuwe adres. Bij een andere wijziging: wat er verandert."),
        ),
        _("bij een ander adres of een andere wijziging"),
    )
