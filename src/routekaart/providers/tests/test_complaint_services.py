"""Complaint handling (Awb chapter 9) step by step: each step one event and processing-log entry, and each step out
of order, or with a date before the receipt or in the future, refused in Dutch on its field with nothing changed."""

from datetime import date, timedelta

import pytest

from routekaart.audit.models import Event, ProcessingLogEntry
from routekaart.organisations.roles import Role
from routekaart.organisations.tests.factories import UserFactory
from routekaart.providers.models import ComplaintOutcome, ComplaintStatus
from routekaart.providers.services import complaints as service
from routekaart.providers.tests.factories import AssignmentFactory, ContractFactory, ProviderFactory
from routekaart.residents.tests.factories import InvolvementFactory, MembershipFactory

from .refusals import refused

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

TODAY = date(2026, 12, 1)
RECEIVED = date(2026, 9, 7)  # a Monday: six weeks end on Monday 19 October, ten weeks on Monday 16 November
SIX_WEEKS = date(2026, 10, 19)
TEN_WEEKS = date(2026, 11, 16)


@pytest.fixture
def manager():
    return UserFactory(first_name="Ruben", last_name="Smit", role=Role.MARKET_MANAGER)


@pytest.fixture
def provider():
    return ProviderFactory(name="De Linde")


def _register(actor, provider, **changes):
    values = {
        "provider": provider,
        "complainant_name": "J. de Klager",
        "complainant_contact": "06-12345678",
        "received_on": RECEIVED,
        "subject": "De begeleider kwam drie keer niet.",
    }
    return service.complaint_register(actor=actor, **{**values, **changes})


def _refused(call, field: str, message: str) -> None:
    assert refused(call, field) == [message]


def test_a_registered_complaint_gets_a_reference_and_one_event_without_the_name(manager, provider):
    complaint = _register(manager, provider, committee=True)
    assert complaint.reference == f"KL-2026-{complaint.pk:06d}"
    assert complaint.status == ComplaintStatus.RECEIVED
    event = Event.objects.get(action="complaint.registered")
    assert event.after["committee"] is True
    assert "J. de Klager" not in str(event.after) and "06-12345678" not in str(event.after)
    assert ProcessingLogEntry.objects.filter(activity_id="complaint-handling").count() == 1


def test_a_complaint_about_an_assignment_links_its_resident_contract_product_and_household(manager):
    assignment = AssignmentFactory(household_id=4711)
    complaint = _register(manager, assignment.provider, assignment=assignment)
    assert (complaint.resident_id, complaint.contract_id, complaint.product_id) == (
        assignment.resident_id,
        assignment.contract_product.contract_id,
        assignment.product_id,
    )
    assert Event.objects.get(action="complaint.registered").household_id == 4711


def test_a_complaint_received_tomorrow_is_refused(manager, provider):
    _refused(
        lambda: _register(manager, provider, received_on=TODAY + timedelta(days=1)),
        "received_on",
        "Vul een datum in die niet na vandaag ligt; dit is nog niet gebeurd.",
    )


def test_a_contract_of_another_provider_is_refused(manager, provider):
    other = ContractFactory()
    _refused(
        lambda: _register(manager, provider, contract=other),
        "contract",
        "Dit contract is niet met deze aanbieder gesloten.",
    )


def test_a_coordinator_files_a_complaint_about_an_assignment_of_a_household_they_work_with():
    coordinator = UserFactory(role=Role.COORDINATOR)
    membership = MembershipFactory()
    InvolvementFactory(household=membership.household, organisation=coordinator.affiliations.get().organisation)
    assignment = AssignmentFactory(resident=membership.resident, household_id=membership.household_id)
    complaint = _register(coordinator, assignment.provider, assignment=assignment)
    assert complaint.resident_id == membership.resident_id


def test_a_coordinator_not_involved_with_the_household_is_refused():
    coordinator = UserFactory(role=Role.COORDINATOR)
    assignment = AssignmentFactory(resident=MembershipFactory().resident)
    _refused(
        lambda: _register(coordinator, assignment.provider, assignment=assignment),
        "assignment",
        "U bent niet betrokken bij het huishouden van deze toewijzing.",
    )


