"""The market the region manages (seed 003, cluster beheer markt): products as reference data, providers with their
AGB code and KvK number, their locations, and the contracts with products and tariffs per period."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ...catalog.models import SteeringMode
from ...core import limits
from ..identifiers import validate_agb, validate_kvk
from ..standard import validate_frequency, validate_unit


class Law(models.TextChoices):
    YOUTH = "J", _("Jeugdwet (iJw)")
    SUPPORT = "W", _("Wmo 2015 (iWmo)")


class Product(models.Model):
    """A product of the iStandaarden product code list (category + code), loaded from data/products.yaml."""

    law = models.CharField(_("wet"), max_length=1, choices=Law.choices)
    category_code = models.CharField(_("productcategorie"), max_length=2)
    category_name = models.CharField(_("naam productcategorie"), max_length=200)
    code = models.CharField(_("productcode"), max_length=5)
    name = models.CharField(_("naam"), max_length=200)
    unit = models.CharField(_("eenheid"), max_length=2, validators=[validate_unit])
    frequency = models.CharField(_("frequentie"), max_length=1, validators=[validate_frequency])
    building_block = models.ForeignKey(
        "catalog.BuildingBlock", verbose_name=_("bouwsteen"), on_delete=models.PROTECT, related_name="+"
    )
    version = models.CharField(_("versie"), max_length=20)

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("producten")
        ordering = ["law", "category_code", "code"]
        constraints = [
            models.UniqueConstraint(fields=["law", "category_code", "code"], name="product_code_unique_per_law")
        ]

    def __str__(self) -> str:
        return f"{self.category_code}{self.code} {self.name}"


class ProviderProfile(models.Model):
    """What the market needs to know of a provider organisation beyond the network: its AGB code and KvK number."""

    organisation = models.OneToOneField(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="provider_profile"
    )
    agb_code = models.CharField(_("AGB-code"), max_length=8, unique=True, validators=[validate_agb])
    kvk_number = models.CharField(_("KvK-nummer"), max_length=8, validators=[validate_kvk])

    class Meta:
        verbose_name = _("aanbiedergegevens")
        verbose_name_plural = _("aanbiedergegevens")

    def __str__(self) -> str:
        return f"{self.organisation} ({self.agb_code})"


class Location(models.Model):
    provider = models.ForeignKey(ProviderProfile, on_delete=models.CASCADE, related_name="locations")
    name = models.CharField(_("naam"), max_length=200)
    street = models.CharField(_("adres"), max_length=200)
    postcode = models.CharField(_("postcode"), max_length=7)
    city = models.CharField(_("plaats"), max_length=100)
    wijk = models.CharField(_("wijk"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("locatie")
        verbose_name_plural = _("locaties")
        ordering = ["provider", "name"]

    def __str__(self) -> str:
        return self.name


class PurchasingRoute(models.TextChoices):
    TENDER = "tender", _("Aanbesteding")
    OPEN_HOUSE = "open_house", _("Open house")
    SUBSIDY = "subsidy", _("Subsidie")


class Contract(models.Model):
    """A contract of the region (or a municipality) with a provider, for a term, under one purchasing route."""

    reference = models.CharField(_("kenmerk"), max_length=40, unique=True)
    provider = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("aanbieder"), on_delete=models.PROTECT, related_name="+"
    )
    region = models.ForeignKey("organisations.Region", verbose_name=_("regio"), on_delete=models.PROTECT)
    municipalities = models.ManyToManyField("organisations.Organisation", verbose_name=_("gemeenten"), related_name="+")
    purchasing_route = models.CharField(_("inkoopvorm"), max_length=20, choices=PurchasingRoute.choices)
    steering = models.CharField(_("sturing"), max_length=10, choices=SteeringMode.choices)
    starts_on = models.DateField(_("ingangsdatum"), validators=limits.planned())
    ends_on = models.DateField(_("einddatum"), validators=limits.planned())
    budget = models.DecimalField(
        _("budget"), max_digits=14, decimal_places=2, null=True, blank=True, validators=limits.within(limits.AMOUNT)
    )
    notes = models.TextField(_("toelichting"), **limits.text(limits.NOTE), blank=True)
    created_at = models.DateTimeField(auto_now_add=True, validators=limits.happened())

    class Meta:
        verbose_name = _("contract")
        verbose_name_plural = _("contracten")
        ordering = ["-starts_on", "reference"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="market_contract_ends_after_it_starts",
                violation_error_message=_("De einddatum ligt vóór de ingangsdatum."),
            )
        ]

    def __str__(self) -> str:
        return self.reference


class ContractProduct(models.Model):
    """A product a contract covers, in the wijken it names (none: everywhere the contract runs)."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="products")
    product = models.ForeignKey(Product, verbose_name=_("product"), on_delete=models.PROTECT, related_name="+")
    wijken = models.JSONField(_("wijken"), default=list, blank=True)
    reported_wait_weeks = models.PositiveSmallIntegerField(
        _("gemelde wachttijd (weken)"), null=True, blank=True, validators=limits.within(limits.WEEKS)
    )
    reported_on = models.DateField(_("wachttijd gemeld op"), null=True, blank=True, validators=limits.happened())

    class Meta:
        verbose_name = _("gecontracteerd product")
        verbose_name_plural = _("gecontracteerde producten")
        ordering = ["contract", "product"]
        constraints = [models.UniqueConstraint(fields=["contract", "product"], name="contract_product_once")]

    def __str__(self) -> str:
        return f"{self.contract} · {self.product}"


class Tariff(models.Model):
    """The price of one unit of a contracted product in a period; periods of one product do not overlap."""

    contract_product = models.ForeignKey(ContractProduct, on_delete=models.CASCADE, related_name="tariffs")
    amount = models.DecimalField(
        _("tarief per eenheid"), max_digits=10, decimal_places=2, validators=limits.within(limits.AMOUNT)
    )
    unit = models.CharField(_("eenheid"), max_length=2, validators=[validate_unit])
    valid_from = models.DateField(_("geldig vanaf"), validators=limits.planned())
    valid_to = models.DateField(_("geldig tot en met"), validators=limits.planned())

    class Meta:
        verbose_name = _("tarief")
        verbose_name_plural = _("tarieven")
        ordering = ["contract_product", "valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__gte=models.F("valid_from")),
                name="tariff_ends_after_it_starts",
                violation_error_message=_("De einddatum ligt vóór de ingangsdatum."),
            )
        ]

    def __str__(self) -> str:
        return f"€ {self.amount} ({self.valid_from} t/m {self.valid_to})"
