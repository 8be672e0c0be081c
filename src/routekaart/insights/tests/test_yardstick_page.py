"""The Maatstaven page: beleid sees every yardstick with its source in a fixed number of queries, a coordinator is
refused, bad filters get a Dutch message and a 400; the home page's headlines cost two queries."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from freezegun import freeze_time

from routekaart.insights.selectors_yardsticks import YARDSTICKS, yardstick_headlines
from routekaart.organisations.roles import Role
from routekaart.testing import database_fingerprint

from . import factories_yardsticks as f

pytestmark = pytest.mark.django_db

URL = reverse("insights:yardsticks")
# session, user, the request's savepoint and its release, the role's affiliations (5); the filter form's
# municipalities and wijken (2); the figures (10: distance 1, walking routes 1, reassessment 1, youth applications 2,
# yearly conversation 1, non-take-up 1, terms 2, objections upheld 1), and one more when the period ends this month
# (the distribution then reads the current assessments and the categories apart, over its covering index)
PAGE_QUERIES = 18


@pytest.fixture
def some_of_everything(db):
    from routekaart.participation.configuration import participation_configuration_load

    participation_configuration_load()
    town = f.place()
    routes = f.walking_routes()
    rule = f.deadline_rule()
    supplement = f.regulation()
    run = f.check_run(date(2025, 3, 1))
    for _ in range(3):
        household, resident = town.household(born=date(2001, 1, 1))
        first = f.assess(resident, "bridgeable_long", date(2024, 6, 1), municipality=town.municipality)
        f.assess(
            resident,
            "bridgeable_short",
            date(2025, 7, 1),
            municipality=town.municipality,
            previous=first,
            change="smaller",
        )
        f.walk(resident, routes["tailored"], date(2025, 2, 1))
        f.application(household, resident, date(2025, 4, 1))
        benefit = f.benefit(household, resident, date(2023, 4, 1))
        f.review(benefit, 2025, date(2025, 5, 1))
        f.non_take_up(run, household, supplement)
        f.deadline(household, rule, date(2025, 5, 1), met_on=date(2025, 4, 20))
        f.objection(household, resident, date(2025, 9, 1), outcome="upheld")
    return town


def test_beleid_sees_every_yardstick_with_its_source_in_a_fixed_number_of_queries(
    staff_client, some_of_everything, django_assert_max_num_queries
):
    client, _ = staff_client(Role.POLICY)
    with django_assert_max_num_queries(PAGE_QUERIES):
        response = client.get(URL, {"van": "2025-01", "tot": "2025-12"})
    assert response.status_code == 200
    page = response.content.decode()
    for code in YARDSTICKS:
        assert f'id="figuur-yardstick_{code}"' in page
    assert "002_7d8c69587f3eca5f.txt" in page and "004_934b0d0e6c14a45c.txt" in page
    assert "minder dan 10" in page  # three residents each: no number shown


def test_the_number_of_queries_does_not_grow_with_the_data(
    staff_client, some_of_everything, django_assert_max_num_queries
):
    town = some_of_everything
    for _ in range(5):
        household, resident = town.household(born=date(2001, 1, 1))
        f.application(household, resident, date(2025, 4, 2))
        f.objection(household, resident, date(2025, 9, 2), law="P")
    client, _ = staff_client(Role.POLICY)
    with django_assert_max_num_queries(PAGE_QUERIES):
        response = client.get(URL, {"van": "2025-01", "tot": "2025-12", "gemeente": town.municipality.pk})
    assert response.status_code == 200


def test_the_default_period_up_to_this_month_runs_the_same_fixed_number_of_queries(
    staff_client, some_of_everything, django_assert_max_num_queries
):
    client, _ = staff_client(Role.POLICY)
    with django_assert_max_num_queries(PAGE_QUERIES):
        response = client.get(URL)
    assert response.status_code == 200
    assert 'id="figuur-yardstick_distance"' in response.content.decode()


def test_a_coordinator_may_not_see_the_yardsticks(staff_client):
    client, _ = staff_client(Role.COORDINATOR)
    assert client.get(URL).status_code == 403


def test_a_period_that_does_not_parse_gets_a_dutch_message_a_400_and_changes_nothing(staff_client):
    client, _ = staff_client(Role.POLICY)
    before = database_fingerprint()
    response = client.get(URL, {"van": "januari", "tot": "2025-12"})
    assert response.status_code == 400
    assert "Vul een maand in als jjjj-mm, bijvoorbeeld 2026-01." in response.content.decode()
    assert 'id="figuur-yardstick_' not in response.content.decode()
    assert database_fingerprint() == before


def test_a_period_ending_before_it_starts_gets_a_dutch_message_and_a_400(staff_client):
    client, _ = staff_client(Role.POLICY)
    response = client.get(URL, {"van": "2025-12", "tot": "2025-01"})
    assert response.status_code == 400
    assert "De laatste maand ligt voor de eerste; kies een latere maand." in response.content.decode()


@freeze_time("2026-06-15")
def test_the_headlines_show_two_yardsticks_of_the_last_twelve_months_in_two_queries(
    some_of_everything, django_assert_max_num_queries
):
    town = some_of_everything
    rule = f.deadline_rule(law="P")
    due = date(2026, 3, 2)
    for index in range(25):
        household, _resident = town.household()
        # 15 met on the last day, 10 a week late: 15/25 = 60.0 % (part 15, rest 10: shown)
        f.deadline(household, rule, due, met_on=due + timedelta(days=7 if index >= 15 else 0))
    with django_assert_max_num_queries(2):
        headlines = yardstick_headlines()
    (reassessed_label, reassessed, reassessed_url), (terms_label, terms, terms_url) = headlines
    # 3 reassessments since 16-06-2025 (June 2025): too few to show
    assert reassessed == "minder dan 10"
    # the 3 terms of May 2025 are older than twelve months; these 25: 15/25 = 60,0 % beside the law's 100 %
    assert terms == "60,0 % (maatstaf 100 %)"
    assert terms_url == f"{URL}#figuur-yardstick_terms"
    assert reassessed_url == f"{URL}#figuur-yardstick_reassessment"
    assert "herbeoordeling" in reassessed_label and "termijnen" in terms_label


def test_a_yardstick_downloads_as_csv_with_no_number_for_a_small_group(staff_client, some_of_everything):
    client, _ = staff_client(Role.POLICY)
    url = reverse("insights:export", args=["yardstick_terms", "csv"])
    response = client.get(url, {"van": "2025-01", "tot": "2025-12"})
    assert response.status_code == 200
    text = b"".join(response.streaming_content if response.streaming else [response.content]).decode("utf-8-sig")
    assert "Beslistermijn Wmo 2015" in text and "minder dan 10" in text  # three terms: no number
