"""Budget per instrument and per spending line of seed 001: commitments, spend to date, forecast, and a warning."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from freezegun import freeze_time

from routekaart.participation import selectors, services
from routekaart.participation.models import Instrument, SpendingLine

from .factories import resident_in_household

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def today():
    with freeze_time("2026-05-15"):
        yield


def _learn_work_place(world, resident=None, monthly=Decimal("950")):
    assignment = services.assignment_propose(
        actor=world.user,
        resident=resident or world.resident,
        instrument=world.instrument("learn_work_place"),
        provider=world.learn_work,
        municipality=world.municipality,
        planned_start=date(2026, 3, 1),
        planned_end=date(2026, 8, 31),
        monthly_cost=monthly,
    )
    return services.assignment_decide(
        actor=world.user, assignment=assignment, granted=True, decided_on=date(2026, 2, 20), reference="LWP"
    )


def test_seed_001s_six_spending_lines(configuration):
    assert list(SpendingLine.objects.order_by("order").values_list("code", flat=True)) == [
        "specific_support",
        "neighbourhood_participation",
        "sheltered_work_facility",
        "guaranteed_job_guidance",
        "employer_approach",
        "education_and_prevention",
    ]


def test_forecast_is_spent_plus_what_is_still_committed_and_warns_above_budget(world):
    line = SpendingLine.objects.get(code="specific_support")
    instrument = Instrument.objects.get(code="learn_work_place")
    services.budget_set(
        actor=world.user, municipality=world.municipality, year=2026, spending_line=line, amount=Decimal("10000")
    )
    services.budget_set(
        actor=world.user,
        municipality=world.municipality,
        year=2026,
        spending_line=line,
        instrument=instrument,
        amount=Decimal("3000"),
    )
    assignment = _learn_work_place(world)
    services.expenditure_record(
        actor=world.user, assignment=assignment, booked_on=date(2026, 3, 31), amount=Decimal("950")
    )
    services.expenditure_record(
        actor=world.user, assignment=assignment, booked_on=date(2026, 4, 30), amount=Decimal("950")
    )

    monitor = selectors.budget_monitor_get(municipality=world.municipality, year=2026)
    block = next(b for b in monitor.lines if b.line.code == "specific_support")
    row = next(r for r in block.instruments if r.instrument.code == "learn_work_place")
    assert (row.budget, row.committed, row.spent) == (Decimal("3000"), Decimal("5700.00"), Decimal("1900.00"))
    assert row.forecast == Decimal("5700.00")  # 1900 spent + May still open + June-August committed
    assert row.over_budget and row in monitor.warnings
    assert block.total.budget == Decimal("10000") and not block.total.over_budget
    assert monitor.total.forecast == Decimal("5700.00")


def test_the_current_month_counts_once_when_it_is_already_paid(world):
    assignment = _learn_work_place(world)
    services.expenditure_record(
        actor=world.user, assignment=assignment, booked_on=date(2026, 5, 10), amount=Decimal("950")
    )
    row = _row(world, "learn_work_place")
    assert row.spent == Decimal("950") and row.forecast == Decimal("950") + 3 * Decimal("950")


def test_ending_early_releases_what_was_committed(world):
    assignment = _learn_work_place(world)
    services.assignment_start(actor=world.user, assignment=assignment, started_on=date(2026, 3, 1))
    services.assignment_end(
        actor=world.user, assignment=assignment, ended_on=date(2026, 4, 30), result=world.result("regular_employer")
    )
    assert _row(world, "learn_work_place").committed == Decimal("1900.00")


def test_lks_mdp_commits_less_than_lks_zdp_over_a_year(world):
    wage_value = services.wage_value_determine(
        actor=world.user,
        resident=world.resident,
        method="dariuz",
        percentage=Decimal("60"),
        determined_on=date(2025, 12, 15),
        job_title="Vakkenvuller",
    )
    for code in ("wage_subsidy_with_growth", "wage_subsidy_without_growth"):
        assignment = services.assignment_propose(
            actor=world.user,
            resident=world.resident,
            instrument=world.instrument(code),
            provider=world.learn_work,
            employer=world.employer,
            municipality=world.municipality,
            planned_start=date(2026, 1, 1),
            planned_end=date(2026, 12, 31),
            hours_per_week=Decimal("32"),
            wage_value=wage_value,
        )
        assert assignment.monthly_cost == Decimal("1088.27")
        services.assignment_decide(
            actor=world.user, assignment=assignment, granted=True, decided_on=date(2026, 1, 2), reference=code
        )
    mdp, zdp = _row(world, "wage_subsidy_with_growth"), _row(world, "wage_subsidy_without_growth")
    assert zdp.committed == 12 * Decimal("1088.27")
    assert mdp.committed == 6 * Decimal("1088.27") + 6 * Decimal("816.20")  # second half-year at 75 %


def test_a_budget_for_an_instrument_belongs_to_its_line(world):
    with pytest.raises(ValidationError) as refused:
        services.budget_set(
            actor=world.user,
            municipality=world.municipality,
            year=2026,
            spending_line=SpendingLine.objects.get(code="employer_approach"),
            instrument=Instrument.objects.get(code="learn_work_place"),
            amount=Decimal("100"),
        )
    assert "valt onder de post" in " ".join(refused.value.message_dict["instrument"])


def test_instruments_without_cost_take_no_expenditure(world):
    assignment = services.assignment_propose(
        actor=world.user,
        resident=world.resident,
        instrument=world.instrument("volunteering"),
        provider=world.team,
        municipality=world.municipality,
        planned_start=date(2026, 5, 1),
        planned_end=date(2026, 10, 31),
    )
    services.assignment_start(actor=world.user, assignment=assignment, started_on=date(2026, 5, 1))
    with pytest.raises(ValidationError):
        services.expenditure_record(
            actor=world.user, assignment=assignment, booked_on=date(2026, 5, 10), amount=Decimal("10")
        )


def test_the_monitor_runs_the_same_few_queries_for_one_or_many_assignments(world):
    _learn_work_place(world)
    with CaptureQueriesContext(connection) as small:
        selectors.budget_monitor_get(municipality=world.municipality, year=2026)
    for _ in range(15):
        _learn_work_place(world, resident=resident_in_household()[0])
    with CaptureQueriesContext(connection) as large:
        monitor = selectors.budget_monitor_get(municipality=world.municipality, year=2026)
    assert len(small) == len(large) <= 6
    assert _find(monitor, "learn_work_place").committed == 16 * 6 * Decimal("950")


def _find(monitor, code):
    return next(r for b in monitor.lines for r in b.instruments if r.instrument.code == code)


def _row(world, code):
    return _find(selectors.budget_monitor_get(municipality=world.municipality, year=2026), code)
