"""The shared vocabulary (competences, sectors), where postcode areas lie, and the versioned rules.

All four are configuration, loaded from `work/data/*.yaml` by `work.configuration.work_configuration_load`.
"""

from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from ...core import limits

# Competences and sectors are matched as bits of a 64-bit integer; bit 63 is the sign, so 63 entries at most.
MAX_BITS = 63


class _Vocabulary(models.Model):
    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("naam"), max_length=200)
    bit = models.PositiveSmallIntegerField(
        _("bit"),
        unique=True,
        validators=[limits.MinimumValidator(0), MaxValueValidator(MAX_BITS - 1)],
        help_text=_("Vast, nooit hergebruikt."),
    )
    is_active = models.BooleanField(_("in gebruik"), default=True)

    class Meta:
        abstract = True
        ordering = ["bit"]

    def __str__(self) -> str:
        return self.name


class Competence(_Vocabulary):
    """Something a job asks for and a candidate has: a craft, a certificate, a language level or a work skill."""

    group = models.CharField(_("groep"), max_length=30)

    class Meta(_Vocabulary.Meta):
        verbose_name = _("competentie")
        verbose_name_plural = _("competenties")


class Sector(_Vocabulary):
    class Meta(_Vocabulary.Meta):
        verbose_name = _("sector")
        verbose_name_plural = _("sectoren")


class PostcodeArea(models.Model):
    """Where a four-digit postcode area lies (approximate centroid), for travel distances."""

    pc4 = models.CharField(_("postcodegebied"), max_length=4, unique=True)
    place = models.CharField(_("plaats"), max_length=200)
    latitude = models.FloatField(_("breedtegraad"), validators=limits.within(limits.LATITUDE))
    longitude = models.FloatField(_("lengtegraad"), validators=limits.within(limits.LONGITUDE))
    source = models.CharField(_("bron"), max_length=30, default="configuration")

    class Meta:
        verbose_name = _("postcodegebied")
        verbose_name_plural = _("postcodegebieden")
        ordering = ["pc4"]

    def __str__(self) -> str:
        return f"{self.pc4} {self.place}"


class WorkRules(models.Model):
    """One version of `rules.yaml`: matching weights, placement terms, social-return valuation."""

    version = models.PositiveIntegerField(_("versie"), unique=True, validators=limits.within(limits.VERSION))
    effective_from = models.DateField(_("geldig vanaf"), validators=limits.planned())
    content = models.JSONField(_("inhoud"))
    digest = models.CharField(_("controlegetal"), max_length=64)
    loaded_at = models.DateTimeField(_("geladen op"), auto_now_add=True, validators=limits.happened())

    class Meta:
        verbose_name = _("regels werkgeversdienstverlening")
        verbose_name_plural = _("regels werkgeversdienstverlening")
        ordering = ["-effective_from", "-version"]

    def __str__(self) -> str:
        return f"v{self.version} ({self.effective_from})"
