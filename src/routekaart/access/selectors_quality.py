"""What the legal app's satisfaction survey may read of the toegang: the occasions to ask a resident how it went
(a decision sent, a case closed), as plain frozen values. Legal may not import access's models.

No access check and no logging here: these are the occasions of a background job, and the survey itself carries
only who to ask, the law, the team and the building block (legal.services.surveys). Two or three queries in all.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..residents.selectors import household_coordinators, members_of
from .models import Case, CaseStatus, Decision


@dataclass(frozen=True)
class SurveyOccasion:
    kind: str  # "decision" or "case_closed"
    id: int  # the decision's or the case's id
    on: date  # the day it happened (the decision's date, the closing day)
    household_id: int
    resident_id: int | None  # whom to ask: the decision's addressee, the household's first member for a case
    law: str  # J, W, P, or "" for a case
    team_id: int | None  # the organisation of the household's coordinator
    building_block_code: str  # the decision's first provision, or ""


def survey_occasions(*, start: date, end: date) -> list[SurveyOccasion]:
    """Decisions dated and cases closed from `start` to `end` (inclusive), oldest first."""
    decisions = list(
        Decision.objects.filter(decided_on__range=(start, end), urgent=False)
        .prefetch_related("provisions__building_block")
        .order_by("decided_on", "id")
    )
    cases = list(
        Case.objects.filter(status=CaseStatus.CLOSED, closed_on__range=(start, end)).order_by("closed_on", "id")
    )
    household_ids = {d.household_id for d in decisions} | {c.household_id for c in cases}
    coordinators = household_coordinators(household_ids=household_ids, on=end) if household_ids else {}
    members = members_of(household_ids=[c.household_id for c in cases], on=end) if cases else {}

    def team(household_id: int) -> int | None:
        involvement = coordinators.get(household_id)
        return involvement.organisation_id if involvement is not None else None

    occasions = []
    for decision in decisions:
        provisions = sorted(decision.provisions.all(), key=lambda p: p.pk)
        occasions.append(
            SurveyOccasion(
                kind="decision",
                id=decision.pk,
                on=decision.decided_on,
                household_id=decision.household_id,
                resident_id=decision.addressee_id,
                law=decision.law,
                team_id=team(decision.household_id),
                building_block_code=provisions[0].building_block.code[:60] if provisions else "",
            )
        )
    for case in cases:
        residents = members.get(case.household_id) or []
        occasions.append(
            SurveyOccasion(
                kind="case_closed",
                id=case.pk,
                on=case.closed_on,
                household_id=case.household_id,
                resident_id=residents[0].pk if residents else None,
                law="",
                team_id=team(case.household_id),
                building_block_code="",
            )
        )
    return occasions
