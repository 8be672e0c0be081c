"""What the `work` app reads of a resident: the wage value that counts now, the register status, the distance."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from freezegun import freeze_time

from routekaart.participation import selectors, services

from .factories import resident_in_household

pytestmark = pytest.mark.django_db


@freeze_time("2026-06-01")
def test_the_current_wage_value_is_the_latest_still_valid_determination(world):
    assert selectors.wage_value_current(resident_id=world.resident.pk) is None
    old = services.wage_value_determine(
        actor=world.user,
        resident=world.resident,
        method="dariuz",
        percentage=Decimal("45"),
        determined_on=date(2025, 3, 1),
        job_title="Schoonmaker",
    )
    assert old.valid_until == date(2026, 3, 1)  # 12 months, as the rules say
    assert selectors.wage_value_current(resident_id=world.resident.pk) is None  # expired
    assert selectors.wage_value_current(resident_id=world.resident.pk, on=date(2025, 12, 1)) == old
    new = services.wage_value_determine(
        actor=world.user,
        resident=world.resident,
        method="ergatis",
        percentage=Decimal("55"),
        determined_on=date(2026, 5, 1),
        job_title="Schoonmaker",
    )
    assert selectors.wage_value_current(resident_id=world.resident.pk) == new


@freeze_time("2026-06-01")
def test_an_unrecognised_method_or_an_impossible_percentage_is_refused(world):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        services.wage_value_determine(
            actor=world.user,
            resident=world.resident,
            method="gevoel",
            percentage=Decimal("120"),
            determined_on=date(2026, 5, 1),
            job_title="",
        )
    assert set(refused.value.message_dict) == {"method", "percentage", "job_title"}


@freeze_time("2026-06-01")
def test_the_bulk_lookups_take_one_query_for_any_number_of_residents(world):
    residents = [resident_in_household()[0] for _ in range(5)]
    for resident in residents:
        services.wage_value_determine(
            actor=world.user,
            resident=resident,
            method="scan",
            percentage=Decimal("50"),
            determined_on=date(2026, 1, 1),
            job_title="Productie",
        )
        services.target_group_register_record(
            actor=world.user, resident=resident, status="registered", ground="pro_vso", as_of=date(2026, 1, 1)
        )
    ids = [r.pk for r in residents] + [world.resident.pk]
    with CaptureQueriesContext(connection) as queries:
        values = selectors.wage_values_current(resident_ids=ids)
        states = selectors.target_group_register_statuses(resident_ids=ids)
    assert len(queries) == 2
    assert set(values) == {r.pk for r in residents}
    assert all(states[r.pk].registered for r in residents) and world.resident.pk not in states
    assert selectors.target_group_register_status(resident_id=world.resident.pk).status is None
