"""The household page shows what the selectors hand it: the steps the case's state allows, and each deadline's
standing. The template decides nothing about the workflow."""

from datetime import date, timedelta
from types import SimpleNamespace

import pytest

from routekaart.access import selectors
from routekaart.access.models import Case, CaseStatus, Deadline, DeadlineRule, Plan, PlanStatus

ON = date(2026, 12, 4)


def _deadline(*, due_in: int, met: bool = False, lapsed: bool = False, changes=(), met_by=()) -> Deadline:
    rule = DeadlineRule(code="t", changes=list(changes), met_by=list(met_by))
    return Deadline(
        rule=rule,
        due_on=ON + timedelta(days=due_in),
        original_due_on=ON + timedelta(days=due_in),
        met_on=ON if met else None,
        lapsed_on=ON if lapsed else None,
    )


@pytest.mark.parametrize(
    ("due_in", "state", "days"),
    [
        (-1, "late", 1),
        (0, "today", None),
        (1, "soon", 1),
        (selectors.DEADLINE_SOON_DAYS - 1, "soon", selectors.DEADLINE_SOON_DAYS - 1),
        (selectors.DEADLINE_SOON_DAYS, "soon", selectors.DEADLINE_SOON_DAYS),
        (selectors.DEADLINE_SOON_DAYS + 1, "running", selectors.DEADLINE_SOON_DAYS + 1),
    ],
)
def test_a_deadline_is_late_today_soon_or_running_by_the_days_left(due_in, state, days):
    row = selectors._deadline_row(_deadline(due_in=due_in), ON)
    assert row.state == state
    if days is not None:
        assert row.days == days


def test_a_met_or_lapsed_deadline_offers_no_change_and_no_advance():
    for deadline, state in (
        (_deadline(due_in=3, met=True, changes=["suspension"], met_by=["advance_granted"]), "met"),
        (_deadline(due_in=3, lapsed=True, changes=["suspension"], met_by=["advance_granted"]), "lapsed"),
    ):
        row = selectors._deadline_row(deadline, ON)
        assert (row.state, row.changeable, row.met_by_advance) == (state, False, False)
    running = selectors._deadline_row(_deadline(due_in=3, changes=["suspension"], met_by=["advance_granted"]), ON)
    assert (running.changeable, running.met_by_advance) == (True, True)
    plain = selectors._deadline_row(_deadline(due_in=3), ON)
    assert (plain.changeable, plain.met_by_advance) == (False, False)


def _file(status: str, plans=()) -> selectors.CaseFile:
    case = Case(pk=7, household_id=3, status=status)
    file = selectors.CaseFile.__new__(selectors.CaseFile)
    file.access = SimpleNamespace(household_id=3, on=ON)
    file.case = case
    file.plans = list(plans)
    return file


def _labels(file) -> list[str]:
    return [str(step.label) for step in file.next_steps]


def test_the_gatekeeper_is_offered_only_while_the_case_is_at_intake():
    assert "Poortwachter" in _labels(_file(CaseStatus.INTAKE))
    for status in (CaseStatus.REGISTERED, CaseStatus.ASSESSMENT, CaseStatus.PLANNED):
        assert "Poortwachter" not in _labels(_file(status))


def test_a_plan_is_offered_after_gatekeeping_and_a_revision_once_one_is_active():
    assert "Plan van aanpak maken" not in _labels(_file(CaseStatus.INTAKE))
    assert "Plan van aanpak maken" in _labels(_file(CaseStatus.ASSESSMENT))
    active = Plan(pk=1, version=1, status=PlanStatus.ACTIVE)
    labels = _labels(_file(CaseStatus.PLANNED, [active]))
    assert "Plan herzien (nieuwe versie)" in labels and "Plan van aanpak maken" not in labels
    assert "Evaluatie" in labels
    draft = Plan(pk=2, version=2, status=PlanStatus.DRAFT)
    labels = _labels(_file(CaseStatus.PLANNED, [draft, active]))
    assert "Instemming vastleggen en plan activeren (versie 2)" in labels
    assert "Plan herzien (nieuwe versie)" not in labels


def test_a_closed_case_offers_only_a_new_signal():
    assert _labels(_file(CaseStatus.CLOSED)) == ["Nieuw signaal"]
