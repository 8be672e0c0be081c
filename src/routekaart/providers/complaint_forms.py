"""The forms of complaint handling (one per Awb step) and the contract review's filter."""

from __future__ import annotations

from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..core.forms import Form, require, required_when
from ..organisations.selectors import organisation_list
from .models import Assignment, Complaint, ComplaintOutcome, Contract, Product

DATE = {"widget": forms.DateInput(attrs={"type": "date"})}
TEXT = {"widget": forms.Textarea(attrs={"rows": 4})}


class ProviderChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.name


class ComplaintForm(Form):
    """A complaint received: about which provider (and where known its contract, assignment, product), from whom."""

    limits_model = Complaint
    provider = ProviderChoiceField(label=_("Aanbieder"), queryset=None)
    assignment = forms.CharField(
        label=_("Toewijzingnummer"),
        max_length=8,
        required=False,
        help_text=_("Het nummer van de toewijzing waarover de klacht gaat; de regisseur vult het altijd in."),
    )
    contract = forms.ModelChoiceField(label=_("Contract"), queryset=Contract.objects.none(), required=False)
    product = forms.ModelChoiceField(label=_("Product"), queryset=Product.objects.none(), required=False)
    complainant_name = forms.CharField(label=_("Naam klager"))
    complainant_contact = forms.CharField(
        label=_("Contactgegevens klager"), required=False, help_text=_("Adres, e-mailadres of telefoonnummer.")
    )
    received_on = forms.DateField(label=_("Ontvangen op"), **DATE)
    subject = forms.CharField(label=_("Waarover gaat de klacht"), **TEXT)
    committee = forms.BooleanField(
        label=_("Klachtadviescommissie"),
        required=False,
        help_text=_("Een commissie adviseert over de klacht: de termijn is dan tien weken in plaats van zes."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = organisation_list().filter(kind="provider").order_by("name")
        self.fields["contract"].queryset = Contract.objects.order_by("reference")
        self.fields["product"].queryset = Product.objects.order_by("law", "category_code", "code")

    def clean_assignment(self) -> Assignment | None:
        number = (self.cleaned_data.get("assignment") or "").strip()
        if not number:
            return None
        assignment = Assignment.objects.select_related("contract_product").filter(number=number).first()
        if assignment is None:
            raise forms.ValidationError(_("Er is geen toewijzing met dit nummer. Vul het nummer in van de toewijzing."))
        return assignment


class AcknowledgeForm(Form):
    acknowledged_on = forms.DateField(label=_("Ontvangstbevestiging verstuurd op"), **DATE)


class HearForm(Form):
    heard_on = forms.DateField(
        label=_("Datum"), help_text=_("De dag van het horen, of de dag dat u besloot af te zien van horen."), **DATE
    )
    waived = forms.BooleanField(label=_("Afgezien van horen (Awb 9:10 lid 2)"), required=False)
    waiver_reason = required_when(
        forms.CharField(label=_("Reden om af te zien van horen"), max_length=2000, **TEXT), _("bij afzien van horen")
    )

    def clean(self) -> dict:
        data = super().clean()
        if data.get("waived"):
            require(self, "waiver_reason")
        return data


class ExtendForm(Form):
    limits_model = Complaint
    extended_on = forms.DateField(label=_("Verdaagd op"), help_text=_("Met vier weken (Awb 9:11 lid 2)."), **DATE)
    extension_reason = forms.CharField(label=_("Reden van de verdaging"), **TEXT)


class DecideForm(Form):
    limits_model = Complaint
    decided_on = forms.DateField(label=_("Afgehandeld op"), **DATE)
    outcome = forms.ChoiceField(label=_("Oordeel"), choices=ComplaintOutcome.choices, widget=forms.RadioSelect)
    conclusions = forms.CharField(label=_("Bevindingen en conclusies"), widget=forms.Textarea(attrs={"rows": 6}))


class WithdrawForm(Form):
    reason = forms.CharField(label=_("Toelichting"), required=False, max_length=2000, **TEXT)


STEP_FORMS = {
    "acknowledge": AcknowledgeForm,
    "hear": HearForm,
    "extend": ExtendForm,
    "decide": DecideForm,
    "withdraw": WithdrawForm,
}


class ReviewFilterForm(Form):
    """The review's filter: a provider, a product and a period (the calendar year so far unless chosen)."""

    provider = forms.TypedChoiceField(label=_("Aanbieder"), coerce=int, required=False, empty_value=None)
    product = forms.TypedChoiceField(label=_("Product"), coerce=int, required=False, empty_value=None)
    starts_on = forms.DateField(label=_("Van"), required=False, **DATE)
    ends_on = forms.DateField(label=_("Tot en met"), required=False, **DATE)

    def __init__(self, *args, providers=(), products=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["provider"].choices = [("", _("Alle aanbieders")), *providers]
        self.fields["product"].choices = [("", _("Alle producten")), *products]

    def clean(self) -> dict:
        data = super().clean()
        today = timezone.localdate()
        starts_on = data.get("starts_on") or date(today.year, 1, 1)
        ends_on = data.get("ends_on") or today
        if "starts_on" not in self.errors and "ends_on" not in self.errors and ends_on < starts_on:
            self.add_error("ends_on", _("De einddatum ligt vóór de begindatum. Vul een latere einddatum in."))
        data["starts_on"], data["ends_on"] = starts_on, ends_on
        return data
