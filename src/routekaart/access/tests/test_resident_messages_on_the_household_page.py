"""The coordinator reads the residents' messages on the household page, open ones first, and answers them there."""

import pytest
from django.urls import reverse

from routekaart.access import services
from routekaart.access.models import AgreementParty, ResidentMessage
from routekaart.audit.models import Event
from routekaart.organisations.roles import Role
from routekaart.organisations.tests.factories import UserFactory
from routekaart.testing import database_fingerprint

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_as(client, demo_login):
    def login(user):
        user.is_demo = True
        user.save()
        client.force_login(user)
        return client

    return login


@pytest.fixture
def question(planned_case, household):
    agreement = planned_case.plans.get(status="active").agreements.get(party=AgreementParty.RESIDENT)
    return services.resident_message_send(
        actor=UserFactory(username="digid-noor"),
        household_id=household.pk,
        resident=household.mother,
        kind="question",
        text="Moet ik zelf bellen met de vrijwilligerscentrale?",
        agreement=agreement,
    )


def _block(page: str) -> str:
    return page.split("data-resident-messages")[1].split("</ul>")[0]


def test_an_open_question_shows_on_the_household_page_with_what_it_is_about(client_as, coordinator, question):
    client = client_as(coordinator)
    page = client.get(reverse("residents:household_detail", args=[question.household_id])).text
    assert "Berichten van de inwoner" in page
    block = _block(page)
    assert "Moet ik zelf bellen met de vrijwilligerscentrale?" in block
    assert "over afspraak “Noor zoekt een vrijwilligersplek”" in block
    assert "data-open" in block and reverse("access:resident_message_answer", args=[question.pk]) in block


def test_the_coordinator_answers_and_the_timeline_says_so(client_as, coordinator, question):
    client = client_as(coordinator)
    url = reverse("access:resident_message_answer", args=[question.pk])
    response = client.post(url, {"answer": "Ja, het nummer staat in uw plan."})
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.answer == "Ja, het nummer staat in uw plan." and question.answered_by == coordinator
    assert Event.objects.filter(action="resident_message.answered", subject_id=str(question.pk)).exists()
    page = client.get(reverse("residents:household_detail", args=[question.household_id])).text
    assert "data-answer" in _block(page) and "Ja, het nummer staat in uw plan." in _block(page)
    timeline = client.get(reverse("residents:timeline", args=[question.household_id])).text
    assert "De inwoner stelde een vraag over afspraak “Noor zoekt een vrijwilligersplek”" in timeline
    assert "Vraag van de inwoner beantwoord door Rana Regisseur" in timeline


def test_an_empty_answer_is_refused_in_dutch_and_nothing_changes(client_as, coordinator, question):
    client = client_as(coordinator)
    before = database_fingerprint()
    response = client.post(reverse("access:resident_message_answer", args=[question.pk]), {"answer": "  "})
    assert response.status_code == 400
    assert "Uw antwoord aan de inwoner" in response.text
    assert database_fingerprint() == before


def test_a_second_answer_is_refused_in_dutch_and_nothing_changes(client_as, coordinator, question):
    client = client_as(coordinator)
    url = reverse("access:resident_message_answer", args=[question.pk])
    client.post(url, {"answer": "Ja."})
    before = database_fingerprint()
    response = client.post(url, {"answer": "Nog een antwoord."})
    assert response.status_code == 400
    assert "Dit bericht is al beantwoord." in response.text
    assert database_fingerprint() == before
    assert ResidentMessage.objects.get().answer == "Ja."


def test_an_uninvolved_coordinator_may_not_answer(client_as, question):
    client = client_as(UserFactory(role=Role.COORDINATOR))
    before = database_fingerprint()
    response = client.post(reverse("access:resident_message_answer", args=[question.pk]), {"answer": "Ja."})
    assert response.status_code == 403
    assert database_fingerprint() == before
