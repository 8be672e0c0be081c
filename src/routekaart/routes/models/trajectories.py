"""A resident's walk along a route (Trajectory), step by step, with who holds regie and who fills each party.

Change these rows only through routes/services.py: each change is one transaction and appends one event.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ...core import limits
from ..workflow import Outcome, StepState, TrajectoryStatus
from .templates import Condition, Party, Route, Step


class ExitProfile(models.TextChoices):
    """Uitstroomprofiel of a PRO/VSO pupil (seed 004)."""

    FURTHER_EDUCATION = "further_education", _("Vervolgonderwijs")
    LABOUR_MARKET = "labour_market", _("Arbeidsmarkt")
    SHELTERED_WORK = "sheltered_work", _("Beschut werk")
    DAY_ACTIVITIES = "day_activities", _("Dagbesteding")


class Trajectory(models.Model):
    resident = models.ForeignKey(
        "residents.Resident", verbose_name=_("inwoner"), on_delete=models.PROTECT, related_name="trajectories"
    )
    household_id = models.BigIntegerField(_("huishouden bij de start"), validators=limits.within(limits.OBJECT_ID))
    route = models.ForeignKey(Route, verbose_name=_("route"), on_delete=models.PROTECT, related_name="trajectories")
    status = models.CharField(
        _("status"), max_length=12, choices=TrajectoryStatus.choices, default=TrajectoryStatus.ACTIVE, db_index=True
    )
    current_step = models.ForeignKey(
        Step, verbose_name=_("huidige stap"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    regie_party = models.ForeignKey(Party, verbose_name=_("regie bij"), on_delete=models.PROTECT, related_name="+")
    regie_organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("regie bij organisatie"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Leeg als de inwoner zelf de regie heeft."),
    )
    school = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("school"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": "school"},
    )
    school_kind = models.CharField(_("schoolsoort"), max_length=10, blank=True)
    exit_profile = models.CharField(_("uitstroomprofiel"), max_length=20, choices=ExitProfile.choices, blank=True)
    internships = models.TextField(_("stages"), blank=True, **limits.text(limits.SUMMARY))
    started_on = models.DateField(_("begonnen op"), validators=limits.planned())
    ended_on = models.DateField(_("beëindigd op"), null=True, blank=True, validators=limits.planned())
    aftercare_until = models.DateField(_("nazorg tot"), null=True, blank=True, validators=limits.planned())
    switched_to = models.OneToOneField(
        "self",
        verbose_name=_("vervolgd in"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="switched_from",
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    created_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True, validators=limits.happened())

    class Meta:
        verbose_name = _("traject")
        verbose_name_plural = _("trajecten")
        indexes = [
            models.Index(fields=["status", "route", "current_step"]),
            models.Index(fields=["resident", "status"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["resident", "route"],
                condition=models.Q(status="active"),
                name="one_active_trajectory_per_route",
                violation_error_message=_("Deze inwoner loopt deze route al."),
            )
        ]

    def __str__(self) -> str:
        return f"{_('traject')} {self.pk}"


class TrajectoryParty(models.Model):
    """Which organisation fills a party of the route for this resident (the Dienst, the school, Pastiel/Empatec …)."""

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="party_organisations")
    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("partij in traject")
        verbose_name_plural = _("partijen in traject")
        constraints = [models.UniqueConstraint(fields=["trajectory", "party"], name="one_organisation_per_party")]

    def __str__(self) -> str:
        return f"{self.trajectory_id}: {self.party_id} = {self.organisation_id}"


class StepProgress(models.Model):
    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="progress")
    step = models.ForeignKey(Step, on_delete=models.PROTECT, related_name="+")
    state = models.CharField(_("stand"), max_length=10, choices=StepState.choices, default=StepState.PENDING)
    due_on = models.DateField(_("uiterlijk klaar op"), null=True, blank=True, validators=limits.planned())
    started_on = models.DateField(_("begonnen op"), null=True, blank=True, validators=limits.planned())
    finished_on = models.DateField(_("klaar op"), null=True, blank=True, validators=limits.planned())
    outcome = models.TextField(_("uitkomst"), blank=True, **limits.text(limits.NOTE))
    blocked_reason = models.TextField(_("reden van blokkade"), blank=True, **limits.text(limits.NOTE))
    skipped_reason = models.TextField(_("reden van overslaan"), blank=True, **limits.text(limits.NOTE))

    class Meta:
        verbose_name = _("voortgang van een stap")
        verbose_name_plural = _("voortgang van stappen")
        ordering = ["trajectory", "step__number"]
        constraints = [models.UniqueConstraint(fields=["trajectory", "step"], name="one_progress_per_step")]

    def __str__(self) -> str:
        return f"{self.trajectory_id} {self.step_id} {self.state}"


class ConditionRecord(models.Model):
    """A condition of the seed recorded for this trajectory: the UWV advice, the Dienst's decision, consent …"""

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="condition_records")
    step = models.ForeignKey(Step, on_delete=models.PROTECT, related_name="+")
    condition = models.CharField(_("voorwaarde"), max_length=60, choices=Condition.choices)
    outcome = models.CharField(_("uitkomst"), max_length=10, choices=Outcome.choices)
    recorded_on = models.DateField(_("datum"), validators=limits.happened())
    note = models.TextField(_("toelichting"), blank=True, **limits.text(limits.NOTE))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    recorded_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True, validators=limits.happened())

    class Meta:
        verbose_name = _("vastgelegde voorwaarde")
        verbose_name_plural = _("vastgelegde voorwaarden")
        ordering = ["trajectory", "recorded_on", "recorded_at"]
        indexes = [models.Index(fields=["trajectory", "condition"])]

    def __str__(self) -> str:
        return f"{self.trajectory_id}: {self.condition} {self.outcome}"


