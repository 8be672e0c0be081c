"""The review scores every life domain again; the case file shows the change since the last scoring."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from freezegun import freeze_time
from hypothesis import given, settings
from hypothesis import strategies as st

from routekaart.access import selectors, services
from routekaart.access.models import Deadline, LifeDomain, Plan, PlanStatus
from routekaart.residents.access import household_access_check

from . import journey

pytestmark = pytest.mark.django_db


def test_the_review_rescores_and_the_case_file_shows_the_change(planned_case, coordinator):
    with freeze_time(timezone.localdate() + datetime.timedelta(days=180)):
        services.review_record(
            actor=coordinator,
            case=planned_case,
            note="Noor doet de boodschappen weer zelf.",
            scores=journey.scores(3, daily_living=5, finances=2),
        )
        access = household_access_check(user=coordinator, household_id=planned_case.household_id)
        file = selectors.case_file_get(access=access)
    by_code = {s.life_domain.code: s for s in file.scores}
    assert by_code["daily_living"].change == 2
    assert by_code["finances"].change == -1
    assert by_code["housing"].change == 0
    assert len(file.score_dates) == 2
    plan = Plan.objects.get(case=planned_case, status=PlanStatus.ACTIVE)
    review_deadlines = Deadline.objects.filter(plan=plan, rule__code="plan_review").order_by("pk")
    assert [d.met_by for d in review_deadlines] == ["review_recorded", ""]
    assert plan.next_review_on == review_deadlines.last().due_on


def test_a_review_without_an_active_plan_is_refused(case, coordinator):
    journey.intake(coordinator, case)
    with pytest.raises(ValidationError) as caught:
        services.review_record(actor=coordinator, case=case, note="Evaluatie", scores=journey.scores())
    assert "actief plan" in caught.value.message_dict["plan"][0]


def test_every_life_domain_is_scored(case, coordinator):
    incomplete = journey.scores()
    del incomplete["housing"]
    with pytest.raises(ValidationError) as caught:
        services.intake_record(actor=coordinator, case=case, question="Hulp", talents="Koken", scores=incomplete)
    assert "Huisvesting" in caught.value.message_dict["score_housing"][0]


@settings(max_examples=30, deadline=None)
@given(score=st.integers(min_value=-5, max_value=12))
def test_self_reliance_is_a_score_from_1_to_5(score):
    domains = list(LifeDomain.objects.all())
    scores = {d.code: (3, "") for d in domains}
    scores[domains[0].code] = (score, "")
    if 1 <= score <= 5:
        assert len(services._scores_check(scores)) == len(domains)
    else:
        with pytest.raises(ValidationError) as caught:
            services._scores_check(scores)
        assert f"score_{domains[0].code}" in caught.value.message_dict
