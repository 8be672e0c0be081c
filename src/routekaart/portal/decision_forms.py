"""The objection form of Mijn Routekaart: why the resident disagrees, and, after the term, why it comes late. Its
fields carry the names of legal.services.objection_register's arguments, so a refusal lands beside its field."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..core import limits
from ..core.forms import Form


class ObjectionForm(Form):
    """`grounds` and `late_reason` are the service's field names."""

    grounds = forms.CharField(
        label=_("Waarom bent u het niet eens met dit besluit?"),
        help_text=_("Schrijf in uw eigen woorden wat er volgens u niet klopt. U hoeft geen wetsartikelen te noemen."),
        max_length=limits.SUMMARY,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("Schrijf waarom u het niet eens bent met het besluit.")},
    )
    late_reason = forms.CharField(
        label=_("Waarom maakt u nu pas bezwaar?"),
        help_text=_(
            "De termijn voor bezwaar is voorbij. Vertel waarom het niet eerder lukte, bijvoorbeeld omdat u ziek was "
            "of de brief niet kreeg. Dan kijken wij of wij uw bezwaar toch kunnen behandelen."
        ),
        max_length=limits.NOTE,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, late: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not late:
            del self.fields["late_reason"]
