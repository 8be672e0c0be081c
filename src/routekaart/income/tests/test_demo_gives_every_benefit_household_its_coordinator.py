"""The demo generator: every household coordinated for the Participatiewet gets its benefit with that coordinator."""

import pytest

from routekaart.income import selectors
from routekaart.income.demo import demo_income_generate
from routekaart.income.models import AnnualReview, EntitlementCheckRun, SocialAssistance
from routekaart.residents.generator import municipality_generate

pytestmark = pytest.mark.django_db


def test_benefits_reviews_and_a_check_for_the_demo_town_and_a_second_run_adds_nothing(settings):
    settings.ROUTEKAART_DEMO = True
    municipality_generate(seed=5, residents=3_000, progress=False)
    counts = demo_income_generate()
    assert counts["benefits"] > 20
    assert SocialAssistance.objects.count() == counts["benefits"]
    assert selectors.clients_without_coordinator().count() == 0
    assert selectors.clients_whose_coordinator_is_not_the_households().count() == 0
    assert AnnualReview.objects.filter(status="planned").count() == counts["planned"] > 0
    assert EntitlementCheckRun.objects.count() == 1
    again = demo_income_generate()
    assert again["benefits"] == 0 and again["planned"] == 0
    assert EntitlementCheckRun.objects.count() == 1