def test_a_provider_may_not_register_a_complaint(provider):
    desk = UserFactory(role=Role.PROVIDER)
    _refused(
        lambda: _register(desk, provider),
        "assignment",
        "Alleen beheer markt of de regisseur van de inwoner legt een klacht vast.",
    )


def test_the_whole_procedure_acknowledge_hear_extend_decide(manager, provider):
    complaint = _register(manager, provider)
    complaint = service.complaint_acknowledge(actor=manager, complaint=complaint, acknowledged_on=date(2026, 9, 8))
    complaint = service.complaint_hear(actor=manager, complaint=complaint, heard_on=date(2026, 9, 21))
    complaint = service.complaint_extend(
        actor=manager, complaint=complaint, extended_on=SIX_WEEKS, extension_reason="Advies"
    )
    complaint = service.complaint_decide(
        actor=manager,
        complaint=complaint,
        decided_on=date(2026, 11, 2),
        outcome=ComplaintOutcome.PARTLY_FOUNDED,
        conclusions="De afspraken zijn deels nagekomen.",
    )
    complaint.refresh_from_db()
    assert (complaint.status, complaint.outcome, complaint.extended_on) == (
        ComplaintStatus.DECIDED,
        ComplaintOutcome.PARTLY_FOUNDED,
        SIX_WEEKS,
    )
    assert list(
        Event.objects.filter(action__startswith="complaint.").order_by("id").values_list("action", flat=True)
    ) == [
        "complaint.registered",
        "complaint.acknowledged",
        "complaint.heard",
        "complaint.extended",
        "complaint.decided",
    ]


def test_an_acknowledgement_before_the_receipt_is_refused(manager, provider):
    complaint = _register(manager, provider)
    _refused(
        lambda: service.complaint_acknowledge(
            actor=manager, complaint=complaint, acknowledged_on=RECEIVED - timedelta(days=1)
        ),
        "acknowledged_on",
        "Deze datum ligt vóór de ontvangst van de klacht (7 september 2026). Vul 7 september 2026 of een latere "
        "datum in.",
    )


def test_an_acknowledgement_in_the_future_is_refused(manager, provider):
    complaint = _register(manager, provider)
    _refused(
        lambda: service.complaint_acknowledge(actor=manager, complaint=complaint, acknowledged_on=TODAY + timedelta(1)),
        "acknowledged_on",
        "Vul een datum in die niet na vandaag ligt; dit is nog niet gebeurd.",
    )


@pytest.mark.parametrize(
    ("acknowledged", "message"),
    [
        pytest.param(False, "Bevestig eerst de ontvangst van de klacht (Awb 9:6).", id="before_the_acknowledgement"),
        pytest.param(
            True, "Hoor eerst de klager, of leg vast waarom u daarvan afziet (Awb 9:10).", id="before_the_hearing"
        ),
    ],
)
def test_no_decision_before_the_acknowledgement_and_the_hearing(manager, provider, acknowledged, message):
    complaint = _register(manager, provider)
    if acknowledged:
        service.complaint_acknowledge(actor=manager, complaint=complaint, acknowledged_on=RECEIVED)
    _refused(
        lambda: service.complaint_decide(
            actor=manager, complaint=complaint, decided_on=TODAY, outcome="founded", conclusions="Klopt."
        ),
        "decided_on",
        message,
    )


def test_a_waived_hearing_needs_its_reason(manager, provider):
    complaint = _register(manager, provider)
    service.complaint_acknowledge(actor=manager, complaint=complaint, acknowledged_on=RECEIVED)
    _refused(
        lambda: service.complaint_hear(actor=manager, complaint=complaint, heard_on=RECEIVED, waived=True),
        "waiver_reason",
        "Vul in waarom u afziet van horen: de klacht is kennelijk ongegrond, de klager wil niet gehoord worden of "
        "heeft niet op tijd gezegd dat hij gehoord wil worden (Awb 9:10 lid 2).",
    )


