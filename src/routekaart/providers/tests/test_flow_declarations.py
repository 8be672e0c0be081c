import datetime
from decimal import Decimal

import pytest

from ..messages import codec
from ..messages import facts as f
from ..models import Declaration, DeclarationStatus, Message, MessageStatus
from ..services.assignments import assignment_start
from ..services.inbound import message_receive
from .flow_world import fingerprint_but_messages, provider_header, sent_assignment, world_fixture  # noqa: F401

pytestmark = pytest.mark.django_db

WEEK = (datetime.date(2026, 11, 2), datetime.date(2026, 11, 8))  # seven days: 4 hours per week allow 4 hours


def _line(assignment, reference="P1", volume="4", tariff="62.50", amount=None, period=WEEK, **changes):
    volume, tariff = Decimal(volume), Decimal(tariff)
    values = {
        "reference": reference,
        "bsn": assignment.resident.bsn,
        "assignment_number": assignment.number,
        "category": assignment.product.category_code,
        "code": assignment.product.code,
        "starts_on": period[0],
        "ends_on": period[1],
        "volume": volume,
        "unit": assignment.unit,
        "tariff": tariff,
        "amount": Decimal(amount) if amount is not None else (volume * tariff).quantize(Decimal("0.01")),
    }
    values.update(changes)
    return f.DeclaredLine(**values)


def _declaration(world, *lines, number="D202611", identification="000000000301") -> bytes:
    return codec.build(
        f.Declaration323(
            header=provider_header(world, "323", identification),
            number=number,
            period_start=datetime.date(2026, 11, 1),
            period_end=datetime.date(2026, 11, 30),
            total=sum((line.amount for line in lines), Decimal(0)),
            lines=tuple(lines),
        )
    )


@pytest.fixture
def started(world):
    assignment = sent_assignment(world)
    assignment_start(actor=world.actor, assignment=assignment, started_on=datetime.date(2026, 11, 1))
    assignment.refresh_from_db()
    return assignment


def _answer(message: Message) -> f.DeclarationAnswer325:
    answer = message.retours.get()
    assert answer.kind == "325"
    return codec.parse(answer.xml.encode())


def test_a_declaration_within_the_assignment_is_approved_and_answered_with_a_325(world, started):
    message = message_receive(_declaration(world, _line(started)))

    declaration = Declaration.objects.get()
    assert (declaration.status, declaration.claimed, declaration.approved) == (
        DeclarationStatus.APPROVED,
        Decimal("250.00"),
        Decimal("250.00"),
    )
    assert message.status == MessageStatus.ACCEPTED
    answer = _answer(message)
    assert answer.total_approved == Decimal("250.00")
    assert answer.lines[0].retour_codes == ()


@pytest.mark.parametrize(("volume", "code"), [("3.99", ""), ("4", ""), ("4.01", "9321")])
def test_a_line_above_the_assigned_volume_for_its_period_is_rejected(world, started, volume, code):
    message_receive(_declaration(world, _line(started, volume=volume)))

    line = Declaration.objects.get().lines.get()
    assert (line.approved, line.retour_code) == (not code, code)


@pytest.mark.parametrize(("tariff", "code"), [("62.49", "0611"), ("62.50", ""), ("62.51", "0611")])
def test_a_line_at_another_tariff_than_the_contract_is_rejected(world, started, tariff, code):
    message_receive(_declaration(world, _line(started, tariff=tariff)))

    line = Declaration.objects.get().lines.get()
    assert (line.approved, line.retour_code) == (not code, code)


def test_a_line_whose_amount_is_not_volume_times_tariff_is_rejected(world, started):
    message_receive(_declaration(world, _line(started, amount="250.01")))

    assert Declaration.objects.get().lines.get().retour_code == "9346"


def test_a_line_before_care_started_is_rejected(world, started):
    period = (datetime.date(2026, 10, 26), datetime.date(2026, 11, 1))

    message_receive(_declaration(world, _line(started, period=period)))

    assert Declaration.objects.get().lines.get().retour_code == "9307"


def test_a_line_on_an_assignment_that_did_not_start_is_rejected(world):
    assignment = sent_assignment(world)

    message = message_receive(_declaration(world, _line(assignment)))

    assert Declaration.objects.get().lines.get().retour_code == "9069"
    assert message.status == MessageStatus.REJECTED


def test_one_good_and_one_bad_line_is_a_partly_approved_declaration(world, started):
    good = _line(started, reference="P1")
    bad = _line(started, reference="P2", assignment_number="99999999")

    message = message_receive(_declaration(world, good, bad))

    declaration = Declaration.objects.get()
    assert (declaration.status, declaration.approved) == (DeclarationStatus.PARTLY, Decimal("250.00"))
    answer = _answer(message)
    assert [(line.reference, line.retour_codes) for line in answer.lines] == [("P1", ()), ("P2", ("9338",))]


def test_a_declaration_number_used_before_is_refused_whole_and_nothing_is_stored(world, started):
    message_receive(_declaration(world, _line(started)))
    before = fingerprint_but_messages()

    message = message_receive(_declaration(world, _line(started), identification="000000000302"))

    assert (message.status, message.retour_codes) == (MessageStatus.REJECTED, ["9333"])
    assert fingerprint_but_messages() == before
    assert _answer(message).total_approved == Decimal(0)
