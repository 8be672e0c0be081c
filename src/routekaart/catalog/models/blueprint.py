"""The bouwtekening: zones, clusters and building blocks (seed 003).

A building block's attributes live in versions, each effective from a date, so a decision of last year can still
show the catalog as it was then. The `BuildingBlock` row is only the identity that other apps point at.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ...core import limits
from ...organisations.roles import Domain

# The seed's J, W and P columns are the first three domains of personal data (organisations.roles.Domain).
BLOCK_DOMAINS = [Domain.YOUTH, Domain.SUPPORT, Domain.PARTICIPATION]
DOMAIN_ORDER = "JWP"
# Every non-empty combination, written in J-W-P order: what the `domains` column may hold.
DOMAIN_COMBINATIONS = ["J", "W", "P", "JW", "JP", "WP", "JWP"]


def domains_as_text(domains) -> str:
    """The canonical stored form: the letters in J-W-P order, each once (["P", "J"] -> "JP")."""
    chosen = set(domains)
    return "".join(letter for letter in DOMAIN_ORDER if letter in chosen)


class ZoneCode(models.TextChoices):
    FRONT = "front", _("Voorveld")
    ACCESS = "access", _("Toegang")
    MANAGEMENT = "management", _("Beheer")
    TAILORED = "tailored", _("Maatwerkvoorzieningen")


class ZoneColour(models.TextChoices):
    GREEN = "green", _("Groen")
    YELLOW = "yellow", _("Geel")
    BLUE = "blue", _("Blauw")


class Zone(models.Model):
    code = models.CharField(_("code"), max_length=20, choices=ZoneCode.choices, unique=True)
    order = models.PositiveSmallIntegerField(_("volgorde"), validators=limits.within(limits.ORDER))
    name = models.CharField(_("naam"), max_length=100)
    long_name = models.CharField(_("volledige naam"), max_length=200, blank=True)
    colour = models.CharField(_("kleur"), max_length=10, choices=ZoneColour.choices)
    decision_required = models.BooleanField(
        _("beschikking nodig"),
        null=True,
        help_text=_("Ja voor maatwerkvoorzieningen, nee voor het voorveld; leeg waar het niet van toepassing is."),
    )
    section = models.CharField(_("paragraaf"), max_length=10, blank=True)
    description = models.TextField(_("omschrijving"), blank=True, **limits.text(limits.SUMMARY))

    class Meta:
        verbose_name = _("zone")
        verbose_name_plural = _("zones")
        ordering = ["order"]

    def __str__(self) -> str:
        return self.name


class Cluster(models.Model):
    code = models.SlugField(_("code"), max_length=60, unique=True)
    zone = models.ForeignKey(Zone, verbose_name=_("zone"), on_delete=models.PROTECT, related_name="clusters")
    order = models.PositiveSmallIntegerField(_("volgorde"), validators=limits.within(limits.ORDER))
    name = models.CharField(_("naam"), max_length=200)
    long_name = models.CharField(_("volledige naam"), max_length=200, blank=True)
    appendix_label = models.CharField(
        _("naam in bijlage 2"), max_length=200, blank=True, help_text=_("Alleen waar de tabel het anders noemt.")
    )
    section = models.CharField(_("paragraaf"), max_length=10, blank=True)
    figure = models.CharField(_("afbeelding"), max_length=40, blank=True)
    tasks = models.TextField(_("taken en activiteiten"), blank=True, **limits.text(limits.SUMMARY))
    relations = models.TextField(_("relatie met andere clusters"), blank=True, **limits.text(limits.SUMMARY))
    note = models.TextField(_("toelichting op de overname"), blank=True, **limits.text(limits.NOTE))

    class Meta:
        verbose_name = _("cluster")
        verbose_name_plural = _("clusters")
        ordering = ["zone__order", "order"]

    def __str__(self) -> str:
        return self.name


class BuildingBlock(models.Model):
    """One bouwsteen in one cluster. A provision the seed lists in several clusters is one row per cluster."""

    cluster = models.ForeignKey(
        Cluster, verbose_name=_("cluster"), on_delete=models.PROTECT, related_name="building_blocks"
    )
    code = models.SlugField(_("code"), max_length=80)
    order = models.PositiveSmallIntegerField(_("volgorde"), validators=limits.within(limits.ORDER))

    class Meta:
        verbose_name = _("bouwsteen")
        verbose_name_plural = _("bouwstenen")
        ordering = ["cluster__zone__order", "cluster__order", "order"]
        constraints = [models.UniqueConstraint(fields=["cluster", "code"], name="unique_building_block_per_cluster")]

    def __str__(self) -> str:
        return self.key

    @property
    def key(self) -> str:
        """`cluster.block`: how data files, the API and other apps name a building block."""
        return f"{self.cluster.code}.{self.code}"


class BuildingBlockVersion(models.Model):
    """What a building block is from `effective_from` on, until a later version takes over."""

    building_block = models.ForeignKey(
        BuildingBlock, verbose_name=_("bouwsteen"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("versie"), validators=limits.within(limits.VERSION))
    effective_from = models.DateField(_("geldig vanaf"), validators=limits.planned())
    is_active = models.BooleanField(
        _("in de catalogus"), default=True, help_text=_("Uit betekent: vanaf deze datum niet meer in de catalogus.")
    )
    name = models.CharField(_("naam"), max_length=200)
    description = models.TextField(_("omschrijving"), blank=True, **limits.text(limits.SUMMARY))
    domains = models.CharField(_("domeinen"), max_length=3, help_text=_("J, W en/of P, in die volgorde."))
    heading = models.CharField(_("noemer"), max_length=100, blank=True)
    appendix_name = models.CharField(_("naam in bijlage 2"), max_length=200, blank=True)
    note = models.TextField(_("toelichting op de overname"), blank=True, **limits.text(limits.NOTE))
    source = models.CharField(_("bron"), max_length=100, help_text=_("Het databestand en zijn versie, of beheer."))
    reason = models.TextField(_("reden van de wijziging"), blank=True, **limits.text(limits.NOTE))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("gewijzigd door"), on_delete=models.SET_NULL, null=True, blank=True
    )
    created_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True, validators=limits.happened())

    class Meta:
        verbose_name = _("versie van een bouwsteen")
        verbose_name_plural = _("versies van bouwstenen")
        ordering = ["building_block", "effective_from", "number"]
        constraints = [
            models.UniqueConstraint(fields=["building_block", "number"], name="unique_building_block_version"),
            models.CheckConstraint(condition=models.Q(domains__in=DOMAIN_COMBINATIONS), name="domains_are_jwp"),
        ]
        indexes = [models.Index(fields=["building_block", "effective_from"], name="catalog_bbv_block_date")]

    def __str__(self) -> str:
        return f"{self.name} (v{self.number}, {self.effective_from:%d-%m-%Y})"

    @property
    def domain_list(self) -> list[str]:
        return list(self.domains)
