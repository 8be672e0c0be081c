"""Berichten van de inwoner: a question or objection from Mijn Routekaart reaches the coordinator, who answers it;
the events name the kind and what it is about, never the text."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from routekaart.access import services
from routekaart.access.models import AgreementParty, ResidentMessage, ResidentMessageKind
from routekaart.audit.models import Event
from routekaart.organisations.tests.factories import UserFactory
from routekaart.residents.tests.factories import HouseholdFactory, MembershipFactory, ResidentFactory
from routekaart.testing import database_fingerprint

from . import journey

pytestmark = pytest.mark.django_db


@pytest.fixture
def resident_user(household):
    return UserFactory(username="digid-noor")


def _own_agreement(case):
    return case.plans.get(status="active").agreements.get(party=AgreementParty.RESIDENT)


def test_a_question_about_an_agreement_is_stored_and_its_event_keeps_no_text(planned_case, household, resident_user):
    agreement = _own_agreement(planned_case)
    message = services.resident_message_send(
        actor=resident_user,
        household_id=household.pk,
        resident=household.mother,
        kind=ResidentMessageKind.QUESTION,
        text="  Moet ik zelf bellen met de vrijwilligerscentrale?  ",
        agreement=agreement,
    )
    assert message.text == "Moet ik zelf bellen met de vrijwilligerscentrale?"
    assert message.is_open and message.sender == resident_user
    event = Event.objects.get(action="resident_message.sent")
    assert event.after["kind"] == "question" and event.after["agreement"] == agreement.pk
    assert "vrijwilligerscentrale" not in str(event.after)


def test_the_coordinator_answers_once(planned_case, household, resident_user, coordinator):
    message = services.resident_message_send(
        actor=resident_user,
        household_id=household.pk,
        resident=household.mother,
        kind=ResidentMessageKind.QUESTION,
        text="Wanneer komt de begeleiding?",
    )
    services.resident_message_answer(actor=coordinator, message=message, answer="Volgende week dinsdag.")
    message.refresh_from_db()
    assert message.answer == "Volgende week dinsdag." and message.answered_by == coordinator
    assert Event.objects.filter(action="resident_message.answered").count() == 1
    before = database_fingerprint()
    with pytest.raises(ValidationError) as caught:
        services.resident_message_answer(actor=coordinator, message=message, answer="Nog een keer.")
    assert caught.value.message_dict["answer"] == ["Dit bericht is al beantwoord."]
    assert database_fingerprint() == before


def test_an_empty_or_too_long_message_is_refused_and_nothing_changes(household, resident_user):
    before = database_fingerprint()
    for text, said in (("   ", "Schrijf uw vraag of bezwaar."), ("x" * 2001, "Uw bericht is te lang")):
        with pytest.raises(ValidationError) as caught:
            services.resident_message_send(
                actor=resident_user,
                household_id=household.pk,
                resident=household.mother,
                kind=ResidentMessageKind.QUESTION,
                text=text,
            )
        assert caught.value.message_dict["text"][0].startswith(said)
    assert database_fingerprint() == before


def test_an_empty_answer_is_refused(planned_case, household, resident_user, coordinator):
    message = services.resident_message_send(
        actor=resident_user, household_id=household.pk, resident=household.mother, kind="question", text="Vraag?"
    )
    before = database_fingerprint()
    with pytest.raises(ValidationError) as caught:
        services.resident_message_answer(actor=coordinator, message=message, answer=" ")
    assert caught.value.message_dict["answer"] == ["Schrijf het antwoord aan de inwoner."]
    assert database_fingerprint() == before


def test_an_agreement_or_decision_of_another_household_is_refused(planned_case, household, resident_user, coordinator):
    other = HouseholdFactory()
    neighbour = ResidentFactory()
    MembershipFactory(household=other, resident=neighbour, role="head", valid_from=datetime.date(2018, 1, 1))
    agreement = _own_agreement(planned_case)
    decision = services.decision_record(
        actor=coordinator, case=planned_case, addressee=household.mother, provisions=[journey.guidance()]
    ).decision
    before = database_fingerprint()
    with pytest.raises(ValidationError) as caught:
        services.resident_message_send(
            actor=resident_user,
            household_id=other.pk,
            resident=neighbour,
            kind="question",
            text="?",
            agreement=agreement,
        )
    assert caught.value.message_dict["agreement"] == ["Deze afspraak hoort niet bij uw huishouden."]
    with pytest.raises(ValidationError) as caught:
        services.resident_message_send(
            actor=resident_user,
            household_id=other.pk,
            resident=neighbour,
            kind="objection",
            text="!",
            decision=decision,
        )
    assert caught.value.message_dict["decision"] == ["Deze beschikking hoort niet bij uw huishouden."]
    assert database_fingerprint() == before
    assert not ResidentMessage.objects.exists()
