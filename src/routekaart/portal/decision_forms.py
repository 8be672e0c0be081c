"""The objection form of Mijn Routekaart: why the resident disagrees, and, after the term, why it comes late."""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..core import limits
from ..core.forms import Form

LATE_PART_LIMIT = 500  # room left in one message (limits.NOTE) for the reason why the objection is late


class ObjectionForm(Form):
    """`text` carries the service's field name, so its refusal lands beside this field."""

    text = forms.CharField(
        label=_("Waarom bent u het niet eens met dit besluit?"),
        help_text=_("Schrijf in uw eigen woorden wat er volgens u niet klopt. U hoeft geen wetsartikelen te noemen."),
        max_length=limits.NOTE - LATE_PART_LIMIT - 50,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("Schrijf waarom u het niet eens bent met het besluit.")},
    )
    late_reason = forms.CharField(
        label=_("Waarom maakt u nu pas bezwaar?"),
        help_text=_(
            "De termijn voor bezwaar is voorbij. Vertel waarom het niet eerder lukte, bijvoorbeeld omdat u ziek was "
            "of de brief niet kreeg. Dan kijken wij of wij uw bezwaar toch kunnen behandelen."
        ),
        max_length=LATE_PART_LIMIT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, late: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not late:
            del self.fields["late_reason"]

    def message_text(self) -> str:
        """The one text the coordinator receives: the objection, and why it is late when the resident said so."""
        text = self.cleaned_data["text"].strip()
        late = (self.cleaned_data.get("late_reason") or "").strip()
        if late:
            text = f"{text}\n\n{gettext('Waarom nu pas bezwaar')}: {late}"
        return text
