"""A fact cannot happen before what it follows: no signal before the household's eldest member was born, no
gatekeeping, plan, decision or review before the case's first signal. Each bound N is tested at N-1, N and N+1
(days); a refusal says in Dutch what to fill in, on the page and the API alike, and changes nothing."""

import datetime
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from routekaart.access import services
from routekaart.access.models import GatekeepingOutcome, ResidentAgreement
from routekaart.testing import database_fingerprint, problem_reasons

from . import journey

pytestmark = pytest.mark.django_db

MOTHER_BORN = datetime.date(1985, 3, 1)  # the eldest member of the conftest household
BEFORE_BIRTH = "Deze datum ligt vóór de geboorte van het oudste lid van het huishouden. Vul een latere datum in."


def before_case(opened_on: datetime.date) -> str:
    from django.utils.formats import date_format

    day = date_format(opened_on, "j F Y")
    return f"Deze datum ligt vóór de opening van de casus ({day}). Vul {day} of een latere datum in."


@pytest.mark.parametrize(("shift", "accepted"), [(-1, False), (0, True), (1, True)])
def test_no_signal_before_the_eldest_member_was_born(coordinator, household, shift, accepted):
    received_on = MOTHER_BORN + timedelta(days=shift)
    if accepted:
        assert journey.melding(coordinator, household, received_on=received_on).case.opened_on == received_on
        return
    before = database_fingerprint()
    with pytest.raises(ValidationError) as refused:
        journey.melding(coordinator, household, received_on=received_on)
    assert refused.value.message_dict["received_on"] == [BEFORE_BIRTH]
    assert database_fingerprint() == before


def test_a_signal_received_in_1850_is_refused_in_the_service(coordinator, household):
    before = database_fingerprint()
    with pytest.raises(ValidationError) as refused:
        journey.melding(coordinator, household, received_on=datetime.date(1850, 1, 1))
    assert refused.value.message_dict["received_on"]
    assert database_fingerprint() == before


@pytest.fixture
def logged_in(client, demo_login, coordinator, involved):
    coordinator.is_demo = True
    coordinator.save()
    client.force_login(coordinator)
    return client


def test_a_signal_before_birth_is_refused_on_the_page_and_the_api(logged_in, household):
    day_before = (MOTHER_BORN - timedelta(days=1)).isoformat()
    before = database_fingerprint()
    page = logged_in.post(
        reverse("access:signal_create", args=[household.pk]),
        {"kind": "report", "topic": "care", "domain": "W", "received_on": day_before, "summary": "Hulp nodig"},
    )
    assert page.status_code == 400
    assert BEFORE_BIRTH in page.text
    api = logged_in.post(
        "/api/v1/signals/",
        {
            "household": household.pk,
            "kind": "report",
            "topic": "care",
            "domain": "W",
            "summary": "Hulp nodig",
            "received_on": day_before,
        },
        content_type="application/json",
    )
    assert api.status_code == 400
    assert BEFORE_BIRTH in problem_reasons(api)
    assert database_fingerprint() == before


@pytest.fixture
def opened(coordinator, household):
    """A case opened by a signal ten days ago, with its intake."""
    opened_on = timezone.localdate() - timedelta(days=10)
    case = journey.melding(coordinator, household, received_on=opened_on).case
    journey.intake(coordinator, case)
    return case


@pytest.mark.parametrize(("shift", "accepted"), [(-1, False), (0, True), (1, True)])
def test_no_gatekeeping_before_the_cases_signal(catalog, coordinator, opened, shift, accepted):
    decided_on = opened.opened_on + timedelta(days=shift)

    def record():
        return services.gatekeeping_record(
            actor=coordinator, case=opened, outcome=GatekeepingOutcome.CONTINUE, decided_on=decided_on
        )

    if accepted:
        assert record().decided_on == decided_on
        return
    before = database_fingerprint()
    with pytest.raises(ValidationError) as refused:
        record()
    assert refused.value.message_dict["decided_on"] == [before_case(opened.opened_on)]
    assert database_fingerprint() == before


@pytest.fixture
def drafted(catalog, coordinator, opened):
    services.gatekeeping_record(actor=coordinator, case=opened, outcome=GatekeepingOutcome.CONTINUE)
    return services.plan_draft(
        actor=coordinator,
        case=opened,
        goals=[services.GoalSpec("daily_living", "Noor redt het huishouden weer zelf")],
        agreements=journey.agreements(),
    )


@pytest.mark.parametrize(("shift", "accepted"), [(-1, False), (0, True), (1, True)])
def test_no_plan_activated_before_the_cases_signal(coordinator, opened, drafted, shift, accepted):
    on = opened.opened_on + timedelta(days=shift)

    def activate():
        return services.plan_activate(
            actor=coordinator, plan=drafted, resident_agreement=ResidentAgreement.AGREED, activated_on=on
        )

    if accepted:
        assert activate().activated_on == on
        return
    before = database_fingerprint()
    with pytest.raises(ValidationError) as refused:
        activate()
    assert refused.value.message_dict["activated_on"] == [before_case(opened.opened_on)]
    assert database_fingerprint() == before


def test_no_decision_or_review_before_the_cases_signal(coordinator, household, opened, drafted):
    services.plan_activate(actor=coordinator, plan=drafted, resident_agreement=ResidentAgreement.AGREED)
    day_before = opened.opened_on - timedelta(days=1)
    before = database_fingerprint()
    with pytest.raises(ValidationError) as refused:
        services.decision_record(
            actor=coordinator,
            case=opened,
            addressee=household.mother,
            provisions=[journey.guidance()],
            decided_on=day_before,
        )
    assert refused.value.message_dict["decided_on"] == [before_case(opened.opened_on)]
    with pytest.raises(ValidationError) as refused:
        services.review_record(
            actor=coordinator, case=opened, note="Het gaat beter", scores=journey.scores(4), held_on=day_before
        )
    assert refused.value.message_dict["held_on"] == [before_case(opened.opened_on)]
    assert database_fingerprint() == before
