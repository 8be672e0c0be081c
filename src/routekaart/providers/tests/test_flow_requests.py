import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from ...testing import database_fingerprint
from ..messages import codec
from ..messages import facts as f
from ..models import AssignmentRequest, Message, MessageStatus, RequestStatus
from ..services import messaging
from ..services.assignments import assignment_start
from ..services.inbound import message_receive
from ..services.requests import request_answer
from .flow_world import fingerprint_but_messages, provider_header, sent_assignment, world_fixture  # noqa: F401

pytestmark = pytest.mark.django_db


def _request(world, kind, *, reference="VOT-1", number="", identification="000000000201", volume="6"):
    product = f.RequestedProduct(
        reference=reference,
        category=world.product.category_code,
        code=world.product.code,
        starts_on=datetime.date(2026, 12, 1),
        ends_on=datetime.date(2027, 10, 31),
        volume=f.Volume(amount=Decimal(volume), unit="04", frequency="2"),
        assignment_number=number,
    )
    facts_class = f.Request315 if kind == "315" else f.Request317
    return codec.build(
        facts_class(
            header=provider_header(world, kind, identification),
            client=messaging.client_of(world.resident),
            products=(product,),
        )
    )


def _sent_kinds() -> list[str]:
    return list(Message.objects.filter(direction="out").order_by("pk").values_list("kind", flat=True))


def test_a_315_becomes_an_open_request_answered_with_a_316(world):
    message = message_receive(_request(world, "315"))

    request = AssignmentRequest.objects.get()
    assert (request.kind, request.status, request.volume) == ("315", RequestStatus.OPEN, Decimal("6"))
    assert message.status == MessageStatus.ACCEPTED
    assert message.retours.get().kind == "316"


def test_granting_a_315_sends_a_319_and_leaves_the_decision_to_the_coordinator(world):
    message_receive(_request(world, "315"))

    request = request_answer(
        actor=world.actor, request=AssignmentRequest.objects.get(), granted=True, reasoning="Past bij de vraag."
    )

    assert request.status == RequestStatus.GRANTED
    assert _sent_kinds() == ["316", "319"]
    answer = codec.parse(Message.objects.get(kind="319").xml.encode())
    assert (answer.granted, answer.reference, answer.request_identification) == (True, "VOT-1", "000000000201")


def test_refusing_a_request_needs_a_reasoning_and_changes_nothing_without_one(world):
    message_receive(_request(world, "315"))
    before = database_fingerprint()

    with pytest.raises(ValidationError) as refused:
        request_answer(actor=world.actor, request=AssignmentRequest.objects.get(), granted=False, reasoning=" ")

    assert refused.value.message_dict == {"reasoning": ["Geef de motivering van de afwijzing."]}
    assert database_fingerprint() == before


def test_a_request_is_answered_once(world):
    message_receive(_request(world, "315"))
    request = request_answer(
        actor=world.actor, request=AssignmentRequest.objects.get(), granted=False, reasoning="Nee."
    )
    before = database_fingerprint()

    with pytest.raises(ValidationError) as refused:
        request_answer(actor=world.actor, request=request, granted=True, reasoning="Toch wel.")

    assert refused.value.messages == ["Dit verzoek is al beantwoord."]
    assert database_fingerprint() == before


def test_a_granted_317_changes_the_assignment_with_a_new_301(world):
    assignment = sent_assignment(world)
    assignment_start(actor=world.actor, assignment=assignment, started_on=datetime.date(2026, 11, 1))
    message_receive(_request(world, "317", reference="VOW-1", number=assignment.number))

    request_answer(actor=world.actor, request=AssignmentRequest.objects.get(), granted=True, reasoning="Akkoord.")

    assignment.refresh_from_db()
    assert (assignment.volume, assignment.version) == (Decimal("6"), 2)
    sent = codec.parse(Message.objects.filter(kind="301").order_by("-pk").first().xml.encode()).products[0]
    assert (sent.change_reason, sent.provider_reference) == ("12", "VOW-1")


def test_a_317_for_an_unknown_assignment_is_refused_with_9351(world):
    before = fingerprint_but_messages()

    message = message_receive(_request(world, "317", reference="VOW-1", number="99999999"))

    assert (message.status, message.retour_codes) == (MessageStatus.REJECTED, ["9351"])
    assert fingerprint_but_messages() == before


def test_a_second_317_while_one_is_open_is_refused_with_9374(world):
    assignment = sent_assignment(world)
    message_receive(_request(world, "317", reference="VOW-1", number=assignment.number))
    before = fingerprint_but_messages()

    message = message_receive(
        _request(world, "317", reference="VOW-2", number=assignment.number, identification="000000000202")
    )

    assert message.retour_codes == ["9374"]
    assert fingerprint_but_messages() == before


def test_a_reference_used_before_is_refused_with_9347(world):
    message_receive(_request(world, "315"))
    before = fingerprint_but_messages()

    message = message_receive(_request(world, "315", identification="000000000202"))

    assert message.retour_codes == ["9347"]
    assert fingerprint_but_messages() == before
