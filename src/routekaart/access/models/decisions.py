"""Beschikkingen: the formal decisions that grant or refuse tailored provisions (maatwerk building blocks)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ...core import limits


class Decision(models.Model):
    """A decision letter's content, under one law (J, W or P: each has its own legal regime and letter).

    It needs an active plan, except urgent help after an AMHK/Crisis signal.
    """

    case = models.ForeignKey("access.Case", on_delete=models.PROTECT, related_name="decisions")
    household = models.ForeignKey("residents.Household", on_delete=models.PROTECT, related_name="+")
    plan = models.ForeignKey(
        "access.Plan",
        verbose_name=_("plan van aanpak"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decisions",
    )
    reference = models.CharField(_("kenmerk"), max_length=30, unique=True)
    addressee = models.ForeignKey(
        "residents.Resident", verbose_name=_("aan"), on_delete=models.PROTECT, related_name="+"
    )
    law = models.CharField(_("wet (domein)"), max_length=1)
    decided_on = models.DateField(_("datum besluit"), validators=limits.happened())
    urgent = models.BooleanField(_("spoedhulp (AMHK/Crisis)"), default=False)
    application_on = models.DateField(
        _("aanvraag of melding ontvangen op"), null=True, blank=True, validators=limits.happened()
    )
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    objection_weeks = models.PositiveSmallIntegerField(
        _("bezwaartermijn in weken"), validators=limits.within(limits.WEEKS)
    )
    objection_basis = models.CharField(_("grondslag bezwaartermijn"), max_length=100)
    created_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True, validators=limits.happened())

    class Meta:
        verbose_name = _("beschikking")
        verbose_name_plural = _("beschikkingen")
        ordering = ["decided_on", "id"]
        indexes = [models.Index(fields=["household", "decided_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(plan__isnull=False) | Q(urgent=True),
                name="decision_needs_a_plan_unless_urgent",
                violation_error_message=_(
                    "Een beschikking vraagt om een actief plan van aanpak, "
                    "behalve spoedhulp na een melding bij AMHK/Crisis."
                ),
            ),
            models.CheckConstraint(condition=Q(law__in=["J", "W", "P"]), name="decision_law_is_jwp"),
        ]

    def __str__(self) -> str:
        return self.reference


class ProvisionOutcome(models.TextChoices):
    GRANTED = "granted", _("Toegekend")
    REFUSED = "refused", _("Afgewezen")


class ProvisionUnit(models.TextChoices):
    HOURS_PER_WEEK = "hours_per_week", _("uur per week")
    DAY_PARTS_PER_WEEK = "day_parts_per_week", _("dagdelen per week")
    DAYS_PER_WEEK = "days_per_week", _("dagen per week")
    NIGHTS_PER_MONTH = "nights_per_month", _("etmalen per maand")
    HOURS_TOTAL = "hours_total", _("uur in totaal")
    EUROS = "euros", _("euro")
    PIECES = "pieces", _("stuks")
    TRAJECTORY = "trajectory", _("traject")


class TailoredProvision(models.Model):
    """Maatwerkvoorziening: one catalog building block of the tailored zone, granted or refused, under one law."""

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="provisions")
    building_block = models.ForeignKey(
        "catalog.BuildingBlock", verbose_name=_("voorziening"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("naam"), max_length=200)
    cluster_code = models.SlugField(_("cluster"), max_length=60)
    outcome = models.CharField(_("besluit"), max_length=10, choices=ProvisionOutcome.choices)
    law = models.CharField(_("wet (domein)"), max_length=1)
    legal_basis = models.CharField(_("grondslag"), max_length=200)
    starts_on = models.DateField(_("ingangsdatum"), null=True, blank=True, validators=limits.planned())
    ends_on = models.DateField(_("einddatum"), null=True, blank=True, validators=limits.planned())
    volume = models.DecimalField(
        _("omvang"), max_digits=8, decimal_places=2, null=True, blank=True, validators=limits.within(limits.VOLUME)
    )
    unit = models.CharField(_("eenheid"), max_length=20, choices=ProvisionUnit.choices, blank=True)
    provider = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("aanbieder"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reasoning = models.TextField(_("motivering"), **limits.text(limits.REPORT))

    class Meta:
        verbose_name = _("maatwerkvoorziening")
        verbose_name_plural = _("maatwerkvoorzieningen")
        ordering = ["decision", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(starts_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="provision_ends_after_it_starts",
                violation_error_message=_("De einddatum ligt vóór de ingangsdatum."),
            ),
            models.CheckConstraint(
                condition=~Q(outcome="granted")
                | (Q(starts_on__isnull=False) & Q(ends_on__isnull=False) & Q(volume__isnull=False) & ~Q(unit="")),
                name="granted_provision_has_period_and_volume",
                violation_error_message=_(
                    "Een toegekende voorziening heeft een ingangsdatum, einddatum, omvang en eenheid."
                ),
            ),
            models.CheckConstraint(condition=Q(law__in=["J", "W", "P"]), name="provision_law_is_jwp"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_outcome_display()})"

    def in_force_on(self, on) -> bool:
        return self.outcome == ProvisionOutcome.GRANTED and self.starts_on <= on <= self.ends_on
