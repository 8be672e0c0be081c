"""A garantiebaan (banenafspraak) needs the resident in UWV's target-group register, on the start date."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from freezegun import freeze_time

from routekaart.participation import selectors, services
from routekaart.participation.models import RegisterGround, RegisterStatus

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def today():
    with freeze_time("2026-04-01"):
        yield


def _propose(world):
    return services.assignment_propose(
        actor=world.user,
        resident=world.resident,
        instrument=world.instrument("guaranteed_job"),
        provider=world.learn_work,
        employer=world.employer,
        municipality=world.municipality,
        planned_start=date(2026, 5, 1),
        planned_end=date(2027, 4, 30),
        monthly_cost=Decimal("350"),
    )


def test_without_a_registration_the_guaranteed_job_is_refused(world):
    with pytest.raises(ValidationError) as refused:
        _propose(world)
    assert "doelgroepenregister" in " ".join(refused.value.message_dict["instrument"])


def test_an_application_is_not_yet_a_registration(world):
    services.target_group_register_record(
        actor=world.user, resident=world.resident, status=RegisterStatus.APPLIED, as_of=date(2026, 3, 1)
    )
    assert not selectors.target_group_register_status(resident_id=world.resident.pk).registered
    with pytest.raises(ValidationError):
        _propose(world)


def test_registered_residents_can_start_and_removal_before_the_start_stops_it(world):
    services.target_group_register_record(
        actor=world.user,
        resident=world.resident,
        status=RegisterStatus.REGISTERED,
        ground=RegisterGround.PARTICIPATION_ACT,
        as_of=date(2026, 3, 15),
    )
    state = selectors.target_group_register_status(resident_id=world.resident.pk)
    assert state.registered and state.ground == "participation_act"
    assignment = _propose(world)
    services.target_group_register_record(
        actor=world.user, resident=world.resident, status=RegisterStatus.REMOVED, as_of=date(2026, 3, 31)
    )
    with freeze_time("2026-05-01"), pytest.raises(ValidationError) as refused:
        services.assignment_start(actor=world.user, assignment=assignment, started_on=date(2026, 5, 1))
    assert "doelgroepenregister" in " ".join(refused.value.message_dict["instrument"])


def test_a_registration_needs_its_ground(world):
    with pytest.raises(ValidationError) as refused:
        services.target_group_register_record(
            actor=world.user, resident=world.resident, status=RegisterStatus.REGISTERED, as_of=date(2026, 3, 1)
        )
    assert "ground" in refused.value.message_dict


def test_a_guaranteed_job_needs_an_employer(world):
    services.target_group_register_record(
        actor=world.user, resident=world.resident, status="registered", ground="pro_vso", as_of=date(2026, 3, 1)
    )
    with pytest.raises(ValidationError) as refused:
        services.assignment_propose(
            actor=world.user,
            resident=world.resident,
            instrument=world.instrument("guaranteed_job"),
            provider=world.learn_work,
            municipality=world.municipality,
            planned_start=date(2026, 5, 1),
            planned_end=date(2027, 4, 30),
            monthly_cost=Decimal("350"),
        )
    assert "werkgever" in " ".join(refused.value.message_dict["employer"])
