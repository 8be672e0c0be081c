"""Forms of beheer markt: they parse input; services/market.py holds the rules (AGB, KvK, terms, tariffs)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..core.forms import Form
from . import selectors
from .models import Contract, ContractProduct, Location, ProviderProfile, PurchasingRoute, Tariff

DATE = {"widget": forms.DateInput(attrs={"type": "date"})}


class ProviderProfileForm(Form):
    limits_model = ProviderProfile
    organisation = forms.ModelChoiceField(
        label=_("Aanbieder"),
        queryset=selectors.provider_organisations().prefetch_related(None).filter(provider_profile__isnull=True),
        help_text=_("Een organisatie van de soort aanbieder in het netwerk, nog zonder AGB-code."),
    )
    agb_code = forms.CharField(
        label=_("AGB-code"), max_length=8, help_text=_("Acht cijfers uit het AGB-register van Vektis.")
    )
    kvk_number = forms.CharField(
        label=_("KvK-nummer"), max_length=8, help_text=_("Acht cijfers, zoals in het Handelsregister.")
    )


class LocationForm(Form):
    limits_model = Location
    name = forms.CharField(label=_("Naam"), max_length=200)
    street = forms.CharField(label=_("Adres"), max_length=200, help_text=_("Straat en huisnummer."))
    postcode = forms.CharField(label=_("Postcode"), max_length=7)
    city = forms.CharField(label=_("Plaats"), max_length=100)
    wijk = forms.CharField(label=_("Wijk"), max_length=100, required=False, help_text=_("De wijkcode, zoals WK990101."))


class ContractForm(Form):
    limits_model = Contract
    reference = forms.CharField(label=_("Kenmerk"), max_length=40, help_text=_("Het kenmerk van het contract."))
    provider = forms.ModelChoiceField(
        label=_("Aanbieder"), queryset=selectors.provider_organisations().prefetch_related(None)
    )
    region = forms.ModelChoiceField(label=_("Regio"), queryset=selectors.regions())
    municipalities = forms.ModelMultipleChoiceField(
        label=_("Gemeenten"),
        queryset=selectors.municipalities(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("De gemeenten van de regio waarvoor het contract geldt."),
    )
    purchasing_route = forms.ChoiceField(label=_("Inkoopvorm"), choices=PurchasingRoute.choices)
    steering = forms.ChoiceField(
        label=_("Sturing"),
        choices=Contract._meta.get_field("steering").choices,
        help_text=_("Het sturingsmodel van het cluster: publiek of privaat."),
    )
    starts_on = forms.DateField(label=_("Ingangsdatum"), **DATE)
    ends_on = forms.DateField(label=_("Einddatum"), **DATE)
    budget = forms.DecimalField(
        label=_("Budget (euro)"), max_digits=14, decimal_places=2, min_value=0, required=False, localize=True
    )
    notes = forms.CharField(label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class ContractProductForm(Form):
    limits_model = ContractProduct
    product = forms.ModelChoiceField(label=_("Product"), queryset=selectors.product_list())
    wijken = forms.CharField(
        label=_("Wijken"),
        required=False,
        max_length=500,
        help_text=_("Wijkcodes gescheiden door komma's, zoals WK990101, WK990102. Leeg: in alle wijken."),
    )
    reported_wait_weeks = forms.IntegerField(label=_("Gemelde wachttijd (weken)"), min_value=0, required=False)

    def __init__(self, *args, contract: Contract | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if contract is not None:
            self.fields["product"].queryset = selectors.products_not_in(contract=contract)

    def clean_wijken(self) -> list[str]:
        return [part.strip() for part in self.cleaned_data["wijken"].split(",") if part.strip()]


class TariffForm(Form):
    limits_model = Tariff
    contract_product = forms.ModelChoiceField(label=_("Product"), queryset=ContractProduct.objects.none())
    amount = forms.DecimalField(
        label=_("Tarief per eenheid (euro)"), max_digits=10, decimal_places=2, min_value=0, localize=True
    )
    valid_from = forms.DateField(label=_("Geldig vanaf"), **DATE)
    valid_to = forms.DateField(label=_("Geldig tot en met"), **DATE)

    def __init__(self, *args, contract: Contract | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if contract is not None:
            self.fields["contract_product"].queryset = contract.products.select_related("product")


class OfferFilterForm(Form):
    """The offers page's filters (GET): what a coordinator chooses from, on a day."""

    building_block = forms.TypedChoiceField(label=_("Bouwsteen"), coerce=int, required=False, empty_value=None)
    product = forms.ModelChoiceField(label=_("Product"), queryset=selectors.product_list(), required=False)
    municipality = forms.ModelChoiceField(label=_("Gemeente"), queryset=selectors.municipalities(), required=False)
    wijk = forms.CharField(label=_("Wijk"), max_length=10, required=False, help_text=_("Een wijkcode, zoals WK990101."))
    on = forms.DateField(label=_("Op datum"), required=False, **DATE)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["building_block"].choices = [("", _("Alle bouwstenen")), *selectors.building_block_choices()]

    def filters(self) -> dict:
        data = self.cleaned_data if self.is_valid() else {}
        return {
            "on": data.get("on") or timezone.localdate(),
            "building_block_id": data.get("building_block"),
            "product_id": data["product"].pk if data.get("product") else None,
            "municipality_id": data["municipality"].pk if data.get("municipality") else None,
            "wijk": data.get("wijk") or "",
        }
