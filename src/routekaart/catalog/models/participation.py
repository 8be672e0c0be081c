"""Destinations, instruments and life phases of the walking maps (seeds 000 and 001), linked to building blocks."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ...core import limits
from .blueprint import BuildingBlock


class _Linked(models.Model):
    code = models.SlugField(_("code"), max_length=60, unique=True)
    order = models.PositiveSmallIntegerField(_("volgorde"), validators=limits.within(limits.ORDER))
    name = models.CharField(_("naam"), max_length=200)
    source = models.CharField(_("bron"), max_length=20, blank=True, help_text=_("Het nummer van het brondocument."))
    text = models.TextField(_("tekst van de bron"), blank=True, **limits.text(limits.SUMMARY))

    class Meta:
        abstract = True
        ordering = ["order"]

    def __str__(self) -> str:
        return self.name


class Destination(_Linked):
    building_blocks = models.ManyToManyField(
        BuildingBlock, verbose_name=_("bouwstenen"), related_name="destinations", blank=True
    )

    class Meta(_Linked.Meta):
        verbose_name = _("bestemming")
        verbose_name_plural = _("bestemmingen")


class InstrumentKind(models.TextChoices):
    INSTRUMENT = "instrument", _("Instrument")
    OBLIGATION = "obligation", _("Verplichting")
    NORM = "norm", _("Norm")


class PolicyInstrument(_Linked):
    """An instrument of the Participatiewet as the walking maps name it (beleidsinstrument): loonkostensubsidie,
    jobcoach, also the tegenprestatie (an obligation) and the kostendelersnorm (a norm).

    The catalog's one source of what an instrument is. Participation's `Instrument` is the form in which one is put
    in for a resident, with its rules, and links here (`catalog_instrument`); two forms may share one.
    """

    kind = models.CharField(_("soort"), max_length=20, choices=InstrumentKind.choices)
    building_blocks = models.ManyToManyField(
        BuildingBlock, verbose_name=_("bouwstenen"), related_name="instruments", blank=True
    )

    class Meta(_Linked.Meta):
        verbose_name = _("instrument")
        verbose_name_plural = _("instrumenten")


class LifePhase(_Linked):
    min_age = models.PositiveSmallIntegerField(_("vanaf leeftijd"), validators=limits.within(limits.AGE))
    max_age = models.PositiveSmallIntegerField(
        _("tot leeftijd"), null=True, blank=True, validators=limits.within(limits.AGE)
    )
    title = models.CharField(_("titel"), max_length=200)
    handovers = models.JSONField(
        _("overdrachten"),
        default=list,
        blank=True,
        help_text=_("Lijst van {at_age, text}: de overdracht op die leeftijd."),
    )
    building_blocks = models.ManyToManyField(
        BuildingBlock, verbose_name=_("bouwstenen"), related_name="life_phases", blank=True
    )

    class Meta(_Linked.Meta):
        verbose_name = _("levensfase")
        verbose_name_plural = _("levensfasen")
