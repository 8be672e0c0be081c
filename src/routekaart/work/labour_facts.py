"""The two facts matching needs from the participation app: wage value (loonwaarde) and target-group register.

The participation app owns those determinations (issue 8); this module is the one place `work` reads them, as a
bulk call (a fixed number of queries for any number of residents), so wiring or replacing the source is one line
in `_source`. No personal data leaves through here except the two facts, keyed by resident id.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from django.utils import timezone


@dataclass(frozen=True)
class LabourFacts:
    wage_value: int | None = None  # % of the regular wage for the job, rounded down; None: no determination
    wage_value_on: date | None = None
    in_register: bool | None = None  # target-group register (banenafspraak); None: not known


UNKNOWN = LabourFacts()


def _none(resident_ids: list[int], on: date) -> dict[int, LabourFacts]:
    return {}


def _source() -> Callable[[list[int], date], dict[int, LabourFacts]]:
    """Where the facts come from: the participation app's selector once it has one, else nothing known."""
    try:
        from ..participation import selectors as participation
    except ImportError:
        return _none
    source = getattr(participation, "labour_facts_for_matching", None)
    return _from_participation(source) if source else _none


def _from_participation(source) -> Callable[[list[int], date], dict[int, LabourFacts]]:
    def read(resident_ids: list[int], on: date) -> dict[int, LabourFacts]:
        return {
            rid: LabourFacts(
                wage_value=None if row.get("wage_value") is None else int(row["wage_value"]),
                wage_value_on=row.get("wage_value_on"),
                in_register=row.get("in_register"),
            )
            for rid, row in source(resident_ids=resident_ids, on=on).items()
        }

    return read


def labour_facts(*, resident_ids: Iterable[int], on: date | None = None) -> dict[int, LabourFacts]:
    """Wage value and register status per resident on `on` (today); residents without facts are left out."""
    ids = list(dict.fromkeys(resident_ids))
    if not ids:
        return {}
    return _source()(ids, on or timezone.localdate())
