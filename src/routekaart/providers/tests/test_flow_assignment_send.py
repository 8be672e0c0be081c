import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from ...audit.models import Event
from ...residents.tests.factories import MunicipalityFactory
from ...testing import database_fingerprint
from ..models import Assignment, AssignmentStatus, Direction, Message, MessageStatus
from ..services.assignments import UNITS, assignment_send
from ..wire import FileDropWire
from .flow_world import world_fixture  # noqa: F401

pytestmark = pytest.mark.django_db


def test_a_granted_provision_becomes_an_assignment_with_its_301_and_event(world):
    assignment = assignment_send(actor=world.actor, provision=world.provision())

    assert assignment.status == AssignmentStatus.SENT
    assert len(assignment.number) == 8 and assignment.number.isdigit()
    assert (assignment.unit, assignment.frequency, assignment.volume) == ("04", "2", Decimal("4"))
    assert assignment.contract_product == world.contract_product
    assert assignment.goals == [{"id": 1, "text": "Zelf de administratie bijhouden"}]
    message = Message.objects.get(assignment=assignment)
    assert (message.kind, message.direction, message.status) == ("301", Direction.OUT, MessageStatus.SENT)
    assert (message.sender, message.receiver) == ("9901", world.profile.agb_code)
    event = Event.objects.get(action="assignment.sent")
    assert event.household_id == 77
    assert world.resident.bsn not in str(event.after)


def test_the_301_is_on_the_wire_once_the_transaction_commits(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assignment = assignment_send(actor=world.actor, provision=world.provision())

    files = list(FileDropWire().outbox.iterdir())
    assert [file.name.split("-")[0] for file in files] == ["301"]
    assert files[0].read_text() == Message.objects.get(assignment=assignment).xml


def test_days_per_week_are_assigned_as_two_day_parts_each(world):
    assignment = assignment_send(
        actor=world.actor, provision=world.provision(provision_unit="days_per_week", volume=Decimal("3"))
    )

    assert (assignment.unit, assignment.frequency, assignment.volume) == ("16", "2", Decimal("6"))


def test_every_decision_unit_has_a_standard_unit_and_frequency():
    from ...access.models import ProvisionUnit

    assert set(UNITS) == set(ProvisionUnit.values)


def test_a_provision_under_the_participation_act_has_no_assignment(world):
    before = database_fingerprint()

    assert assignment_send(actor=world.actor, provision=world.provision(law="P")) is None
    assert database_fingerprint() == before


@pytest.mark.parametrize(
    "change",
    [
        {"starts_on": datetime.date(2025, 12, 31)},  # the contract starts 2026-01-01
        {"starts_on": datetime.date(2029, 1, 1), "ends_on": datetime.date(2029, 6, 30)},  # ended 2028-12-31
        {"law": "J"},  # the product is a Wmo product
    ],
)
def test_a_provider_without_a_running_contract_is_refused_and_nothing_changes(world, change):
    before = database_fingerprint()

    with pytest.raises(ValidationError) as refused:
        assignment_send(actor=world.actor, provision=world.provision(**change))

    assert refused.value.message_dict == {
        "provider": ["Deze aanbieder heeft geen contract voor deze voorziening in deze gemeente."]
    }
    assert database_fingerprint() == before


def test_a_contract_that_does_not_cover_the_municipality_is_refused(world):
    other = MunicipalityFactory()
    before = database_fingerprint()

    with pytest.raises(ValidationError) as refused:
        assignment_send(actor=world.actor, provision=world.provision(municipality_id=other.pk))

    assert "provider" in refused.value.message_dict
    assert database_fingerprint() == before


def test_the_contract_running_on_its_first_and_last_day_is_found(world):
    first = assignment_send(actor=world.actor, provision=world.provision(starts_on=datetime.date(2026, 1, 1)))
    last = assignment_send(
        actor=world.actor,
        provision=world.provision(
            provision_id=502, starts_on=datetime.date(2028, 12, 31), ends_on=datetime.date(2029, 3, 31)
        ),
    )

    assert first.contract_product == last.contract_product == world.contract_product


def test_sending_the_same_provision_again_keeps_its_one_assignment(world):
    first = assignment_send(actor=world.actor, provision=world.provision())
    again = assignment_send(actor=world.actor, provision=world.provision())

    assert again == first
    assert Assignment.objects.count() == 1 and Message.objects.count() == 1
