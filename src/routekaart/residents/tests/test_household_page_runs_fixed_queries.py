"""The household API runs the same number of queries for a small household and a large one with history."""

import itertools
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from routekaart.organisations.roles import Domain, Role

from .. import services
from ..models import InvolvementKind
from .factories import HouseholdFactory, InvolvementFactory, MembershipFactory, RelationFactory, ResidentFactory

pytestmark = [pytest.mark.django_db]


def build(size: int, history: int, user) -> int:
    household = HouseholdFactory()
    organisation = user.affiliations.get().organisation
    InvolvementFactory(household=household, organisation=organisation, user=user, kind=InvolvementKind.COORDINATOR)
    residents = []
    for i in range(size):
        resident = ResidentFactory(birth_date=date(1970 + i, 1, 1))
        MembershipFactory(household=household, resident=resident, valid_from=date(2020, 1, 1))
        residents.append(resident)
    for i in range(history):  # people who lived here and left
        past = ResidentFactory(birth_date=date(1960, 1, 1))
        membership = MembershipFactory(household=household, resident=past, valid_from=date(2000 + i % 10, 1, 1))
        services.membership_end(actor=user, membership=membership, valid_to=date(2010 + i % 5, 1, 1))
    for left, right in itertools.pairwise(residents):
        RelationFactory(resident=left, related=right)
    for domain in (Domain.YOUTH, Domain.SUPPORT, Domain.PARTICIPATION):
        InvolvementFactory(household=household, domain=domain)
        services.consent_record(
            actor=user,
            household=household,
            resident=residents[0],
            organisation=organisation,
            domain=domain,
            scope="Afstemming",
        )
    return household.pk


def test_the_api_runs_the_same_queries_for_a_household_of_1_or_12_with_a_long_history(staff_client):
    """The page with every app's blocks: tests/pages/test_household_page_runs_fixed_queries.py."""
    client, user = staff_client(Role.COORDINATOR)
    small = build(1, 0, user)
    large = build(12, 25, user)
    counts = []
    for household_id in (small, large):
        target = f"/api/v1/households/{household_id}/"
        with CaptureQueriesContext(connection) as queries:
            assert client.get(target).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
    assert counts[0] <= 25


def test_my_households_runs_the_same_queries_for_2_or_20_households(staff_client):
    client, user = staff_client(Role.COORDINATOR)
    counts = []
    for n in (2, 18):
        for _ in range(n):
            build(3, 1, user)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("residents:household_list"))
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_my_households_lists_only_households_i_am_involved_with(staff_client):
    client, user = staff_client(Role.COORDINATOR)
    mine = build(2, 0, user)
    not_mine = MembershipFactory(resident=ResidentFactory(family_name="Vreemdeling")).household_id
    response = client.get(reverse("residents:household_list"))
    assert reverse("residents:household_detail", args=[mine]) in response.text
    assert reverse("residents:household_detail", args=[not_mine]) not in response.text
    assert "Vreemdeling" not in response.text
    api = client.get("/api/v1/households/").json()
    assert [row["id"] for row in api["results"]] == [mine]


def test_the_home_block_loads_through_htmx(staff_client):
    client, user = staff_client(Role.COORDINATOR)
    build(2, 0, user)
    url = reverse("residents:household_summary")
    assert client.get(url).status_code == 302
    fragment = client.get(url, HTTP_HX_REQUEST="true")
    assert fragment.status_code == 200
    assert "Huishouden" in fragment.text
