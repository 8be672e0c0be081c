"""Region presets and the sturingsmodel per cluster (seed 003, chapter 2 and each cluster's paragraph).

A steering assignment is versioned like a building block: functioneel beheer changes it by adding a version with
an effective date, and the earlier one stays readable.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from ...core import limits
from .blueprint import Cluster


class Holder(models.TextChoices):
    """Who can hold a regierol (chapter 2): the government in four guises, or the partner that steers."""

    MUNICIPALITY = "municipality", _("Gemeente")
    SERVICE_ORGANISATION = "service_organisation", _("Uitvoeringsdienst")
    REGION = "region", _("Regio")
    CENTRAL_MUNICIPALITY = "central_municipality", _("Centrumgemeente")
    PARTNER = "partner", _("Partner")


class SteeringMode(models.TextChoices):
    PUBLIC = "public", _("Publiek (gemeente zelf of gemeenschappelijke regeling)")
    PRIVATE = "private", _("Privaat (inkoop of subsidie)")


class Scale(models.TextChoices):
    LOCAL = "local", _("Lokaal")
    MUNICIPALITY = "municipality", _("Gemeente")
    SERVICE_ORGANISATION = "service_organisation", _("Werkgebied uitvoeringsdienst")
    CENTRAL_MUNICIPALITY = "central_municipality", _("Centrumgemeente en verbonden gemeenten")
    REGION = "region", _("Regio")
    SUPRA_REGIONAL = "supra_regional", _("Bovenregionaal")
    NATIONAL = "national", _("Landelijk")
    VARIES = "varies", _("Verschillend per voorziening")


class SteeringStatus(models.TextChoices):
    FILLED_IN = "filled_in", _("Ingevuld")
    NOT_FILLED_IN = "not_filled_in", _("Niet ingevuld")
    NO_STEERING_ROLE = "no_steering_role", _("Geen regierol")


class Duty(models.TextChoices):
    COORDINATION_WITH_SERVICE_ORGANISATIONS = (
        "coordination_with_service_organisations",
        _("Afstemmingsplicht met de uitvoeringsdiensten"),
    )
    NO_STEERING_ROLE = "no_steering_role", _("Geen regierol: bestuurlijk overleg over de samenwerking")
    LIMITED_DIRECTION = "limited_direction", _("Beperkte regie")


class RegionPreset(models.Model):
    """A region's configuration, loaded from `data/presets/<code>.yaml`; one preset is the active one."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("naam"), max_length=200)
    description = models.TextField(_("omschrijving"), blank=True, **limits.text(limits.SUMMARY))
    source = models.CharField(_("bron"), max_length=300, blank=True)
    version = models.PositiveIntegerField(_("versie van het bestand"), validators=limits.within(limits.VERSION))
    effective_from = models.DateField(_("geldig vanaf"), validators=limits.planned())
    is_active = models.BooleanField(_("actief"), default=False)
    region = models.ForeignKey(
        "organisations.Region",
        verbose_name=_("regio"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="catalog_presets",
    )

    class Meta:
        verbose_name = _("regio-preset")
        verbose_name_plural = _("regio-presets")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_active"], condition=models.Q(is_active=True), name="one_active_region_preset"
            )
        ]

    def __str__(self) -> str:
        return self.name


def _validate_choices(value, choices: type[models.TextChoices], field: str) -> None:
    if not isinstance(value, list) or any(item not in choices.values for item in value):
        raise ValidationError({field: _("Kies uit: %(choices)s.") % {"choices": ", ".join(choices.values)}})