class RegieHandover(models.Model):
    """An explicit hand-over of regie: proposed by the holder (or by the route), seen and accepted by the receiver."""

    class State(models.TextChoices):
        PROPOSED = "proposed", _("Voorgesteld")
        ACCEPTED = "accepted", _("Overgenomen")

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="handovers")
    step = models.ForeignKey(Step, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    from_party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="+")
    from_organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    to_party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="+")
    to_organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    state = models.CharField(_("stand"), max_length=10, choices=State.choices, default=State.PROPOSED)
    not_before = models.DateField(_("niet vóór"), null=True, blank=True, validators=limits.planned())
    reason = models.TextField(_("toelichting"), blank=True, **limits.text(limits.NOTE))
    proposed_at = models.DateTimeField(_("voorgesteld op"), auto_now_add=True, validators=limits.happened())
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    accepted_at = models.DateTimeField(_("overgenomen op"), null=True, blank=True, validators=limits.happened())
    accepted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")

    class Meta:
        verbose_name = _("overdracht van regie")
        verbose_name_plural = _("overdrachten van regie")
        ordering = ["trajectory", "proposed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["trajectory"], condition=models.Q(state="proposed"), name="one_open_regie_handover"
            )
        ]

    def __str__(self) -> str:
        return f"{self.trajectory_id}: {self.from_party_id} → {self.to_party_id} ({self.state})"


class WaitlistEntry(models.Model):
    """A resident on the sheltered-work waitlist of a municipality; the indication date orders the queue."""

    trajectory = models.OneToOneField(Trajectory, on_delete=models.CASCADE, related_name="waitlist_entry")
    municipality = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": "municipality"},
    )
    indication_date = models.DateField(_("datum indicatie"), db_index=True, validators=limits.planned())
    placed_on = models.DateField(_("op de wachtlijst sinds"), validators=limits.planned())
    receives_social_assistance = models.BooleanField(_("ontvangt bijstand (vanaf 18)"), default=False)
    receives_day_activities = models.BooleanField(_("dagbesteding via het gebiedsteam"), default=False)
    place_offered_on = models.DateField(_("plek aangeboden op"), null=True, blank=True, validators=limits.planned())
    offered_by = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("plaats op de wachtlijst beschut werk")
        verbose_name_plural = _("wachtlijst beschut werk")
        ordering = ["indication_date", "id"]
        indexes = [models.Index(fields=["municipality", "place_offered_on", "indication_date"])]

    def __str__(self) -> str:
        return f"{self.trajectory_id} ({self.indication_date})"


class ShelteredWorkQuota(models.Model):
    """The yearly number of sheltered-work places of a municipality (taakstelling, set by the Rijk), as data."""

    municipality_code = models.SlugField(_("gemeente (code)"), max_length=60)
    year = models.PositiveSmallIntegerField(_("jaar"), validators=limits.within(limits.YEAR))
    places = models.PositiveIntegerField(_("plaatsen"), validators=limits.within(limits.COUNT))
    source = models.CharField(_("bron"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("taakstelling beschut werk")
        verbose_name_plural = _("taakstellingen beschut werk")
        ordering = ["municipality_code", "year"]
        constraints = [
            models.UniqueConstraint(fields=["municipality_code", "year"], name="one_quota_per_municipality_year")
        ]

    def __str__(self) -> str:
        return f"{self.municipality_code} {self.year}: {self.places}"
