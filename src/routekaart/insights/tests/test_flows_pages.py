"""The flows pages: for beleid (and management), never for a coordinator; bad input gets a Dutch message and 400;
a fixed number of queries whatever the size of the network."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from routekaart.insights.models import CaseloadCount, FlowCount, TransitionCount
from routekaart.organisations.roles import Role

pytestmark = pytest.mark.django_db

PAGES = ("insights:flows", "insights:sankey", "insights:caseload")
PERIOD = {"van": "2026-01", "tot": "2026-12"}


def rows(n: int) -> None:
    for i in range(n):
        month = datetime.date(2026, 1 + i % 12, 1)
        FlowCount.objects.create(
            dimension="route", key=f"r{i}", label=f"Route {i}", direction="in", month=month, count=12
        )
        TransitionCount.objects.create(
            source_kind="route",
            source_key=f"r{i}",
            source_label=f"Route {i}",
            target_kind="destination",
            target_key="completed",
            target_label="Afgerond",
            month=month,
            count=11,
        )
        CaseloadCount.objects.create(month=month, households=10 + i)


@pytest.mark.parametrize("page", PAGES)
def test_beleid_sees_the_page(staff_client, page):
    rows(3)
    client, _ = staff_client(Role.POLICY)
    response = client.get(reverse(page), PERIOD)
    assert response.status_code == 200
    assert response.context["section"] == page.split(":")[1]
    assert 'id="figuur-' in response.content.decode()


@pytest.mark.parametrize("page", PAGES)
def test_a_coordinator_may_not_see_the_page(staff_client, page):
    client, _ = staff_client(Role.COORDINATOR)
    assert client.get(reverse(page)).status_code == 403


def test_the_flows_page_counts_by_the_chosen_dimension(staff_client):
    FlowCount.objects.create(
        dimension="instrument",
        key="lks",
        label="Loonkostensubsidie",
        direction="in",
        month=datetime.date(2026, 3, 1),
        count=14,
    )
    client, _ = staff_client(Role.POLICY)
    response = client.get(reverse("insights:flows"), {**PERIOD, "dimensie": "instrument"})
    assert response.status_code == 200
    assert "Loonkostensubsidie" in response.content.decode()
    assert "Instroom en uitstroom per instrument" in response.content.decode()


def test_an_unknown_dimension_gets_a_dutch_message_and_400_and_changes_nothing(staff_client):
    rows(2)
    before = list(FlowCount.objects.values())
    client, _ = staff_client(Role.POLICY)
    response = client.get(reverse("insights:flows"), {"dimensie": "bsn"})
    assert response.status_code == 400
    assert "Kies een van de onderdelen uit de lijst." in response.content.decode()
    assert list(FlowCount.objects.values()) == before


@pytest.mark.parametrize("page", PAGES)
def test_a_bad_month_gets_a_dutch_message_and_400(staff_client, page):
    client, _ = staff_client(Role.POLICY)
    response = client.get(reverse(page), {"van": "maart"})
    assert response.status_code == 400
    assert "Vul een maand in als jjjj-mm" in response.content.decode()


@pytest.mark.parametrize("page", PAGES)
def test_a_page_runs_as_many_queries_for_a_large_network_as_for_a_small_one(staff_client, page):
    client, _ = staff_client(Role.POLICY)
    rows(1)
    client.get(reverse(page), PERIOD)  # warm the session and caches
    with CaptureQueriesContext(connection) as small:
        assert client.get(reverse(page), PERIOD).status_code == 200
    rows(40)
    with CaptureQueriesContext(connection) as large:
        assert client.get(reverse(page), PERIOD).status_code == 200
    assert len(large) == len(small)
    assert len(small) <= 15
