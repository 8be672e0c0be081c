"""The journal's forms: a note and a document. The choices (members, domains) are those the access check opens."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ..core.forms import Form
from ..organisations.roles import Domain
from .models import Document, Note, Visibility

WHOLE_HOUSEHOLD = ""


class JournalEntryForm(Form):
    """What a note and a document share: about whom, in which domain, and for whom it is visible."""

    resident = forms.TypedChoiceField(
        label=_("Over"), coerce=int, required=False, empty_value=None, help_text=_("Het hele huishouden of één lid.")
    )
    domain = forms.ChoiceField(label=_("Domein"), help_text=_("Alleen wie dit domein mag zien, ziet dit."))
    visibility = forms.ChoiceField(
        label=_("Zichtbaar voor"), choices=Visibility.choices, initial=Visibility.INVOLVED, widget=forms.RadioSelect
    )

    def __init__(self, *args, members=(), domains=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["resident"].choices = [(WHOLE_HOUSEHOLD, _("Het hele huishouden"))] + [
            (r.pk, r.full_name) for r in members
        ]
        self.fields["domain"].choices = [(value, label) for value, label in Domain.choices if value in domains]


class NoteForm(JournalEntryForm):
    limits_model = Note

    text = forms.CharField(
        label=_("Notitie"),
        help_text=_("Schrijf feiten en afspraken op. Noem geen BSN. Een notitie kan later niet worden gewijzigd."),
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    corrects = forms.IntegerField(required=False, widget=forms.HiddenInput)


class DocumentForm(JournalEntryForm):
    limits_model = Document

    title = forms.CharField(label=_("Titel"), required=False, help_text=_("Laat leeg om de bestandsnaam te gebruiken."))
    file = forms.FileField(label=_("Bestand"), allow_empty_file=True)

    def __init__(self, *args, kinds: str = "", limit: str = "", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("Toegestaan: %(kinds)s; ten hoogste %(limit)s MB.") % {
            "kinds": kinds,
            "limit": limit,
        }
