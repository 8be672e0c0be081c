"""Queries for the privacy officer: the processing log and the break-the-glass report."""

from django.db.models import QuerySet

from .models import DataFileVersion, Event, Operation, ProcessingLogEntry, Result


def processing_log_list() -> QuerySet[ProcessingLogEntry]:
    """Every entry, newest first, with its data subjects (one query more per page, however many people)."""
    return (
        ProcessingLogEntry.objects.select_related("actor", "activity")
        .prefetch_related("data_subjects")
        .order_by("-occurred_at", "-id")
    )


def processing_log_of(pseudonym: str) -> QuerySet[ProcessingLogEntry]:
    """Who processed this person's data: the entries that name the pseudonym, newest first.

    The index (pseudonym, occurred_at) on the data subjects finds them; one query (and one for their subjects).
    """
    return processing_log_list().filter(data_subjects__pseudonym=pseudonym)


def break_glass_list() -> QuerySet[ProcessingLogEntry]:
    return (
        ProcessingLogEntry.objects.filter(result=Result.BREAK_GLASS)
        .select_related("actor", "activity", "review", "review__reviewer")
        .prefetch_related("data_subjects")
        .order_by("-occurred_at")
    )


def break_glass_unreviewed_count() -> int:
    """Break-the-glass accesses still waiting for the privacy officer's review (one query)."""
    return ProcessingLogEntry.objects.filter(result=Result.BREAK_GLASS, review__isnull=True).count()


def data_file_version_list() -> QuerySet[DataFileVersion]:
    """Every loaded version of the apps' data files, without their contents: what is in force and what waits."""
    return DataFileVersion.objects.defer("content").order_by("name", "effective_from", "loaded_at")


def event_timeline(*, household_id: int, limit: int = 200) -> QuerySet[Event]:
    """The events of one household, newest first; one query whatever their number (a slice of an index)."""
    return (
        Event.objects.filter(household_id=household_id).select_related("actor").order_by("-occurred_at", "-id")[:limit]
    )


def household_events(*, household_id: int) -> QuerySet[Event]:
    """Every event of one household, with its actor, unordered: a timeline filters, orders and pages it."""
    return Event.objects.filter(household_id=household_id).select_related("actor")


def acted_on(*, actor, action: str, subject_type: str, subject_id) -> bool:
    """Did `actor` perform `action` on this subject (e.g. register this person)? A ground some rules rest on."""
    if not getattr(actor, "is_authenticated", False):
        return False
    return Event.objects.filter(
        actor=actor, action=action, subject_type=subject_type, subject_id=str(subject_id)
    ).exists()


def processing_log_of_subject(
    *, pseudonym: str, since=None, hide_portal_reads_of: int | None = None
) -> QuerySet[ProcessingLogEntry]:
    """One person's log for their own eyes (the portal's "Wie zag mijn gegevens"): `processing_log_of` narrowed to
    entries from `since` on and, when `hide_portal_reads_of` is a user id, without that user's own portal reads
    (reading the log is itself logged; the resident asks to see those visits or not). No prefetch of the subjects:
    the page shows no one else."""
    entries = processing_log_of(pseudonym).prefetch_related(None)
    if since is not None:
        entries = entries.filter(occurred_at__gte=since)
    if hide_portal_reads_of is not None:
        entries = entries.exclude(actor_id=hide_portal_reads_of, channel="portal", operation=Operation.READ)
    return entries
