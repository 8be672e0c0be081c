from django import forms
from django.utils.translation import gettext_lazy as _

from ..core.forms import Form
from .models import BLOCK_DOMAINS


class AsOfForm(Form):
    """Show the catalog as it held on a date; empty means today."""

    as_of = forms.DateField(
        label=_("Peildatum"),
        required=False,
        help_text=_("Toon de catalogus zoals die op deze datum gold."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class BlueprintFilterForm(AsOfForm):
    """The filters of the bouwtekening; every field may stay empty."""

    domain = forms.ChoiceField(
        label=_("Domein"),
        required=False,
        choices=[("", _("Alle domeinen")), *[(d.value, d.label) for d in BLOCK_DOMAINS]],
    )
    municipality = forms.ChoiceField(label=_("Gemeente"), required=False)

    field_order = ["domain", "municipality", "as_of"]

    def __init__(self, *args, municipalities=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipality"].choices = [("", _("Alle gemeenten")), *[(m.code, m.name) for m in municipalities]]
