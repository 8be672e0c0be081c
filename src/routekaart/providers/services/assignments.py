"""Assignments sent to providers (301) and their life: start (305), stop (307), change and end (new 301).

The signatures below are the interface the other lanes call; the message-flow lane implements them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal


@dataclass(frozen=True)
class ProvisionToAssign:
    """What access hands over for one granted provision with a contracted provider."""

    provision_id: int
    decision_reference: str
    municipality_id: int
    provider_id: int
    building_block_id: int
    law: str  # "W" or "J" ("P" provisions are not iWmo/iJw: no assignment)
    resident_id: int
    household_id: int
    volume: Decimal
    provision_unit: str  # access.ProvisionUnit value: hours_per_week, day_parts_per_week, ...
    starts_on: date
    ends_on: date
    goals: tuple[dict, ...] = ()  # {"id": int, "text": str}: the plan goals the provider works on


def assignment_send(*, actor, provision: ProvisionToAssign, channel: str | None = None):
    """Make the assignment for a granted provision and send its 301; refuse (ValidationError) without a contract."""
    raise NotImplementedError


def assignment_change(*, actor, provision_id: int, volume: Decimal, ends_on: date, reason: str = "", channel=None):
    """A changed decision: change the assignment and send a new 301 (RedenWijziging); None if there is none."""
    raise NotImplementedError


def assignment_end(*, actor, provision_id: int, ends_on: date, reason: str = "", channel=None):
    """An ended decision: end the assignment on `ends_on` and send the 301 that says so; None if there is none."""
    raise NotImplementedError


def assignment_start(*, actor, assignment, started_on: date, channel=None):
    """The provider starts delivery: a 305 (built and processed as if received) moves sent → started."""
    raise NotImplementedError


def assignment_stop(*, actor, assignment, stopped_on: date, reason: str, channel=None):
    """The provider stops delivery: a 307 with its reason moves started → stopped."""
    raise NotImplementedError
