"""The household page shows each member's labour distance (with the reassessment date, overdue marked), wage value
and instruments in force to a coordinator; a school, whose roles the participation activity does not allow, sees
none of it; the block runs a fixed number of queries."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from freezegun import freeze_time

from routekaart.organisations.roles import Role
from routekaart.organisations.tests.factories import UserFactory
from routekaart.participation import services
from routekaart.participation.models import DistanceCategory
from routekaart.residents.models import InvolvementKind
from routekaart.residents.tests.factories import InvolvementFactory

from .factories import resident_in_household

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_login")]


def _assess(world, resident, on: datetime.date, code: str = "bridgeable_long"):
    category = DistanceCategory.objects.get(code=code)
    with freeze_time(on):
        return services.distance_assess(
            actor=world.user,
            resident=resident,
            category=category,
            tier=category.tiers.order_by("order").first(),
            ladder_rung=world.rung(3),
            assessed_on=on,
            municipality=world.municipality,
        )


def _page(user, household_id: int):
    client = Client()
    client.force_login(user)
    return client.get(reverse("residents:household_detail", args=[household_id]))


def _block(response) -> str:
    html = response.content.decode()
    if 'data-block="participation"' not in html:
        return ""
    start = html.index('data-block="participation"')
    return html[start : html.index("</section>", start)]


def test_a_coordinator_sees_the_distance_and_an_overdue_reassessment(world):
    assessment = _assess(world, world.resident, datetime.date(2024, 1, 15))  # six months: overdue since July 2024
    block = _block(_page(world.user, world.household.pk))
    assert assessment.category.name in block
    assert "herbeoordeling te laat sinds 15 juli 2024" in block
    assert reverse("participation:profile", args=[world.resident.pk]) in block


def test_a_recent_assessment_is_not_marked_overdue(world):
    today = datetime.date.today()
    _assess(world, world.resident, today)
    block = _block(_page(world.user, world.household.pk))
    assert "herbeoordeling te laat" not in block
    assert "herbeoordeling " in block


def test_a_school_involved_with_the_household_sees_no_participation_data(world):
    _assess(world, world.resident, datetime.date(2024, 1, 15))
    school_user = UserFactory(role=Role.SCHOOL, is_demo=True)
    InvolvementFactory(
        household=world.household,
        organisation=school_user.affiliations.get().organisation,
        kind=InvolvementKind.SCHOOL_PUPIL,
    )
    response = _page(school_user, world.household.pk)
    assert response.status_code == 200
    assert _block(response) == ""


def test_the_block_runs_the_same_queries_for_one_member_or_five_with_assessments(world):
    _assess(world, world.resident, datetime.date(2025, 1, 15))
    small = world.household.pk
    _first, big = resident_in_household(birth_date=datetime.date(1980, 1, 1))
    InvolvementFactory(
        household=big,
        organisation=world.user.affiliations.get().organisation,
        user=world.user,
        kind=InvolvementKind.COORDINATOR,
    )
    for year in range(1981, 1986):
        member, _ = resident_in_household(birth_date=datetime.date(year, 1, 1), household=big)
        _assess(world, member, datetime.date(2025, 1, 15))
        _assess(world, member, datetime.date(2025, 6, 15), code="bridgeable_short")
    counts = []
    for household_id in (small, big.pk):
        with CaptureQueriesContext(connection) as queries:
            assert _page(world.user, household_id).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
