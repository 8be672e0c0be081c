"""Sheltered work needs UWV's advice and then the municipality's decision, before it can start."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from freezegun import freeze_time

from routekaart.participation import services
from routekaart.participation.models import Commitment

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def today():
    with freeze_time("2026-02-02"):
        yield


@pytest.fixture
def proposed(world):
    return services.assignment_propose(
        actor=world.user,
        resident=world.resident,
        instrument=world.instrument("sheltered_work"),
        provider=world.sw_company,
        municipality=world.municipality,
        planned_start=date(2026, 3, 1),
        planned_end=date(2027, 2, 28),
        monthly_cost=Decimal("1200"),
    )


def test_it_cannot_start_without_a_decision(world, proposed):
    with pytest.raises(ValidationError) as refused:
        services.assignment_start(actor=world.user, assignment=proposed, started_on=date(2026, 2, 1))
    assert "beschikking" in " ".join(refused.value.message_dict["status"])


def test_the_municipality_decides_only_after_uwvs_advice(world, proposed):
    with pytest.raises(ValidationError) as refused:
        services.assignment_decide(
            actor=world.user, assignment=proposed, granted=True, decided_on=date(2026, 2, 1), reference="BW-1"
        )
    assert "eerst het advies van UWV" in " ".join(refused.value.message_dict["granted"])
    proposed.refresh_from_db()
    assert proposed.status == "proposed" and not Commitment.objects.exists()


def test_negative_advice_cannot_be_granted_but_can_be_refused(world, proposed):
    services.assignment_uwv_advice_record(
        actor=world.user, assignment=proposed, advised_on=date(2026, 1, 20), positive=False
    )
    with pytest.raises(ValidationError) as refused:
        services.assignment_decide(
            actor=world.user, assignment=proposed, granted=True, decided_on=date(2026, 2, 1), reference="BW-1"
        )
    assert "negatief" in " ".join(refused.value.message_dict["granted"])
    refused_assignment = services.assignment_decide(
        actor=world.user, assignment=proposed, granted=False, decided_on=date(2026, 2, 1), reference="BW-1"
    )
    assert refused_assignment.status == "refused"


def test_advice_decision_start_commits_the_budget_month_by_month(world, proposed):
    services.assignment_uwv_advice_record(
        actor=world.user, assignment=proposed, advised_on=date(2026, 1, 20), positive=True, reference="UWV-9"
    )
    granted = services.assignment_decide(
        actor=world.user, assignment=proposed, granted=True, decided_on=date(2026, 2, 1), reference="BW-1"
    )
    assert granted.status == "granted"
    assert Commitment.objects.filter(assignment=granted).count() == 12
    with pytest.raises(ValidationError):  # a decision is taken once
        services.assignment_decide(
            actor=world.user, assignment=granted, granted=True, decided_on=date(2026, 2, 2), reference="BW-2"
        )
    with pytest.raises(ValidationError):  # the start has not happened yet
        services.assignment_start(actor=world.user, assignment=granted, started_on=date(2026, 3, 2))
    with freeze_time("2026-03-16"):
        started = services.assignment_start(actor=world.user, assignment=granted, started_on=date(2026, 3, 16))
    months = list(Commitment.objects.filter(assignment=started).order_by("month").values_list("month", "amount"))
    assert months[0] == (date(2026, 3, 1), Decimal("619.35"))  # 16 of 31 days of € 1.200
    assert months[-1] == (date(2027, 2, 1), Decimal("1200.00"))


def test_uwv_advice_is_only_for_instruments_that_need_it(world):
    assignment = services.assignment_propose(
        actor=world.user,
        resident=world.resident,
        instrument=world.instrument("learn_work_place"),
        provider=world.learn_work,
        municipality=world.municipality,
        planned_start=date(2026, 3, 2),
        planned_end=date(2026, 5, 31),
        monthly_cost=Decimal("900"),
    )
    with pytest.raises(ValidationError):
        services.assignment_uwv_advice_record(
            actor=world.user, assignment=assignment, advised_on=date(2026, 2, 1), positive=True
        )