def test_a_waived_hearing_keeps_its_reason_on_the_event(manager, provider):
    complaint = _register(manager, provider)
    service.complaint_acknowledge(actor=manager, complaint=complaint, acknowledged_on=RECEIVED)
    complaint = service.complaint_hear(
        actor=manager, complaint=complaint, heard_on=RECEIVED, waived=True, waiver_reason="Wil niet gehoord worden."
    )
    assert complaint.hearing_waived is True
    assert Event.objects.get(action="complaint.heard").reason == "Wil niet gehoord worden."


def test_a_second_extension_is_refused(manager, provider):
    complaint = _register(manager, provider)
    service.complaint_extend(actor=manager, complaint=complaint, extended_on=RECEIVED, extension_reason="Advies nodig")
    _refused(
        lambda: service.complaint_extend(
            actor=manager, complaint=complaint, extended_on=SIX_WEEKS, extension_reason="Nog eens"
        ),
        "extended_on",
        "De afhandeling is al eens verdaagd; dat kan maar één keer (Awb 9:11 lid 2).",
    )


def test_an_extension_needs_its_reason(manager, provider):
    complaint = _register(manager, provider)
    _refused(
        lambda: service.complaint_extend(
            actor=manager, complaint=complaint, extended_on=RECEIVED, extension_reason=" "
        ),
        "extension_reason",
        "Vul de reden van de verdaging in; de klager krijgt die schriftelijk.",
    )


@pytest.mark.parametrize(("committee", "last_day"), [(False, SIX_WEEKS), (True, TEN_WEEKS)])
def test_an_extension_on_the_last_day_of_the_term_is_in_time(manager, provider, committee, last_day):
    complaint = _register(manager, provider, committee=committee)
    for day in (last_day - timedelta(days=1), last_day):
        complaint.refresh_from_db()
        complaint.extended_on = None
        complaint.save()
        assert (
            service.complaint_extend(
                actor=manager, complaint=complaint, extended_on=day, extension_reason="Advies"
            ).extended_on
            == day
        )


@pytest.mark.parametrize(("committee", "last_day"), [(False, SIX_WEEKS), (True, TEN_WEEKS)])
def test_an_extension_the_day_after_the_term_is_refused(manager, provider, committee, last_day):
    complaint = _register(manager, provider, committee=committee)
    _refused(
        lambda: service.complaint_extend(
            actor=manager, complaint=complaint, extended_on=last_day + timedelta(days=1), extension_reason="Advies"
        ),
        "extended_on",
        f"De termijn is op {last_day.day} {'oktober' if last_day.month == 10 else 'november'} 2026 verstreken; "
        "verdagen kan alleen binnen de termijn (Awb 9:11 lid 2).",
    )


def test_a_withdrawn_complaint_takes_no_more_steps(manager, provider):
    complaint = _register(manager, provider)
    service.complaint_withdraw(actor=manager, complaint=complaint, reason="Opgelost")
    _refused(
        lambda: service.complaint_acknowledge(actor=manager, complaint=complaint, acknowledged_on=RECEIVED),
        "acknowledged_on",
        "De ontvangst van deze klacht is al bevestigd of de klacht is gesloten.",
    )
    _refused(
        lambda: service.complaint_withdraw(actor=manager, complaint=complaint),
        "reason",
        "Deze klacht is al afgehandeld of ingetrokken.",
    )


def test_a_decision_before_the_hearing_date_is_refused(manager, provider):
    complaint = _register(manager, provider)
    service.complaint_acknowledge(actor=manager, complaint=complaint, acknowledged_on=RECEIVED)
    service.complaint_hear(actor=manager, complaint=complaint, heard_on=date(2026, 9, 21))
    _refused(
        lambda: service.complaint_decide(
            actor=manager, complaint=complaint, decided_on=date(2026, 9, 20), outcome="founded", conclusions="Klopt."
        ),
        "decided_on",
        "Deze datum ligt vóór het horen (21 september 2026). Vul 21 september 2026 of een latere datum in.",
    )
