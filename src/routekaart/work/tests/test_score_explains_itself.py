"""The matching score explains itself: the parts shown add up to the total, and the fast ranking gives exactly
the scores and order of the plain, explained computation."""

import re
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from routekaart.work import matching
from routekaart.work.labour_facts import LabourFacts

from .factories import VacancyFactory, competences, sector

RULES = matching.MatchRules.from_content(
    yaml.safe_load((Path(__file__).resolve().parents[1] / "data" / "rules.yaml").read_text())
)

location = st.one_of(st.none(), st.tuples(st.floats(300, 360), st.floats(5730, 5790)))
hours = st.tuples(st.integers(1, 40), st.integers(0, 39)).map(lambda t: (t[0], min(40, t[0] + t[1])))


@st.composite
def jobs(draw):
    low, high = draw(hours)
    where = draw(location)
    return matching.JobFacts(
        competence_mask=draw(st.integers(0, 2**36 - 1)),
        hours_min=low,
        hours_max=high,
        x_km=None if where is None else where[0],
        y_km=None if where is None else where[1],
        min_wage_value=draw(st.integers(0, 100)),
        jobs_agreement=draw(st.booleans()),
        wage_subsidy=draw(st.booleans()),
        sector_bit=draw(st.integers(0, 12)),
    )


@st.composite
def candidates(draw):
    low, high = draw(hours)
    where = draw(location)
    return matching.CandidateFacts(
        competence_mask=draw(st.integers(0, 2**36 - 1)),
        hours_min=low,
        hours_max=high,
        x_km=None if where is None else where[0],
        y_km=None if where is None else where[1],
        max_travel_km=draw(st.integers(1, 60)),
        wage_value=draw(st.one_of(st.none(), st.integers(0, 100))),
        in_register=draw(st.one_of(st.none(), st.booleans())),
        sector_mask=draw(st.integers(0, 2**13 - 1)),
    )


@given(jobs(), candidates())
def test_the_components_add_up_to_the_total_and_none_exceeds_its_weight(job, candidate):
    explanation = matching.explain(job, candidate, RULES)
    assert [c.name for c in explanation.components] == list(matching.COMPONENTS)
    assert explanation.total == sum(c.points for c in explanation.components)
    for component in explanation.components:
        assert 0 <= component.points <= component.max_points == RULES.weights[component.name] * 10
    assert 0 <= explanation.total <= 1000


@given(st.lists(jobs(), min_size=1, max_size=4), st.lists(candidates(), min_size=1, max_size=40))
@settings(max_examples=60, deadline=None)
def test_the_vectorised_scores_and_ranking_equal_the_explained_ones(job_list, candidate_list):
    arrays = matching.CandidateArrays.of(candidate_list)
    totals = matching.score_matrix(job_list, arrays, RULES)
    for row, job in enumerate(job_list):
        assert totals[row].tolist() == [matching.explain(job, c, RULES).total for c in candidate_list]
    indices, scores = matching.rank(job_list, arrays, RULES, top=7)
    naive = matching.rank_naive(job_list, candidate_list, RULES, top=7)
    for row, expected in enumerate(naive):
        got = [(int(i), int(t)) for i, t in zip(indices[row], scores[row], strict=True) if i >= 0]
        assert got == expected


def test_a_perfect_candidate_scores_100_and_each_part_says_why():
    job = matching.JobFacts(0b111, 16, 24, 320.0, 5750.0, 60, True, True, 3)
    candidate = matching.CandidateFacts(0b111, 20, 24, 320.0, 5750.0, 10, 70, True, 1 << 3)
    explanation = matching.explain(job, candidate, RULES)
    assert explanation.total == 1000
    assert explanation.component("eligibility").detail["conditions"] == {"register": True, "wage_subsidy": True}


def test_an_unknown_fact_earns_the_neutral_share_never_a_guess():
    job = matching.JobFacts(0, 16, 24, None, None, 100, False, False, 0)
    candidate = matching.CandidateFacts(0, 16, 24, None, None, 10, None, None, 0)
    explanation = matching.explain(job, candidate, RULES)
    for name in ("distance", "wage_value", "wishes"):
        part = explanation.component(name)
        assert not part.known
        assert part.points == RULES.weights[name] * 10 // 2


@pytest.mark.django_db
def test_the_ranking_page_shows_parts_that_add_up_to_each_total(
    work_configuration, adviser_client, make_candidate, labour
):
    vacancy = VacancyFactory(sector=sector("cleaning"), suits_jobs_agreement=True, min_wage_value=80)
    vacancy.competences.set(competences("cleaning", "vca"))
    vacancy.competence_mask = sum(1 << c.bit for c in competences("cleaning", "vca"))
    vacancy.save()
    strong = make_candidate(given_names="Sterk", competence_mask=vacancy.competence_mask, hours_min=20)
    weak = make_candidate(given_names="Zwak", pc4="1441", hours_min=36, hours_max=40)
    labour[strong.resident_id] = LabourFacts(wage_value=85, in_register=True)

    response = adviser_client.get(reverse("work:ranking", args=["vacature", vacancy.pk]))
    assert response.status_code == 200
    rows = re.findall(r'data-candidate="(\d+)".*?data-total="([\d.]+)"(.*?)</tr>', response.text, re.S)
    assert [int(pk) for pk, _, _ in rows] == [strong.pk, weak.pk]
    for _pk, total, rest in rows:
        parts = [Decimal(p) for p in re.findall(r'data-points="([\d.]+)"', rest)]
        assert len(parts) == 6
        assert sum(parts) == Decimal(total)
    assert "Staat in het doelgroepenregister (banenafspraak)." in response.text
    assert "Loonwaarde 85%; het werk vraagt 80%." in response.text
