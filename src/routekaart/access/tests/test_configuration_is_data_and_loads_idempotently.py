"""The toegang's rules load from data/*.yaml; loading twice changes nothing."""

import pytest

from routekaart.access.configuration import access_configuration_load
from routekaart.access.models import DeadlineChangeRule, DeadlineRule, LegalBasis, LifeDomain, Policy, ScaleStep

pytestmark = pytest.mark.django_db

ISSUE_LIFE_DOMAINS = [
    "finances",
    "work_and_education",
    "housing",
    "domestic_relations",
    "mental_health",
    "physical_health",
    "addiction",
    "daily_living",
    "social_network",
    "community_participation",
    "justice",
    "day_activities",
    "parenting",
]


def state():
    return [
        list(m.objects.order_by("pk").values())
        for m in (LifeDomain, ScaleStep, DeadlineRule, DeadlineChangeRule, LegalBasis, Policy)
    ]


def test_loading_twice_changes_nothing():
    before = state()
    access_configuration_load()
    assert state() == before


def test_the_thirteen_life_domains_and_a_five_step_scale():
    assert list(LifeDomain.objects.order_by("order").values_list("code", flat=True)) == ISSUE_LIFE_DOMAINS
    assert list(ScaleStep.objects.values_list("score", flat=True)) == [1, 2, 3, 4, 5]


def test_the_statutory_terms_are_the_laws():
    terms = {r.code: (r.term_weeks, r.term_months) for r in DeadlineRule.objects.all()}
    assert terms["wmo_assessment"] == (6, 0)
    assert terms["wmo_decision"] == (2, 0)
    assert terms["youth_decision"] == (8, 0)
    assert terms["participation_decision"] == (8, 0)
    assert terms["participation_advance"] == (4, 0)
    assert terms["youth_search_period"] == (4, 0)
    assert terms["plan_review"] == (0, 12)
    assert LegalBasis.objects.get(law="P").urgent_basis == ""
