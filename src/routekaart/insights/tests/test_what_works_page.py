"""The page "Wat werkt voor wie": for beleid, in a fixed number of queries, bad choices answered in Dutch."""

import pytest
from django.urls import reverse

from routekaart.insights.models import InterventionKind
from routekaart.organisations.roles import Role
from routekaart.testing import database_fingerprint

from .factories_outcomes import OutcomeCellFactory

pytestmark = pytest.mark.django_db
URL = reverse("insights:what_works")
YEAR_2025 = {"van": "2025-01", "tot": "2025-12"}


def test_beleid_sees_the_rates_with_their_interval(staff_client):
    OutcomeCellFactory(residents=25, observed=25, work_found=10)
    client, _user = staff_client(Role.POLICY)
    response = client.get(URL, YEAR_2025)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Jobcoach" in html
    # 10 of 25 = 40.0 %; Wilson: centre (0.4 + 3.8415/50) / (1 + 3.8415/25) = 0.41332,
    # half 1.96 √(0.4·0.6/25 + 3.8415/2500) / 1.15366 = 0.17929: 23.4 to 59.3
    assert "40,0 %" in html and "23,4 %" in html and "59,3 %" in html
    assert "Zo delen we in" in html and "18 tot en met 26 jaar" in html


def test_a_coordinator_may_not_see_the_steering_page(staff_client):
    client, _user = staff_client(Role.COORDINATOR)
    assert client.get(URL).status_code == 403


def test_split_by_a_dimension_shows_each_band(staff_client):
    OutcomeCellFactory(residents=20, observed=20, work_found=10, distance_reduced=10, education="low")
    OutcomeCellFactory(residents=9, observed=9, work_found=9, education="high")
    client, _user = staff_client(Role.POLICY)
    response = client.get(URL, {**YEAR_2025, "uitsplitsen": "education", "uitkomst": "distance_reduced"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Laag opgeleid" in html and "50,0 %" in html  # 10 of 20
    assert "Hoog opgeleid" in html and "100,0 %" not in html  # 9 of 9 stays hidden


def test_an_unknown_dimension_is_refused_in_dutch_and_changes_nothing(staff_client):
    client, _user = staff_client(Role.POLICY)
    before = database_fingerprint()
    response = client.get(URL, {"uitsplitsen": "bsn", "uitkomst": "salaris"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Kies een van de kenmerken uit de lijst." in html
    assert "Kies een van de uitkomsten uit de lijst." in html
    assert database_fingerprint() == before


@pytest.mark.parametrize("cells", [1, 30])
def test_the_page_runs_a_fixed_number_of_queries(staff_client, django_assert_max_num_queries, cells):
    for number in range(cells):
        OutcomeCellFactory(intervention_key=f"i{number}", residents=10 + number, observed=10)
        OutcomeCellFactory(intervention_kind=InterventionKind.PROVISION, intervention_key=f"p{number}:W")
    client, _user = staff_client(Role.POLICY)
    client.get(URL, YEAR_2025)  # the session and the register warm up
    with django_assert_max_num_queries(10):
        response = client.get(URL, {**YEAR_2025, "uitsplitsen": "profile"})
    assert response.status_code == 200


@pytest.mark.parametrize(("part", "rest", "shown"), [(9, 11, False), (11, 9, False), (10, 10, True), (11, 11, True)])
def test_a_rate_whose_part_or_rest_is_under_10_reads_minder_dan_10_on_the_page(staff_client, part, rest, shown):
    OutcomeCellFactory(residents=part + rest, observed=part + rest, work_found=part)
    client, _user = staff_client(Role.POLICY)
    html = client.get(URL, YEAR_2025).content.decode()
    assert f">{part + rest}<" in html  # the group of 20 or 22 is shown
    # 10 of 20 and 11 of 22 are both 50.0 %
    assert ("50,0 %" in html) is shown and ("minder dan 10" in html) is not shown
