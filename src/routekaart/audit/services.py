"""The one way every app records what happened (events) and which personal data it processed (processing log)."""

import hashlib
import hmac
import json
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils.translation import gettext as _

from .context import current_channel, current_trace_id, pending_entries
from .models import BreakGlassReview, Event, Operation, ProcessingLogEntry, Result


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


def event_record(
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
    """Append one event. Call it inside the service's transaction, so the event and the change land together."""
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
    """Log one processing of personal data per data subject (pseudonyms from `pseudonym()`), in one insert.

    The channel defaults to the current request's (page or api), so services need not pass it. A refusal made
    inside a request is kept until the request's transaction has ended and then written by `TraceMiddleware`:
    the refused request rolls back (ATOMIC_REQUESTS), its refusal must not. Outside a request it is written now.
    """
    user = actor if getattr(actor, "is_authenticated", False) else None
    organisation = _organisation_code(actor)
    trace = current_trace_id()
    entries = [
        ProcessingLogEntry(
            trace_id=trace,
            activity_id=activity,
            operation=operation,
            data_subject=subject,
            actor=user,
            organisation_code=organisation,
            channel=channel or current_channel(),
            result=result,
            reason=reason,
        )
        for subject in dict.fromkeys(data_subjects)
    ]
    pending = pending_entries()
    if result == Result.DENIED and pending is not None:
        pending.extend(entries)
    else:
        ProcessingLogEntry.objects.bulk_create(entries)
    return len(entries)


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
        event_record(
            actor=reviewer,
            action="break_glass.reviewed",
            subject_type="processing_log_entry",
            subject_id=entry.pk,
            after={"verdict": verdict},
        )
    return review
