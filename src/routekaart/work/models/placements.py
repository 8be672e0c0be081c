"""The adviser's decisions in matching, and placements from proposal to the checks at 6 and 12 months.

A decision and a placement concern one opening: a vacancy or an arrangement, never both (a check constraint).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from ...core import limits

ONE_OPENING = models.Q(vacancy__isnull=False, arrangement__isnull=True) | models.Q(
    vacancy__isnull=True, arrangement__isnull=False
)


class _OnOpening(models.Model):
    vacancy = models.ForeignKey(
        "work.Vacancy", verbose_name=_("vacature"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    arrangement = models.ForeignKey(
        "work.Arrangement",
        verbose_name=_("arrangement"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        abstract = True

    @property
    def opening(self):
        return self.vacancy if self.vacancy_id else self.arrangement

    @property
    def opening_kind(self) -> str:
        return "vacancy" if self.vacancy_id else "arrangement"


class MatchDecisionKind(models.TextChoices):
    EXCLUDE = "exclude", _("Uitgesloten door de adviseur")
    INCLUDE = "include", _("Toegevoegd door de adviseur")


class MatchDecision(_OnOpening):
    """The adviser overrules the ranking for one opening: leaves a candidate out, or puts one on the list."""

    profile = models.ForeignKey("work.CandidateProfile", on_delete=models.PROTECT, related_name="match_decisions")
    kind = models.CharField(_("besluit"), max_length=10, choices=MatchDecisionKind.choices)
    reason = models.CharField(_("reden"), max_length=500)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(_("besloten op"), auto_now_add=True, validators=limits.happened())
    lifted_at = models.DateTimeField(_("teruggedraaid op"), null=True, blank=True, validators=limits.happened())

    class Meta:
        verbose_name = _("besluit bij matching")
        verbose_name_plural = _("besluiten bij matching")
        constraints = [
            models.CheckConstraint(condition=ONE_OPENING, name="decision_on_one_opening"),
            models.UniqueConstraint(
                fields=["vacancy", "profile"],
                condition=models.Q(lifted_at__isnull=True, vacancy__isnull=False),
                name="one_live_decision_per_vacancy_candidate",
                violation_error_message=_("Voor deze kandidaat is al een besluit genomen bij deze vacature."),
            ),
            models.UniqueConstraint(
                fields=["arrangement", "profile"],
                condition=models.Q(lifted_at__isnull=True, arrangement__isnull=False),
                name="one_live_decision_per_arrangement_candidate",
                violation_error_message=_("Voor deze kandidaat is al een besluit genomen bij dit arrangement."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.profile_id}"


class PlacementState(models.TextChoices):
    PROPOSED = "proposed", _("Voorgesteld aan de werkgever")
    INTRODUCED = "introduced", _("Kennismaking")
    TRIAL = "trial", _("Proefplaatsing")
    CONTRACTED = "contracted", _("In dienst")
    COACHING = "coaching", _("In dienst, met jobcoaching")
    ENDED = "ended", _("Beëindigd")
    DECLINED = "declined", _("Niet doorgegaan")


class Placement(_OnOpening):
    """A candidate placed (or on the way to being placed) on a vacancy or arrangement with an employer."""

    profile = models.ForeignKey("work.CandidateProfile", on_delete=models.PROTECT, related_name="placements")
    employer = models.ForeignKey("work.Employer", on_delete=models.PROTECT, related_name="placements")
    state = models.CharField(
        _("fase"), max_length=12, choices=PlacementState.choices, default=PlacementState.PROPOSED, db_index=True
    )
    # The proposal: what the ranking said when the adviser chose, and whether the adviser chose against it.
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    proposed_on = models.DateField(_("voorgesteld op"), validators=limits.planned())
    score_at_proposal = models.DecimalField(
        _("score bij voorstel"), max_digits=4, decimal_places=1, null=True, validators=limits.within(limits.SCORE)
    )
    rank_at_proposal = models.PositiveIntegerField(
        _("positie bij voorstel"), null=True, validators=limits.within(limits.COUNT)
    )
    by_override = models.BooleanField(_("buiten de ranglijst om gekozen"), default=False)
    proposal_note = models.CharField(_("toelichting bij het voorstel"), max_length=500, blank=True)
    # Introduction and trial placement (proefplaatsing).
    introduced_on = models.DateField(_("kennismaking op"), null=True, blank=True, validators=limits.planned())
    trial_start = models.DateField(_("proefplaatsing vanaf"), null=True, blank=True, validators=limits.planned())
    trial_end = models.DateField(_("proefplaatsing tot en met"), null=True, blank=True, validators=limits.planned())
    # The contract.
    contract_start = models.DateField(_("in dienst vanaf"), null=True, blank=True, validators=limits.planned())
    contract_end = models.DateField(_("contract tot"), null=True, blank=True, validators=limits.planned())
    contract_hours = models.PositiveSmallIntegerField(
        _("uren per week"), null=True, blank=True, validators=limits.within(limits.HOURS_PER_WEEK)
    )
    hourly_wage = models.DecimalField(
        _("uurloon (€)"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        validators=limits.within(limits.HOURLY_WAGE),
    )
    instruments = models.JSONField(_("instrumenten"), default=list, blank=True)
    counts_for_jobs_agreement = models.BooleanField(_("telt voor de banenafspraak"), default=False)
    # Job coaching.
    coaching_by = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("jobcoach van"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    coaching_start = models.DateField(_("jobcoaching vanaf"), null=True, blank=True, validators=limits.planned())
    coaching_end = models.DateField(_("jobcoaching tot"), null=True, blank=True, validators=limits.planned())
    # The end.
    ended_on = models.DateField(_("beëindigd op"), null=True, blank=True, validators=limits.planned())
    end_reason = models.CharField(_("reden van beëindiging"), max_length=500, blank=True)
    updated_at = models.DateTimeField(auto_now=True, validators=limits.happened())

    class Meta:
        verbose_name = _("plaatsing")
        verbose_name_plural = _("plaatsingen")
        ordering = ["-proposed_on", "-id"]
        indexes = [models.Index(fields=["employer", "state"]), models.Index(fields=["profile", "state"])]
        constraints = [
            models.CheckConstraint(condition=ONE_OPENING, name="placement_on_one_opening"),
            models.CheckConstraint(
                condition=models.Q(trial_end__isnull=True) | models.Q(trial_end__gte=models.F("trial_start")),
                name="trial_ends_after_it_starts",
                violation_error_message=_("De proefplaatsing eindigt vóór zij begint."),
            ),
            models.CheckConstraint(
                condition=models.Q(contract_end__isnull=True) | models.Q(contract_end__gt=models.F("contract_start")),
                name="contract_ends_after_it_starts",
                violation_error_message=_("Het contract eindigt vóór het begint."),
            ),
        ]

    def __str__(self) -> str:
        return f"{_('plaatsing')} {self.pk}"

    def clean(self) -> None:
        if bool(self.vacancy_id) == bool(self.arrangement_id):
            raise ValidationError(_("Een plaatsing is op één vacature of één arrangement."))


class PlacementCheck(models.Model):
    """The check some months after the contract started: is the resident still working?"""

    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="checks")
    months = models.PositiveSmallIntegerField(_("na maanden"), validators=limits.within(limits.MONTHS))
    due_on = models.DateField(_("gepland op"), validators=limits.planned())
    checked_on = models.DateField(_("uitgevoerd op"), null=True, blank=True, validators=limits.happened())
    still_working = models.BooleanField(_("nog aan het werk"), null=True)
    note = models.CharField(_("toelichting"), max_length=500, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("controle na plaatsing")
        verbose_name_plural = _("controles na plaatsing")
        ordering = ["due_on"]
        indexes = [models.Index(fields=["checked_on", "due_on"])]
        constraints = [models.UniqueConstraint(fields=["placement", "months"], name="one_check_per_moment")]

    def __str__(self) -> str:
        return f"{self.months} mnd {self.placement_id}"


class WorkStartHandover(models.Model):
    """Work starts: what income needs for the switch from benefit to work (simpel switchen), handed over once.

    The income app (bestaanszekerheid) reads these through `work.selectors.work_start_handovers_pending` or
    receives them as they happen through `settings.ROUTEKAART_WORK_START_RECEIVERS`.
    """

    placement = models.OneToOneField(Placement, on_delete=models.PROTECT, related_name="handover")
    resident = models.ForeignKey("residents.Resident", on_delete=models.PROTECT, related_name="+")
    household_id = models.PositiveBigIntegerField(null=True, validators=limits.within(limits.OBJECT_ID))
    work_starts_on = models.DateField(_("werk begint op"), validators=limits.planned())
    hours_per_week = models.PositiveSmallIntegerField(
        _("uren per week"), validators=limits.within(limits.HOURS_PER_WEEK)
    )
    hourly_wage = models.DecimalField(
        _("uurloon (€)"), max_digits=6, decimal_places=2, validators=limits.within(limits.HOURLY_WAGE)
    )
    with_wage_subsidy = models.BooleanField(_("met loonkostensubsidie"), default=False)
    created_at = models.DateTimeField(auto_now_add=True, validators=limits.happened())
    received_at = models.DateTimeField(
        _("ontvangen door inkomen op"), null=True, blank=True, validators=limits.happened()
    )
    received_by = models.CharField(_("ontvangen door"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("overdracht werkstart aan inkomen")
        verbose_name_plural = _("overdrachten werkstart aan inkomen")
        ordering = ["work_starts_on"]

    def __str__(self) -> str:
        return f"{_('overdracht')} {self.pk}"
