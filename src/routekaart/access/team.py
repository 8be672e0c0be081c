"""The team leader's view of the team's work: the open cases of the households its coordinators coordinate, and
the caseload per coordinator.

Who leads a team is `Affiliation.leads_team` (organisations). The list itself names no one: case, phase,
coordinator, nearest deadline and overdue agreements are the work, not the person. The household's members are
personal data, shown only for households the access check opens to the team leader (their own or their
organisation's involvement, `households_visible`); that read is logged like every worklist's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from ..audit import services as audit
from ..organisations import selectors as organisations_selectors
from ..residents import selectors as residents_selectors
from ..residents.access import HOUSEHOLD_FILE, households_visible
from .models import OPEN_STATUSES, Case
from .selectors import worklist_figures


@dataclass(frozen=True)
class CoordinatorLoad:
    """One coordinator's open cases (counts only)."""

    user: object
    open_cases: int
    overdue_cases: int


@dataclass
class TeamRow:
    case: Case
    members: list  # empty unless the access check opens the household to the team leader
    visible: bool


def team_cases(*, organisation_ids, coordinator_id: int | None = None, on: date | None = None) -> QuerySet[Case]:
    """The open cases of the households coordinated on behalf of these organisations, most urgent first (the
    worklist's order); with `coordinator_id`, that coordinator's only."""
    on = on or timezone.localdate()
    return (
        Case.objects.filter(status__in=OPEN_STATUSES)
        .filter(
            residents_selectors.coordinated_by_organisations(
                organisation_ids=organisation_ids, user_id=coordinator_id, on=on
            )
        )
        .order_by(F("urgent_signal").desc(), F("urgency_on").asc(nulls_last=True), "pk")
    )


def team_caseload(*, organisation_ids, on: date | None = None) -> list[CoordinatorLoad]:
    """Open cases and cases with something overdue per coordinator of the team, zero included (two queries)."""
    on = on or timezone.localdate()
    counts = {
        row["coordinator"]: row
        for row in team_cases(organisation_ids=organisation_ids, on=on)
        .annotate(coordinator=residents_selectors.coordinator_column(column="user_id", on=on))
        .order_by()
        .values("coordinator")
        .annotate(open_cases=Count("pk"), overdue_cases=Count("pk", filter=Q(overdue_from__lt=on)))
    }
    return [
        CoordinatorLoad(
            user=user,
            open_cases=counts.get(user.pk, {}).get("open_cases", 0),
            overdue_cases=counts.get(user.pk, {}).get("overdue_cases", 0),
        )
        for user in organisations_selectors.team_coordinators(organisation_ids=organisation_ids)
    ]


def team_rows(*, cases, user, on: date | None = None) -> list[TeamRow]:
    """One page of the team's cases as rows: the worklist's figures (coordinator, nearest deadline, overdue
    agreements; one query), and the members' names only where the access check opens the household to `user`.
    The names shown are logged as a read of the household file (one insert)."""
    on = on or timezone.localdate()
    cases = worklist_figures(list(cases), on=on)
    household_ids = [c.household_id for c in cases]
    visible = set(households_visible(user=user).filter(pk__in=household_ids).values_list("pk", flat=True))
    members = residents_selectors.members_of(household_ids=visible, on=on) if visible else {}
    rows = [
        TeamRow(case=case, members=members.get(case.household_id, []), visible=case.household_id in visible)
        for case in cases
    ]
    shown = [resident for row in rows for resident in row.members]
    if shown:
        audit.processing_record(
            actor=user, activity=HOUSEHOLD_FILE, data_subjects=[audit.pseudonym(r.bsn) for r in shown]
        )
    return rows


def team_case_led(*, user, case: Case) -> bool:
    """Whether `user` leads the team of the case's coordinator (the ground for a team leader's handover)."""
    involvement = case.coordinator_involvement
    return involvement is not None and involvement.organisation_id in organisations_selectors.teams_led(user=user)
