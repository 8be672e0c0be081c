"""The income app's configuration as loaded from its versioned data files: norms, regulations, working practice."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ...core import limits


class NormVersion(models.Model):
    """The Participatiewet amounts in force from `effective_from` until the next version (data/norms.yaml).

    Versions are never edited in place by hand: a later `effective_from` adds one, a higher file version replaces
    the figures of a provisional one, and every load is an event.
    """

    effective_from = models.DateField(_("geldig vanaf"), unique=True, validators=limits.planned())
    source = models.TextField(_("bron"), **limits.text(limits.NOTE))
    provisional = models.BooleanField(_("voorlopig"), default=False)
    note = models.TextField(_("toelichting"), blank=True, **limits.text(limits.NOTE))
    couple = models.DecimalField(
        _("norm gehuwden"), max_digits=9, decimal_places=2, validators=limits.within(limits.MONTHLY_AMOUNT)
    )
    single = models.DecimalField(
        _("norm alleenstaande"), max_digits=9, decimal_places=2, validators=limits.within(limits.MONTHLY_AMOUNT)
    )
    single_parent = models.DecimalField(
        _("norm alleenstaande ouder"), max_digits=9, decimal_places=2, validators=limits.within(limits.MONTHLY_AMOUNT)
    )
    cost_sharer_base = models.DecimalField(
        _("kostendelersnorm: basis"), max_digits=5, decimal_places=4, validators=limits.within(limits.FRACTION)
    )
    cost_sharer_per_person = models.DecimalField(
        _("kostendelersnorm: per persoon"), max_digits=5, decimal_places=4, validators=limits.within(limits.FRACTION)
    )
    cost_sharer_min_age = models.PositiveSmallIntegerField(
        _("kostendelersnorm: minimumleeftijd medebewoner"), validators=limits.within(limits.AGE)
    )
    disregard_rate = models.DecimalField(
        _("inkomstenvrijlating: deel"), max_digits=5, decimal_places=4, validators=limits.within(limits.FRACTION)
    )
    disregard_months = models.PositiveSmallIntegerField(
        _("inkomstenvrijlating: maanden"), validators=limits.within(limits.MONTHS)
    )
    disregard_cap = models.DecimalField(
        _("inkomstenvrijlating: maximum per maand"),
        max_digits=9,
        decimal_places=2,
        validators=limits.within(limits.MONTHLY_AMOUNT),
    )
    disregard_min_age = models.PositiveSmallIntegerField(
        _("inkomstenvrijlating: minimumleeftijd"), validators=limits.within(limits.AGE)
    )
    file_version = models.CharField(_("versie van het bestand"), max_length=20)
    content_hash = models.CharField(max_length=64)
    loaded_at = models.DateTimeField(_("geladen op"), auto_now=True, validators=limits.happened())

    class Meta:
        verbose_name = _("normbedragen")
        verbose_name_plural = _("normbedragen")
        ordering = ["-effective_from"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(single__lte=models.F("couple")),
                name="norm_single_not_above_couple",
                violation_error_message=_("De norm voor een alleenstaande is hoger dan die voor gehuwden."),
            )
        ]

    def __str__(self) -> str:
        return f"{_('Normbedragen')} {self.effective_from:%d-%m-%Y}"


class Regulation(models.Model):
    """One local regulation or allowance, with its conditions as rules over the household's data (regulations.yaml)."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("naam"), max_length=200)
    description = models.TextField(_("omschrijving"), **limits.text(limits.SUMMARY))
    legal_basis = models.CharField(_("grondslag"), max_length=300)
    building_block = models.CharField(_("bouwsteen"), max_length=120, blank=True)
    conditions = models.JSONField(_("voorwaarden"))
    order = models.PositiveSmallIntegerField(_("volgorde"), validators=limits.within(limits.ORDER))
    effective_from = models.DateField(_("geldig vanaf"), validators=limits.planned())
    effective_to = models.DateField(_("geldig tot"), null=True, blank=True, validators=limits.planned())
    file_version = models.CharField(_("versie van het bestand"), max_length=20)
    content_hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("regeling")
        verbose_name_plural = _("regelingen")
        ordering = ["order"]

    def __str__(self) -> str:
        return self.name

    def is_in_force_on(self, on) -> bool:
        return self.effective_from <= on and (self.effective_to is None or on < self.effective_to)


class PracticeConfiguration(models.Model):
    """The Dienst's working agreements (practice.yaml): review cadence, reminders, life changes, switching, surplus."""

    version = models.CharField(_("versie"), max_length=20, unique=True)
    document = models.JSONField(_("inhoud"))
    content_hash = models.CharField(max_length=64)
    loaded_at = models.DateTimeField(_("geladen op"), auto_now_add=True, validators=limits.happened())

    class Meta:
        verbose_name = _("werkafspraken bestaanszekerheid")
        verbose_name_plural = _("werkafspraken bestaanszekerheid")
        ordering = ["-loaded_at", "-id"]

    def __str__(self) -> str:
        return f"{_('Werkafspraken')} {self.version}"
