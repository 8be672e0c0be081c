"""Forms of registration from the BRP, manual entry and the BRP comparison. The BSN is always posted, never in a URL."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..core.forms import Form
from .models import Gender
from .registration import MANUAL_MIN_REASON


class BrpLookupForm(Form):
    bsn = forms.CharField(
        label=_("BSN"),
        max_length=9,
        min_length=9,
        help_text=_("Negen cijfers. Routekaart vraagt de BRP naar de persoon en wie er op het adres woont."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )


class ManualRegistrationForm(Form):
    """The same data as the BRP gives, by hand, with a reason; used only when the BRP has no answer."""

    reason = forms.CharField(
        label=_("Waarom registreert u handmatig?"),
        help_text=_("Bijvoorbeeld: de BRP gaf geen antwoord, of de persoon is nog niet ingeschreven. Noem geen BSN."),
        min_length=MANUAL_MIN_REASON,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"min_length": _("Beschrijf de reden in ten minste %(limit_value)d tekens.")},
    )
    bsn = forms.CharField(
        label=_("BSN"), max_length=9, min_length=9, widget=forms.TextInput(attrs={"inputmode": "numeric"})
    )
    given_names = forms.CharField(label=_("Voornamen"), max_length=200)
    name_prefix = forms.CharField(label=_("Tussenvoegsel"), max_length=20, required=False)
    family_name = forms.CharField(label=_("Achternaam"), max_length=200)
    birth_date = forms.DateField(label=_("Geboortedatum"), widget=forms.DateInput(attrs={"type": "date"}))
    gender = forms.ChoiceField(label=_("Geslacht"), choices=Gender.choices, initial=Gender.UNKNOWN)
    street = forms.CharField(label=_("Straat"), max_length=200, required=False)
    house_number = forms.IntegerField(label=_("Huisnummer"), min_value=1, max_value=99999, required=False)
    house_number_addition = forms.CharField(label=_("Toevoeging"), max_length=10, required=False)
    postcode = forms.CharField(label=_("Postcode"), max_length=7, required=False)
    city = forms.CharField(label=_("Woonplaats"), max_length=200, required=False)


class BrpApplyForm(Form):
    """Confirming the differences shown for one member: which member, and which fields were on screen."""

    resident = forms.IntegerField(widget=forms.HiddenInput)
    changed = forms.CharField(widget=forms.HiddenInput)

    def clean_changed(self) -> list[str]:
        return [name for name in self.cleaned_data["changed"].split(",") if name]
