"""A search runs the same number of queries for a few matches and for many, and reads at most the 50 it shows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from routekaart.organisations.roles import Role

from .factories import InvolvementFactory, MembershipFactory, ResidentFactory

pytestmark = pytest.mark.django_db
SEARCH = "/huishoudens/zoeken/"


def households(user, count: int, family_name: str) -> None:
    organisation = user.affiliations.get().organisation
    for _ in range(count):
        membership = MembershipFactory(resident=ResidentFactory(family_name=family_name))
        MembershipFactory(household=membership.household, resident=ResidentFactory(family_name=family_name))
        InvolvementFactory(household=membership.household, organisation=organisation, user=user)


@pytest.mark.parametrize("data", [{"family_name": "{name}"}, {"postcode": "1234 AB"}])
def test_same_queries_for_2_and_60_matches(staff_client, data):
    client, user = staff_client(Role.COORDINATOR)
    households(user, 1, "Groen")
    households(user, 30, "Kok")
    counts = []
    for name in ("Groen", "Kok"):
        posted = {key: value.format(name=name) for key, value in data.items()}
        client.post(SEARCH, posted)  # warm the per-process caches (the register's roles)
        with CaptureQueriesContext(connection) as queries:
            response = client.post(SEARCH, posted)
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
    assert counts[0] <= 12, counts
