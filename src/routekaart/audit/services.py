"""The one way every app records what happened (events) and which personal data it processed (processing log).

Two public writers: `action_record` for an action (its event and the processing-log entries of its write,
together) and `processing_record` for a read or a refusal (no event). Subjects are references (a label and an id);
audit knows no domain model.
"""

import hashlib
import hmac
import json
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .context import batch_entries, current_channel, current_trace_id, pending_entries
from .models import BreakGlassReview, Event, Operation, ProcessingLogEntry, ProcessingLogSubject, Result


def pseudonym(identifier: str | int) -> str:
    """A stable keyed hash of a data subject's identifier (the BSN): joinable in the log, never the BSN itself."""
    key = settings.PSEUDONYM_KEY.encode()
    return hmac.new(key, str(identifier).encode(), hashlib.sha256).hexdigest()[:32]


def _organisation_code(actor) -> str:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return ""
    affiliation = next(iter(actor.affiliations.all()), None)
    return affiliation.organisation.code if affiliation else ""


def _jsonable(value: dict | None) -> dict | None:
    if value is None:
        return None
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def _event_write(
    *,
    actor,
    action: str,
    subject_type: str,
    subject_id: Any,
    household_id: int | None = None,
    reason: str = "",
    before: dict | None = None,
    after: dict | None = None,
) -> Event:
    """Append one event (through `action_record`, the one writer of an action)."""
    return Event.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        organisation_code=_organisation_code(actor),
        action=action,
        subject_type=subject_type,
        subject_id=str(subject_id),
        household_id=household_id,
        reason=reason,
        before=_jsonable(before),
        after=_jsonable(after),
        trace_id=current_trace_id(),
    )


def processing_record(
    *,
    actor,
    activity: str,
    data_subjects: Iterable[str],
    operation: str = Operation.READ,
    channel: str | None = None,
    result: str = Result.OK,
    reason: str = "",
) -> int:
    """Log one processing of personal data: one entry, with its data subjects (pseudonyms from `pseudonym()`).

    Reads and refusals (the access check, the selectors) call this directly; an action's write is logged with its
    event by `action_record`. N people read at once are one entry with N subjects. No subjects at all: nothing is
    logged; `[""]` logs an entry that names no one (a processing of no particular person). Returns the number of
    data subjects logged.

    The channel defaults to the current request's (page or api), so services need not pass it. Inside a request:
    - a write is saved now, inside the service's transaction, so it lands (or rolls back) with the change;
    - a read is kept and saved with the request's other reads in one bulk insert at the end of the view, inside
      the view's own transaction (ATOMIC_REQUESTS): no commit of its own;
    - a refusal is kept until the view's transaction has ended and then written by `TraceMiddleware`: the refused
      request rolls back, its refusal must not.
    Outside a request (commands, batches) everything is written now.
    """
    subjects = list(dict.fromkeys(data_subjects))
    if not subjects:
        return 0
    entry = ProcessingLogEntry(
        trace_id=current_trace_id(),
        occurred_at=timezone.now(),
        activity_id=activity,
        operation=operation,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        organisation_code=_organisation_code(actor),
        channel=channel or current_channel(),
        result=result,
        reason=reason,
    )
    item = (entry, [subject for subject in subjects if subject])
    refusals, reads = pending_entries(), batch_entries()
    if result == Result.DENIED and refusals is not None:
        refusals.append(item)
    elif operation != Operation.WRITE and reads is not None:
        _read_merge(reads, item)
    else:
        entries_write([item])
    return len(item[1])


def _read_merge(reads: list[tuple[ProcessingLogEntry, list[str]]], item: tuple[ProcessingLogEntry, list[str]]) -> None:
    """A page reads the same activity from several parts (the household page's blocks): one request's reads of one
    activity on one ground are one entry with every person read, not one entry per part."""
    entry, subjects = item
    key = (entry.activity_id, entry.operation, entry.channel, entry.result, entry.reason, entry.actor_id)
    for kept, kept_subjects in reads:
        if (kept.activity_id, kept.operation, kept.channel, kept.result, kept.reason, kept.actor_id) == key:
            kept_subjects.extend(s for s in subjects if s not in kept_subjects)
            return
    reads.append(item)


