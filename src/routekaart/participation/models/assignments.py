"""What is put in for a resident, by whom, at what cost, and what came of it; and the budget it is paid from."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ...core import limits
from .configuration import Instrument, Result, SpendingLine
from .standing import WageValueDetermination


class AssignmentStatus(models.TextChoices):
    """The states of an assignment; the allowed transitions are declared once, in `workflow.py`."""

    PROPOSED = "proposed", _("Voorgesteld")
    GRANTED = "granted", _("Toegekend")
    REFUSED = "refused", _("Afgewezen")
    ACTIVE = "active", _("Loopt")
    ENDED = "ended", _("Afgerond")
    CANCELLED = "cancelled", _("Vervallen")


class Assignment(models.Model):
    """An instrument used for a resident: an assignment to a provider, with a decision where the law requires one.

    Invariants that need no other row live here (dates in order); the rules that read configuration or other rows
    (duration, target-group register, UWV advice, exemption, additionality) are checked by the services.
    """

    resident = models.ForeignKey(
        "residents.Resident", on_delete=models.PROTECT, related_name="participation_assignments"
    )
    municipality = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": "municipality"},
    )
    instrument = models.ForeignKey(Instrument, verbose_name=_("instrument"), on_delete=models.PROTECT, related_name="+")
    provider = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("aanbieder"),
        on_delete=models.PROTECT,
        related_name="participation_assignments",
    )
    employer = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("werkgever"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=AssignmentStatus.choices, default=AssignmentStatus.PROPOSED
    )
    goal = models.TextField(_("doel"), blank=True, **limits.text(limits.SUMMARY))
    planned_start = models.DateField(_("geplande start"), validators=limits.planned())
    planned_end = models.DateField(_("gepland einde"), validators=limits.planned())
    started_on = models.DateField(_("gestart op"), null=True, blank=True, validators=limits.planned())
    ended_on = models.DateField(_("geëindigd op"), null=True, blank=True, validators=limits.planned())
    hours_per_week = models.DecimalField(
        _("uren per week"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=limits.within(limits.HOURS_PER_WEEK_DECIMAL),
    )
    wage_value = models.ForeignKey(
        WageValueDetermination,
        verbose_name=_("loonwaarde"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assignments",
    )
    monthly_cost = models.DecimalField(
        _("kosten per maand"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=limits.within(limits.MONTHLY_AMOUNT),
    )
    additionality_reason = models.TextField(
        _("waarom dit aanvullend is op regulier werk"),
        blank=True,
        help_text=_("Tegenprestatie: geen verdringing van regulier werk (startnotitie participatie Zaanstad, 5.1)."),
        **limits.text(limits.NOTE),
    )
    uwv_advice_on = models.DateField(_("advies UWV op"), null=True, blank=True, validators=limits.happened())
    uwv_advice_positive = models.BooleanField(_("advies UWV positief"), null=True, blank=True)
    uwv_advice_reference = models.CharField(_("kenmerk advies UWV"), max_length=60, blank=True)
    decision_on = models.DateField(_("besluit op"), null=True, blank=True, validators=limits.happened())
    decision_granted = models.BooleanField(_("toegekend"), null=True, blank=True)
    decision_reference = models.CharField(_("kenmerk beschikking"), max_length=60, blank=True)
    result = models.ForeignKey(
        Result, verbose_name=_("resultaat"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    left_social_assistance = models.BooleanField(_("uitgestroomd uit de bijstand"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    created_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True, validators=limits.happened())

    class Meta:
        verbose_name = _("opdracht")
        verbose_name_plural = _("opdrachten")
        ordering = ["-planned_start", "-id"]
        indexes = [
            models.Index(fields=["status", "planned_end"], name="participation_ending_idx"),
            models.Index(fields=["resident", "planned_start"], name="participation_assign_res_idx"),
            models.Index(fields=["provider", "status"], name="participation_provider_idx"),
            models.Index(fields=["municipality", "ended_on"], name="participation_outcome_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(planned_end__gt=models.F("planned_start")),
                name="assignment_ends_after_it_starts",
                violation_error_message=_("Het geplande einde ligt na de geplande start."),
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(started_on__isnull=True)
                | models.Q(ended_on__gte=models.F("started_on")),
                name="assignment_ended_after_start",
                violation_error_message=_("De einddatum ligt niet vóór de startdatum."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.instrument} → {self.provider} ({self.resident_id})"

    @property
    def end(self):
        """The date it ends (or ended): the actual end when known, else the planned one."""
        return self.ended_on or self.planned_end

    @property
    def start(self):
        return self.started_on or self.planned_start


class Commitment(models.Model):
    """What an assignment commits of the budget in one month (a granted or running assignment's schedule).

    Kept per month so that the budget monitor sums indexed rows instead of calculating schedules, and so that the
    declining LKS-MDP is committed as it declines. Instrument, line and municipality are copied for the sums.
    """

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="commitments")
    month = models.DateField(_("maand"), validators=limits.planned())
    amount = models.DecimalField(_("bedrag"), max_digits=12, decimal_places=2, validators=limits.within(limits.AMOUNT))
    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="+")
    spending_line = models.ForeignKey(SpendingLine, on_delete=models.PROTECT, related_name="+")
    municipality = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("verplichting")
        verbose_name_plural = _("verplichtingen")
        # Covering: the monitor's sums read the index only.
        indexes = [
            models.Index(fields=["municipality", "month", "instrument", "amount"], name="participation_commit_idx")
        ]
        constraints = [
            models.UniqueConstraint(fields=["assignment", "month"], name="one_commitment_per_assignment_month")
        ]

    def __str__(self) -> str:
        return f"{self.assignment_id} {self.month:%Y-%m}: {self.amount}"


class Expenditure(models.Model):
    """Money actually paid for an assignment (an invoice of the provider, a subsidy payment to the employer)."""

    assignment = models.ForeignKey(Assignment, on_delete=models.PROTECT, related_name="expenditures")
    booked_on = models.DateField(_("geboekt op"), validators=limits.happened())
    amount = models.DecimalField(_("bedrag"), max_digits=12, decimal_places=2, validators=limits.within(limits.AMOUNT))
    description = models.CharField(_("omschrijving"), max_length=200, blank=True)
    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="+")
    spending_line = models.ForeignKey(SpendingLine, on_delete=models.PROTECT, related_name="+")
    municipality = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    created_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True, validators=limits.happened())

    class Meta:
        verbose_name = _("uitgave")
        verbose_name_plural = _("uitgaven")
        indexes = [
            models.Index(fields=["municipality", "booked_on", "instrument", "amount"], name="participation_spend_idx")
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(amount=0),
                name="expenditure_not_zero",
                violation_error_message=_("Een uitgave is niet nul."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.assignment_id} {self.booked_on}: {self.amount}"


class Budget(models.Model):
    """The year's budget of a municipality for a spending line, or for one instrument within it."""

    municipality = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": "municipality"},
    )
    year = models.PositiveSmallIntegerField(_("jaar"), validators=limits.within(limits.YEAR))
    spending_line = models.ForeignKey(
        SpendingLine, verbose_name=_("begrotingspost"), on_delete=models.PROTECT, related_name="budgets"
    )
    instrument = models.ForeignKey(
        Instrument, verbose_name=_("instrument"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    amount = models.DecimalField(_("budget"), max_digits=14, decimal_places=2, validators=limits.within(limits.AMOUNT))
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True, validators=limits.happened())

    class Meta:
        verbose_name = _("budget")
        verbose_name_plural = _("budgetten")
        ordering = ["year", "spending_line__order", "instrument__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "year", "spending_line"],
                condition=models.Q(instrument__isnull=True),
                name="one_budget_per_line_year",
            ),
            models.UniqueConstraint(
                fields=["municipality", "year", "instrument"],
                condition=models.Q(instrument__isnull=False),
                name="one_budget_per_instrument_year",
            ),
            models.CheckConstraint(
                condition=models.Q(amount__gte=0),
                name="budget_not_negative",
                violation_error_message=_("Een budget is niet negatief."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.instrument or self.spending_line}: {self.amount}"
