"""Append-only records: the event stream and the processing log, and the register they refer to.

The audit app knows no domain model: subjects are references (a label and an id), data subjects are pseudonyms.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..core import limits
from ..core.configuration import LoadedVersion


class ProcessingActivity(models.Model):
    """One line of the register of processing activities (AVG art. 30), loaded from data/processing_activities.yaml."""

    code = models.SlugField(_("code"), max_length=80, unique=True)
    name = models.CharField(_("naam"), max_length=200)
    purpose = models.TextField(_("doel"), **limits.text(limits.SUMMARY))
    legal_basis = models.CharField(_("grondslag"), max_length=300)
    domain = models.CharField(_("domein"), max_length=1, blank=True)
    # The role codes that may process personal data for this purpose; the access check refuses any other role.
    roles = models.JSONField(_("rollen"), default=list, blank=True)
    version = models.CharField(_("versie"), max_length=20)

    class Meta:
        verbose_name = _("verwerkingsactiviteit")
        verbose_name_plural = _("verwerkingsactiviteiten")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class ProcessingActivityVersion(models.Model):
    """What one version of the register says of an activity; older versions stay, the one in force applies."""

    activity = models.ForeignKey(ProcessingActivity, on_delete=models.PROTECT, related_name="versions", to_field="code")
    version = models.CharField(_("versie"), max_length=20)
    effective_from = models.DateField(_("geldig vanaf"), validators=limits.planned())
    name = models.CharField(_("naam"), max_length=200)
    purpose = models.TextField(_("doel"), **limits.text(limits.SUMMARY))
    legal_basis = models.CharField(_("grondslag"), max_length=300)
    domain = models.CharField(_("domein"), max_length=1, blank=True)
    roles = models.JSONField(_("rollen"), default=list, blank=True)

    class Meta:
        verbose_name = _("versie van een verwerkingsactiviteit")
        verbose_name_plural = _("versies van verwerkingsactiviteiten")
        ordering = ["activity", "effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "version"], name="unique_processing_activity_version")
        ]

    def __str__(self) -> str:
        return f"{self.name} v{self.version}"


class DataFileVersion(LoadedVersion):
    """A loaded version of a data file, for the apps without a version table of their own (core's contract)."""

    class Meta(LoadedVersion.Meta):
        verbose_name = _("geladen versie van een gegevensbestand")
        verbose_name_plural = _("geladen versies van gegevensbestanden")


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("append-only")

    def delete(self):
        raise PermissionError("append-only")


class AppendOnly(models.Model):
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise PermissionError("append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("append-only")


class Event(AppendOnly):
    """Something that changed: who, when, what, why, and the state before and after."""

    occurred_at = models.DateTimeField(_("tijdstip"), auto_now_add=True, db_index=True, validators=limits.happened())
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    organisation_code = models.CharField(_("organisatie"), max_length=60, blank=True)
    action = models.CharField(_("handeling"), max_length=80, db_index=True)
    subject_type = models.CharField(_("soort onderwerp"), max_length=60)
    subject_id = models.CharField(_("onderwerp"), max_length=200)  # catalog keys are cluster/block paths
    household_id = models.BigIntegerField(
        _("huishouden"), null=True, blank=True, validators=limits.within(limits.OBJECT_ID)
    )
    reason = models.TextField(_("waarom"), blank=True, **limits.text(limits.NOTE))
    before = models.JSONField(_("voor"), null=True, blank=True)
    after = models.JSONField(_("na"), null=True, blank=True)
    trace_id = models.CharField(_("trace-id"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("gebeurtenis")
        verbose_name_plural = _("gebeurtenissen")
        indexes = [
            models.Index(fields=["subject_type", "subject_id", "occurred_at"]),
            models.Index(fields=["household_id", "occurred_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.action} {self.subject_type}:{self.subject_id}"


class Result(models.TextChoices):
    OK = "ok", _("Toegestaan")
    DENIED = "denied", _("Geweigerd")
    BREAK_GLASS = "break_glass", _("Noodtoegang")


class Operation(models.TextChoices):
    READ = "read", _("Inzien")
    WRITE = "write", _("Wijzigen")
    EXPORT = "export", _("Exporteren")
    SEARCH = "search", _("Zoeken")


class ProcessingLogEntry(AppendOnly):
    """One processing action on personal data, after the Logboek dataverwerkingen standard. Never a BSN in clear.

    One entry per action, however many people it touched: the people are its `data_subjects` (pseudonyms), a
    child table indexed by pseudonym, so "who processed my data" stays one indexed query per person. On PostgreSQL
    the table is partitioned by month of `occurred_at` (migration 0010): its primary key is (id, occurred_at) there,
    so nothing may point at it with a database constraint, and retention drops whole months.
    """

    trace_id = models.CharField(_("trace-id"), max_length=64, db_index=True)
    occurred_at = models.DateTimeField(_("tijdstip"), default=timezone.now, db_index=True, validators=limits.happened())
    activity = models.ForeignKey(ProcessingActivity, on_delete=models.PROTECT, related_name="+", to_field="code")
    operation = models.CharField(_("handeling"), max_length=10, choices=Operation.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    organisation_code = models.CharField(_("organisatie"), max_length=60, blank=True, db_index=True)
    channel = models.CharField(_("kanaal"), max_length=10, default="page")  # page / api / export / batch
    result = models.CharField(_("resultaat"), max_length=12, choices=Result.choices, default=Result.OK)
    reason = models.TextField(_("reden"), blank=True, **limits.text(limits.NOTE))

    class Meta:
        verbose_name = _("verwerking")
        verbose_name_plural = _("verwerkingenlogboek")
        indexes = [models.Index(fields=["actor", "occurred_at"])]

    def __str__(self) -> str:
        return f"{self.activity_id} {self.operation} {self.result}"

    @property
    def pseudonyms(self) -> list[str]:
        """The data subjects of this entry (prefetch `data_subjects` to read them without a query per entry)."""
        return [subject.pseudonym for subject in self.data_subjects.all()]


class ProcessingLogSubject(AppendOnly):
    """One data subject (pseudonym) of a processing-log entry; append-only like the entry.

    `occurred_at` repeats the entry's: it is the partition key on PostgreSQL (a month of entries and their subjects
    go together) and orders one person's log on the index (pseudonym, occurred_at) without touching the entries.
    """

    pk = models.CompositePrimaryKey("entry", "pseudonym")
    # No index of its own: the primary key (entry, pseudonym) starts with it.
    entry = models.ForeignKey(
        ProcessingLogEntry,
        on_delete=models.DO_NOTHING,
        related_name="data_subjects",
        db_constraint=False,
        db_index=False,
    )
    pseudonym = models.CharField(_("betrokkene (pseudoniem)"), max_length=64)
    occurred_at = models.DateTimeField(_("tijdstip"), validators=limits.happened())

    class Meta:
        verbose_name = _("betrokkene van een verwerking")
        verbose_name_plural = _("betrokkenen van verwerkingen")
        indexes = [models.Index(fields=["pseudonym", "occurred_at"], name="audit_subject_pseudonym_idx")]

    def __str__(self) -> str:
        return self.pseudonym


def new_trace_id() -> str:
    return uuid.uuid4().hex


class BreakGlassReview(models.Model):
    """The privacy officer's verdict on one use of emergency access (the log entry itself stays untouched)."""

    class Verdict(models.TextChoices):
        JUSTIFIED = "justified", _("Terecht")
        UNJUSTIFIED = "unjustified", _("Onterecht")

    # No database constraint: on PostgreSQL the entries are partitioned and their key is (id, occurred_at).
    entry = models.OneToOneField(
        ProcessingLogEntry, on_delete=models.PROTECT, related_name="review", db_constraint=False
    )
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reviewed_at = models.DateTimeField(_("beoordeeld op"), auto_now_add=True, validators=limits.happened())
    verdict = models.CharField(_("oordeel"), max_length=12, choices=Verdict.choices)
    note = models.TextField(_("toelichting"), blank=True, **limits.text(limits.NOTE))

    class Meta:
        verbose_name = _("beoordeling noodtoegang")
        verbose_name_plural = _("beoordelingen noodtoegang")

    def __str__(self) -> str:
        return f"{self.entry_id}: {self.verdict}"
