"""The background jobs' own tables: the schedule of each job (configuration data) and every run of a job."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..core import limits


class Every(models.TextChoices):
    DAY = "day", _("Dagelijks")
    YEAR = "year", _("Jaarlijks")


class Schedule(models.Model):
    """When a job runs, as jobs/data/schedules.yaml says (loaded by `load_configuration`); times are local."""

    job = models.CharField(_("taak"), max_length=60, unique=True)
    every = models.CharField(_("herhaling"), max_length=10, choices=Every.choices)
    at = models.TimeField(_("tijdstip"))
    month = models.PositiveSmallIntegerField(
        _("maand"), null=True, blank=True, validators=limits.within(limits.Range(1, 12))
    )
    day = models.PositiveSmallIntegerField(
        _("dag"), null=True, blank=True, validators=limits.within(limits.Range(1, 31))
    )
    enabled = models.BooleanField(_("actief"), default=True)
    version = models.CharField(_("versie"), max_length=40)

    class Meta:
        verbose_name = _("schema")
        verbose_name_plural = _("schema's")
        ordering = ["job"]

    def __str__(self) -> str:
        return self.job


class Status(models.TextChoices):
    QUEUED = "queued", _("In de wachtrij")
    RUNNING = "running", _("Bezig")
    DONE = "done", _("Klaar")
    FAILED = "failed", _("Mislukt")


ACTIVE = (Status.QUEUED, Status.RUNNING)


class Trigger(models.TextChoices):
    SCHEDULE = "schedule", _("Volgens schema")
    MANUAL = "manual", _("Handmatig")


class JobRun(models.Model):
    """One run of a job for a day: its progress (steps done of the total, each step's key kept as a checkpoint, so a
    killed run continues where it stopped) and its outcome. Never personal data: counts and Dutch sentences only."""

    job = models.CharField(_("taak"), max_length=60)
    on = models.DateField(_("peildatum"), validators=limits.planned())
    slot = models.DateTimeField(_("geplande tijd"), null=True, blank=True, validators=limits.planned())
    trigger = models.CharField(_("aanleiding"), max_length=10, choices=Trigger.choices)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    queued_at = models.DateTimeField(_("in de wachtrij gezet"), validators=limits.happened())
    started_at = models.DateTimeField(_("gestart"), null=True, blank=True, validators=limits.happened())
    finished_at = models.DateTimeField(_("klaar"), null=True, blank=True, validators=limits.happened())
    heartbeat_at = models.DateTimeField(_("laatste voortgang"), null=True, blank=True, validators=limits.happened())
    progress_done = models.PositiveIntegerField(_("stappen klaar"), default=0, validators=limits.within(limits.COUNT))
    progress_total = models.PositiveIntegerField(_("stappen totaal"), default=0, validators=limits.within(limits.COUNT))
    checkpoint = models.JSONField(_("stappen afgerond"), default=list, blank=True)
    results = models.JSONField(_("uitkomst per stap"), default=dict, blank=True)
    outcome = models.TextField(_("uitkomst"), blank=True, **limits.text(limits.NOTE))
    error = models.TextField(_("fout"), blank=True, **limits.text(limits.NOTE))

    class Meta:
        verbose_name = _("taakuitvoering")
        verbose_name_plural = _("taakuitvoeringen")
        ordering = ["-queued_at", "-id"]
        constraints = [
            # A schedule's slot is queued once, however many workers tick at the same moment.
            models.UniqueConstraint(fields=["job", "slot"], name="jobs_run_once_per_slot"),
            # At most one run of a job waits or runs at a time.
            models.UniqueConstraint(fields=["job"], condition=Q(status__in=ACTIVE), name="jobs_run_one_active_per_job"),
        ]
        indexes = [models.Index(fields=["job", "on"], name="jobs_run_job_on")]

    def __str__(self) -> str:
        return f"{self.job} {self.on}"
