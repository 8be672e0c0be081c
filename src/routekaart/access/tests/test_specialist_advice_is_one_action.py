"""Asking specialist advice is one action: a refusal leaves no new assessment and no event behind (page and API)."""

import pytest
from django.urls import reverse

from routekaart.access.models import Assessment, SpecialistAdvice
from routekaart.audit.models import Event
from routekaart.testing import database_fingerprint

pytestmark = pytest.mark.django_db

NOT_INDEPENDENT = {
    "adviser_kind": "labour_expert",
    "adviser": "Arbeidsdeskundige Van Dam",
    "question": "Kan Noor 20 uur per week werken?",
}
MESSAGE = "Waar de wet onafhankelijk advies eist, moet de adviseur onafhankelijk zijn."


@pytest.fixture
def logged_in(client, demo_login, coordinator):
    coordinator.is_demo = True
    coordinator.save()
    client.force_login(coordinator)
    return client


def test_a_refused_advice_request_on_the_page_leaves_no_assessment_behind(logged_in, planned_case):
    assert not Assessment.objects.filter(case=planned_case, completed_on__isnull=True).exists()
    before = database_fingerprint()
    response = logged_in.post(
        reverse("access:specialist_advice", args=[planned_case.pk]),
        NOT_INDEPENDENT | {"independence_required": "on"},
    )
    assert response.status_code == 400
    assert MESSAGE in response.text
    assert database_fingerprint() == before


def test_a_refused_advice_request_through_the_api_leaves_no_assessment_behind(logged_in, planned_case):
    before = database_fingerprint()
    response = logged_in.post(
        f"/api/v1/cases/{planned_case.pk}/specialist-advice/",
        NOT_INDEPENDENT | {"independence_required": True},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert MESSAGE in str(response.json())
    assert database_fingerprint() == before


def test_an_accepted_advice_request_starts_the_assessment_in_one_event(logged_in, planned_case):
    events = Event.objects.count()
    response = logged_in.post(
        reverse("access:specialist_advice", args=[planned_case.pk]),
        NOT_INDEPENDENT | {"independence_required": "on", "independent": "on"},
    )
    assert response.status_code == 302
    advice = SpecialistAdvice.objects.get()
    assert advice.assessment.case == planned_case and advice.assessment.completed_on is None
    assert Event.objects.count() == events + 1
    assert Event.objects.latest("pk").action == "specialist_advice.requested"
