"""Which version of which data file is loaded: what makes loading idempotent."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ...core import limits


class ConfigurationVersion(models.Model):
    name = models.CharField(_("bestand"), max_length=100, help_text=_("Bijvoorbeeld blueprint of preset:<code>."))
    version = models.PositiveIntegerField(_("versie"), validators=limits.within(limits.VERSION))
    effective_from = models.DateField(_("geldig vanaf"), validators=limits.planned())
    checksum = models.CharField(_("controlegetal (SHA-256)"), max_length=64)
    loaded_at = models.DateTimeField(_("geladen op"), auto_now_add=True, validators=limits.happened())

    class Meta:
        verbose_name = _("geladen configuratieversie")
        verbose_name_plural = _("geladen configuratieversies")
        ordering = ["name", "version"]
        constraints = [models.UniqueConstraint(fields=["name", "version"], name="unique_configuration_version")]

    def __str__(self) -> str:
        return f"{self.name} v{self.version}"