class SteeringAssignment(models.Model):
    """The sturingsmodel of one cluster in one region, from `effective_from` on."""

    # What the assignment says, as one list: the loader compares it, the admin edits it, the API shows it.
    CONTENT_FIELDS = (
        "status",
        "left_to",
        "policy_direction",
        "delivery_direction",
        "delivery",
        "steering",
        "organisation_scale",
        "delivery_level",
        "procurement_scale",
        "duties",
        "text",
    )

    preset = models.ForeignKey(
        RegionPreset, verbose_name=_("regio-preset"), on_delete=models.CASCADE, related_name="steering"
    )
    cluster = models.ForeignKey(
        Cluster, verbose_name=_("cluster"), on_delete=models.PROTECT, related_name="steering_assignments"
    )
    number = models.PositiveIntegerField(_("versie"), validators=limits.within(limits.VERSION))
    effective_from = models.DateField(_("geldig vanaf"), validators=limits.planned())
    status = models.CharField(_("status"), max_length=20, choices=SteeringStatus.choices)
    left_to = models.JSONField(
        _("overgelaten aan"), default=list, blank=True, help_text=_("Bij 'niet ingevuld': wie het zelf invult.")
    )
    policy_direction = models.JSONField(_("beleidsregie"), default=list, blank=True)
    delivery_direction = models.JSONField(_("uitvoeringsregie"), default=list, blank=True)
    delivery = models.JSONField(_("uitvoering"), default=list, blank=True)
    steering = models.CharField(_("sturingswijze"), max_length=10, choices=SteeringMode.choices, blank=True)
    organisation_scale = models.CharField(_("organisatieschaal"), max_length=30, choices=Scale.choices, blank=True)
    delivery_level = models.CharField(_("niveau van uitvoering"), max_length=30, choices=Scale.choices, blank=True)
    procurement_scale = models.CharField(_("schaal van inkoop"), max_length=30, choices=Scale.choices, blank=True)
    duties = models.JSONField(_("plichten en bijzonderheden"), default=list, blank=True)
    text = models.TextField(_("tekst van de bron"), blank=True, **limits.text(limits.SUMMARY))
    source = models.CharField(_("bron"), max_length=100)
    reason = models.TextField(_("reden van de wijziging"), blank=True, **limits.text(limits.NOTE))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("gewijzigd door"), on_delete=models.SET_NULL, null=True, blank=True
    )
    created_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True, validators=limits.happened())

    class Meta:
        verbose_name = _("sturingsmodel van een cluster")
        verbose_name_plural = _("sturingsmodel per cluster")
        ordering = ["preset", "cluster__zone__order", "cluster__order", "effective_from", "number"]
        constraints = [models.UniqueConstraint(fields=["preset", "cluster", "number"], name="unique_steering_version")]
        indexes = [models.Index(fields=["preset", "cluster", "effective_from"], name="catalog_steer_date")]

    def __str__(self) -> str:
        return f"{self.cluster} — {self.preset} (v{self.number}, {self.effective_from:%d-%m-%Y})"

    def clean(self) -> None:
        for field in ("left_to", "policy_direction", "delivery_direction", "delivery"):
            _validate_choices(getattr(self, field), Holder, field)
        _validate_choices(self.duties, Duty, "duties")
        if self.status == SteeringStatus.NOT_FILLED_IN and not self.left_to:
            raise ValidationError({"left_to": _("Zeg aan wie het sturingsmodel is overgelaten.")})

    @property
    def holder_pairs(self) -> dict[str, list[tuple[str, str]]]:
        """Per role field: (code, Dutch label) of each holder, for pages that colour holders by code."""
        return {
            field: [(value, Holder(value).label) for value in getattr(self, field)]
            for field in ("left_to", "policy_direction", "delivery_direction", "delivery")
        }

    def holder_labels(self, field: str) -> list[str]:
        return [Holder(value).label for value in getattr(self, field)]

    @property
    def policy_direction_labels(self) -> list[str]:
        return self.holder_labels("policy_direction")

    @property
    def delivery_direction_labels(self) -> list[str]:
        return self.holder_labels("delivery_direction")

    @property
    def delivery_labels(self) -> list[str]:
        return self.holder_labels("delivery")

    @property
    def left_to_labels(self) -> list[str]:
        return self.holder_labels("left_to")

    @property
    def duty_labels(self) -> list[str]:
        return [Duty(value).label for value in self.duties]


class ClusterAssignment(models.Model):
    """Which organisations of a region act in a cluster, in the source's own words."""

    preset = models.ForeignKey(
        RegionPreset, verbose_name=_("regio-preset"), on_delete=models.CASCADE, related_name="assignments"
    )
    cluster = models.ForeignKey(
        Cluster, verbose_name=_("cluster"), on_delete=models.PROTECT, related_name="assignments"
    )
    order = models.PositiveSmallIntegerField(_("volgorde"), validators=limits.within(limits.ORDER))
    organisations = models.ManyToManyField(
        "organisations.Organisation", verbose_name=_("organisaties"), related_name="catalog_assignments"
    )
    text = models.TextField(_("tekst van de bron"), blank=True, **limits.text(limits.SUMMARY))
    source = models.CharField(_("bron"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("organisatie in een cluster")
        verbose_name_plural = _("organisaties in clusters")
        ordering = ["preset", "cluster__zone__order", "cluster__order", "order"]
        constraints = [models.UniqueConstraint(fields=["preset", "order"], name="unique_assignment_order")]

    def __str__(self) -> str:
        return f"{self.cluster} — {self.preset}"
