"""The complaint form of "Mijn zorg": what went wrong, and how the municipality can reach the resident."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..core import limits
from ..core.forms import Form


class CareComplaintForm(Form):
    """`subject` is the service's field name, so its refusal lands beside the field."""

    subject = forms.CharField(
        label=_("Wat ging er mis?"),
        help_text=_("Schrijf in uw eigen woorden wat er gebeurde en wanneer. Bijvoorbeeld: de begeleider kwam niet."),
        max_length=limits.SUMMARY,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("Schrijf wat er mis ging.")},
    )
    contact = forms.CharField(
        label=_("Hoe kunnen wij u bereiken?"),
        help_text=_("Uw telefoonnummer of e-mailadres. Dan kunnen wij u bellen of mailen over uw klacht."),
        max_length=200,
        error_messages={"required": _("Vul uw telefoonnummer of e-mailadres in.")},
    )