def entries_write(items: list[tuple[ProcessingLogEntry, list[str]]]) -> None:
    """Save processing-log entries and their data subjects: two INSERTs however many, and empty the list.

    Inside a transaction (the view's, a service's) this adds no savepoint or commit of its own.
    """
    if not items:
        return
    batch = list(items)
    del items[:]  # never twice, even if this is called again
    with transaction.atomic(savepoint=False):
        ProcessingLogEntry.objects.bulk_create([entry for entry, _subjects in batch])
        ProcessingLogSubject.objects.bulk_create(
            [
                ProcessingLogSubject(entry=entry, pseudonym=subject, occurred_at=entry.occurred_at)
                for entry, subjects in batch
                for subject in subjects
            ]
        )


_subject_resolvers: list[Callable[..., list[str]]] = []


def data_subjects_register(resolver: Callable[..., list[str]]) -> None:
    """The residents app says who a household or resident reference is (pseudonyms); audit knows no domain model.

    `resolver(household_id=..., residents=..., on=...)` returns the pseudonyms of the residents given (ids or
    objects), else of the household's members on `on`.
    """
    _subject_resolvers[:] = [resolver]


def _data_subjects(*, household_id: int | None, residents: Iterable[Any] | None, on: date | None) -> list[str]:
    if not _subject_resolvers or (household_id is None and residents is None):
        return [""]
    return _subject_resolvers[0](household_id=household_id, residents=residents, on=on) or [""]


def _subject_reference(subject: Any) -> tuple[str, Any]:
    if isinstance(subject, tuple):
        return subject
    return subject._meta.model_name, subject.pk


def _tagged(state: dict | None, domain: str) -> dict | None:
    return {"domain": domain, **state} if domain and state is not None else state


def action_record(
    *,
    actor,
    action: str = "",
    subject: Any = None,
    household_id: int | None = None,
    before: dict | None = None,
    after: dict | None = None,
    domain: str = "",
    reason: str = "",
    purpose: str = "",
    residents: Iterable[Any] | None = None,
    data_subjects: Iterable[str] | None = None,
    operation: str = Operation.WRITE,
    channel: str | None = None,
    on: date | None = None,
) -> Event | None:
    """Record one action: its event and, for a `purpose` (processing activity), its processing-log entries.

    The one writer every app calls, inside the service's transaction so the change, the event and the log land
    together. `subject` is a model instance or a `(type, id)` reference; `domain` tags the event's states with
    the law domain it reveals (the timeline shows it only to those who see that domain). The data subjects are
    `data_subjects` (pseudonyms), else the `residents` given, else the household's members on `on` (today).
    Without `action` only the processing log is written; without `purpose` only the event.
    """
    event = None
    if action:
        subject_type, subject_id = _subject_reference(subject)
        event = _event_write(
            actor=actor,
            action=action,
            subject_type=subject_type,
            subject_id=subject_id,
            household_id=household_id,
            reason=reason,
            before=_tagged(before, domain),
            after=_tagged(after if after is not None or not domain else {}, domain),
        )
    if purpose:
        if data_subjects is None:
            data_subjects = _data_subjects(household_id=household_id, residents=residents, on=on)
        processing_record(
            actor=actor,
            activity=purpose,
            data_subjects=data_subjects,
            operation=operation,
            channel=channel,
            reason=reason,
        )
    return event


def break_glass_review(*, entry: ProcessingLogEntry, reviewer, verdict: str, note: str = ""):
    """The privacy officer judges one emergency access; recorded once, never overwritten."""
    if entry.result != Result.BREAK_GLASS:
        raise ValidationError(_("Alleen noodtoegang kan worden beoordeeld."))
    with transaction.atomic():
        if BreakGlassReview.objects.filter(entry=entry).exists():
            raise ValidationError(_("Deze noodtoegang is al beoordeeld."))
        review = BreakGlassReview(entry=entry, reviewer=reviewer, verdict=verdict, note=note)
        review.full_clean(exclude=["entry", "reviewer"])
        review.save()
        action_record(
            actor=reviewer,
            action="break_glass.reviewed",
            subject=("processing_log_entry", entry.pk),
            after={"verdict": verdict},
        )
    return review
