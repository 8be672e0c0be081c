"""Ranking candidates for an opening costs the same queries for 3 candidates or 60: facts are loaded in bulk and
scored as arrays, never per candidate."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from routekaart.work import selectors

from .factories import ArrangementFactory, VacancyFactory

pytestmark = [pytest.mark.django_db]


def count(callable_) -> int:
    with CaptureQueriesContext(connection) as queries:
        callable_()
    return len(queries)


@pytest.mark.parametrize("factory", [VacancyFactory, ArrangementFactory])
def test_the_ranking_selector_runs_the_same_queries_for_3_or_60_candidates(
    work_configuration, adviser, make_candidate, factory
):
    opening = factory()
    counts = []
    for batch in (3, 57):
        for _ in range(batch):
            make_candidate()
        user = type(adviser).objects.get(pk=adviser.pk)  # a fresh user, as in each request
        counts.append(count(lambda user=user: selectors.ranking_get(user=user, opening=opening)))
    assert counts[0] == counts[1]
    assert counts[0] <= 13  # the processing log's entry and its data subjects: two inserts outside a request


def test_the_ranking_page_runs_the_same_queries_for_3_or_60_candidates(
    work_configuration, adviser_client, make_candidate
):
    vacancy = VacancyFactory()
    url = reverse("work:ranking", args=["vacature", vacancy.pk])
    counts = []
    for batch in (3, 57):
        for _ in range(batch):
            make_candidate()
        counts.append(count(lambda: adviser_client.get(url)))
    assert counts[0] == counts[1]


def test_the_candidate_page_runs_the_same_queries_for_2_or_20_open_vacancies(
    work_configuration, adviser_client, make_candidate
):
    profile = make_candidate()
    url = reverse("work:candidate_detail", args=[profile.pk])
    counts = []
    for batch in (2, 18):
        VacancyFactory.create_batch(batch)
        counts.append(count(lambda: adviser_client.get(url)))
    assert counts[0] == counts[1]
