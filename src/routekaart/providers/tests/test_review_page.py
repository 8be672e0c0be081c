"""The contract review page: filtered by provider, product and period, aggregates only, and the same number of
queries for a small market as for a larger one."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from .test_review_figures import market

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

QUERY = {"starts_on": "2026-01-01", "ends_on": "2026-06-30"}


def test_the_review_page_shows_the_figures_of_the_period(manager_client):
    data = market()
    response = manager_client.get(reverse("market:review"), {**QUERY, "provider": data["linde"].pk})
    assert response.status_code == 200
    html = response.content.decode()
    assert "141,14" in html and "€ 1375,00" in html and "14%" in html
    assert "De Berk" not in html.split("<table", 1)[1]


def test_the_review_refuses_a_period_that_ends_before_it_starts(manager_client):
    response = manager_client.get(reverse("market:review"), {"starts_on": "2026-06-30", "ends_on": "2026-01-01"})
    assert response.status_code == 400
    assert response.context["form"].errors["ends_on"] == [
        "De einddatum ligt vóór de begindatum. Vul een latere einddatum in."
    ]


def test_the_review_starts_with_the_calendar_year_so_far(manager_client):
    review = manager_client.get(reverse("market:review")).context["review"]
    assert (review.period.starts_on, review.period.ends_on) == (date(2026, 1, 1), date(2026, 12, 1))


def _count(client) -> int:
    url = reverse("market:review")
    client.get(url, QUERY)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, QUERY).status_code == 200
    return len(queries)


def test_the_review_page_runs_the_same_queries_for_a_small_and_a_larger_market(manager_client):
    market()
    small = _count(manager_client)
    for n in range(3):
        market(prefix=f"{n} ")
    assert _count(manager_client) == small
