"""The two facts matching needs from the participation app: wage value (loonwaarde) and target-group register.

The participation app owns those determinations (issue 8); this module is the one place `work` reads them, in
bulk (two queries for any number of residents) through participation's selectors `wage_values_current` and
`target_group_register_statuses`; replacing the source is one line in `_source`. Only the two facts leave
through here, keyed by resident id.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from django.apps import apps
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
    """Where the facts come from: the participation app's bulk selectors when it is installed."""
    if not apps.is_installed("routekaart.participation"):
        return _none
    return _from_participation


def _from_participation(resident_ids: list[int], on: date) -> dict[int, LabourFacts]:
    """Two queries: the wage values in force and the register statuses as last reported by UWV."""
    from ..participation import selectors as participation

    wage_values = participation.wage_values_current(resident_ids=resident_ids, on=on)
    registers = participation.target_group_register_statuses(resident_ids=resident_ids, on=on)
    facts = {}
    for rid in set(wage_values) | set(registers):
        wage = wage_values.get(rid)
        register = registers.get(rid)
        facts[rid] = LabourFacts(
            wage_value=None if wage is None else math.floor(wage.percentage),
            wage_value_on=None if wage is None else wage.determined_on,
            in_register=None if register is None or register.status is None else register.registered,
        )
    return facts


# Participation's selectors take a list of ids (an IN list): SQLite allows 32,766 parameters in one statement and
# PostgreSQL 65,535, so a pool of 50,000 candidates is asked in slices. Two queries per slice.
SLICE = 10_000


def labour_facts(*, resident_ids: Iterable[int], on: date | None = None) -> dict[int, LabourFacts]:
    """Wage value and register status per resident on `on` (today); residents without facts are left out."""
    ids = list(dict.fromkeys(resident_ids))
    source, on = _source(), on or timezone.localdate()
    facts: dict[int, LabourFacts] = {}
    for start in range(0, len(ids), SLICE):
        facts.update(source(ids[start : start + SLICE], on))
    return facts
