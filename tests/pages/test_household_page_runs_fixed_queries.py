"""The household page runs the same, small number of queries for a one-person household with nothing and for an
eight-person one with ten years of every domain (issue 18)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from routekaart.organisations.roles import Role

from .household_builders import configuration_load, household_with_everything, household_with_nothing

pytestmark = [pytest.mark.django_db]

# Pinned: the household file (13, with the session, user and access check), the toegang's summary (5, with the
# residents' messages), the involvements and consents read once for every other processing purpose (2,
# residents.access.household_grounds), per such purpose the register's roles (which the test settings read on every
# ask; cached in production), and each block's own reads: routes, benefit (3, with the changes
# the resident reported that wait), participation, work, journal, timeline, the assignments to providers (3: the
# assignments, their latest progress reports, their messages), the open claims (2: the register's roles for benefit
# recovery, the claims with their balances), the open objections (1 when there are none; their hearings, appeals and
# notices are read only for objections found).
# A block that adds a query raises this number on purpose, never by accident.
MAX_QUERIES = 51


def test_the_household_page_runs_the_same_queries_for_1_person_with_nothing_and_8_over_10_years(staff_client):
    client, user = staff_client(Role.COORDINATOR)
    configuration_load()
    small = household_with_nothing(user).household
    large = household_with_everything(user).household
    counts = []
    for household in (small, large):
        url = reverse("residents:household_detail", args=[household.pk])
        client.get(url)  # warm the per-process caches (the register's roles)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
    assert counts[0] <= MAX_QUERIES, counts
