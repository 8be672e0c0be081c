"""Retention: terms as data, and the apps that hold records say which are due and how to anonymise them.

The audit app knows no domain model, so each app registers a handler for the kinds of record it owns
(in its AppConfig.ready()). The `retention` command and the retention job (`retention_apply`) ask every handler
and, when told to, anonymise. The processing log is one of those kinds, handled here: on PostgreSQL whole months
(partitions) older than its term are dropped, or detached for the archive (setting PROCESSING_LOG_ARCHIVE).
"""

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Protocol

import yaml
from dateutil.relativedelta import relativedelta

from . import partitions

DATA = Path(__file__).resolve().parent / "data" / "retention.yaml"


@dataclass(frozen=True)
class RetentionTerm:
    code: str
    name: str
    years: int
    after: str
    source: str

    def cutoff(self, today: date) -> date:
        """Records whose `after` moment lies before this date are due."""
        return today - relativedelta(years=self.years)


class RetentionHandler(Protocol):
    def due(self, *, cutoff: date) -> list[str]:
        """Ids of the records of this kind whose term has passed."""

    def anonymise(self, *, ids: list[str]) -> list[str]:
        """Anonymise these records; return the pseudonyms of the data subjects affected (for the log)."""


_HANDLERS: dict[str, RetentionHandler] = {}


def retention_terms() -> list[RetentionTerm]:
    document = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    return [RetentionTerm(**row) for row in document["terms"]]


def register(code: str, handler: RetentionHandler) -> None:
    _HANDLERS[code] = handler


def handler_for(code: str) -> RetentionHandler | None:
    return _HANDLERS.get(code)


PROCESSING_LOG = "processing-log"


class ProcessingLogMonths:
    """The processing log's retention: its records are whole months (partitions), named by the partition.

    On SQLite (the demo) the log is one plain table and nothing is ever due.
    """

    def due(self, *, cutoff: date) -> list[str]:
        """The months (YYYY-MM) that ended on or before the cutoff."""
        return [f"{p.start:%Y-%m}" for p in partitions.partitions_list() if p.end <= cutoff]

    def anonymise(self, *, ids: list[str]) -> list[str]:
        """Drop (or detach for the archive) these months of entries and their data subjects; no one to log."""
        from django.conf import settings

        if ids:
            last = date.fromisoformat(f"{max(ids)}-01")
            archive = getattr(settings, "PROCESSING_LOG_ARCHIVE", False)
            partitions.partitions_expire(before=last + relativedelta(months=1), archive=archive)
        return []


def term_anonymise(term, handler, *, ids: list, cutoff: date) -> None:
    """Anonymise one term's due records in one transaction, logged (processing log and event) like any action."""
    from django.db import transaction

    from . import services
    from .models import Operation

    with transaction.atomic():
        subjects = handler.anonymise(ids=ids)
        services.processing_record(
            actor=None,
            activity="retention",
            data_subjects=subjects,
            operation=Operation.WRITE,
            channel="batch",
            reason=f"{term.code}: {term.source}",
        )
        services.action_record(
            actor=None,
            action="retention.anonymised",
            subject=(term.code, len(ids)),
            reason=term.source,
            after={"count": len(ids), "cutoff": cutoff},
        )


def retention_apply(today: date, *, anonymise: bool = True) -> dict[str, int]:
    """The whole retention run, for the background job and the command: make the coming months' partitions of the
    processing log, then anonymise (or only count, without `anonymise`) what every term has due.

    Each term in its own transaction, logged (processing log and event) like any action. Returns the number of
    records due (or handled) per term code.
    """
    partitions.partitions_ensure(today=today)
    handled: dict[str, int] = {}
    for term in retention_terms():
        handler = handler_for(term.code)
        if handler is None:
            continue
        cutoff = term.cutoff(today)
        ids = handler.due(cutoff=cutoff)
        handled[term.code] = len(ids)
        if not anonymise or not ids:
            continue
        term_anonymise(term, handler, ids=ids, cutoff=cutoff)
    return handled


register(PROCESSING_LOG, ProcessingLogMonths())
