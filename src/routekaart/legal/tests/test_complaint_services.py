"""Conduct complaints (Awb chapter 9) step by step: each step one event and processing-log entry, the last day
(`decision_due_on`) kept current, and each step out of order, by the one complained about, or with a date before
the receipt or in the future refused in Dutch on its field with nothing changed."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from freezegun import freeze_time

from routekaart.audit.models import Event, ProcessingLogEntry
from routekaart.organisations.roles import Role
from routekaart.organisations.tests.factories import UserFactory
from routekaart.testing import database_fingerprint

from ..models import StaffComplaintOutcome, StaffComplaintStatus
from ..services import complaints as service
from .factories_complaints import legal_user

pytestmark = [pytest.mark.django_db]

RECEIVED = date(2026, 9, 7)  # a Monday: six weeks end on Monday 19 October, ten weeks on Monday 16 November
SIX_WEEKS = date(2026, 10, 19)
TEN_WEEKS = date(2026, 11, 16)


@pytest.fixture(autouse=True)
def frozen():
    with freeze_time("2026-12-01 10:00:00"):
        yield


@pytest.fixture
def jurist():
    return legal_user(first_name="Jet", last_name="Jurist")


@pytest.fixture
def colleague():
    return UserFactory(first_name="Karel", last_name="Balie", role=Role.COORDINATOR)


def _register(actor, **changes):
    values = {
        "complainant_name": "J. de Klager",
        "complainant_contact": "06-12345678",
        "received_on": RECEIVED,
        "subject": "De medewerker was onbeleefd aan de balie.",
    }
    return service.conduct_complaint_register(actor=actor, **{**values, **changes})


def _refused(call, field: str) -> str:
    before = database_fingerprint()
    with pytest.raises(ValidationError) as error:
        call()
    assert database_fingerprint() == before
    return error.value.message_dict[field][0]


def _heard(jurist, colleague, **changes):
    complaint = _register(jurist, about_user=colleague, **changes)
    service.conduct_complaint_acknowledge(actor=jurist, complaint=complaint, acknowledged_on=RECEIVED)
    return service.conduct_complaint_hear(actor=jurist, complaint=complaint, heard_on=date(2026, 9, 21))


def test_a_registered_complaint_has_a_reference_its_last_day_and_an_event_without_the_name(jurist, colleague):
    complaint = _register(jurist, about_user=colleague)
    assert complaint.reference == f"KB-2026-{complaint.pk:06d}"
    assert complaint.status == StaffComplaintStatus.RECEIVED
    assert complaint.decision_due_on == SIX_WEEKS
    assert complaint.handler == jurist
    event = Event.objects.get(action="conduct_complaint.registered")
    assert event.after["about_user_id"] == colleague.pk
    assert "J. de Klager" not in str(event.after) and "12345678" not in str(event.after)
    assert "onbeleefd" not in str(event.after)
    assert ProcessingLogEntry.objects.filter(activity_id="conduct-complaint-handling").count() == 1


def test_a_committee_gives_ten_weeks(jurist, colleague):
    assert _register(jurist, about_user=colleague, committee=True).decision_due_on == TEN_WEEKS


def test_a_last_day_on_christmas_moves_past_the_holidays_and_the_weekend(jurist, colleague):
    # Friday 13 November + 6 weeks = Friday 25 December (Kerstmis), 26th Saturday, 27th Sunday: Monday 28 December.
    complaint = _register(jurist, about_user=colleague, received_on=date(2026, 11, 13))
    assert complaint.decision_due_on == date(2026, 12, 28)


def test_the_one_complained_about_cannot_handle_the_complaint(jurist):
    message = _refused(lambda: _register(jurist, about_user=jurist), "handler")
    assert "niet bij de gedraging betrokken" in message and "Awb 9:7" in message


def test_a_complaint_names_whom_or_which_team_it_is_about(jurist):
    assert _refused(lambda: _register(jurist), "about_user") == (
        "Vul in over welke medewerker of welk team de klacht gaat."
    )


def test_a_coordinator_does_not_register_conduct_complaints(colleague):
    other = UserFactory(role=Role.COORDINATOR)
    message = _refused(lambda: _register(colleague, about_user=other), "about_user")
    assert message == "Alleen klantbeheer legt een klacht over bejegening vast."


def test_a_receipt_in_the_future_is_refused(jurist, colleague):
    message = _refused(lambda: _register(jurist, about_user=colleague, received_on=date(2026, 12, 2)), "received_on")
    assert "niet na vandaag" in message


def test_the_steps_in_order_each_write_one_event(jurist, colleague):
    complaint = _heard(jurist, colleague)
    complaint = service.conduct_complaint_decide(
        actor=jurist,
        complaint=complaint,
        decided_on=date(2026, 10, 5),
        outcome=StaffComplaintOutcome.PARTLY_FOUNDED,
        conclusions="De toon was niet in orde; excuses zijn gemaakt.",
    )
    assert (complaint.status, complaint.outcome) == (StaffComplaintStatus.DECIDED, "partly_founded")
    actions = list(Event.objects.order_by("id").values_list("action", flat=True))
    assert actions == [
        "conduct_complaint.registered",
        "conduct_complaint.acknowledged",
        "conduct_complaint.heard",
        "conduct_complaint.decided",
    ]
    assert "excuses" not in str(Event.objects.get(action="conduct_complaint.decided").after)


def test_hearing_before_the_acknowledgement_is_refused(jurist, colleague):
    complaint = _register(jurist, about_user=colleague)
    message = _refused(
        lambda: service.conduct_complaint_hear(actor=jurist, complaint=complaint, heard_on=RECEIVED), "heard_on"
    )
    assert "Bevestig eerst de ontvangst" in message


def test_deciding_before_the_hearing_is_refused(jurist, colleague):
    complaint = _register(jurist, about_user=colleague)
    service.conduct_complaint_acknowledge(actor=jurist, complaint=complaint, acknowledged_on=RECEIVED)
    message = _refused(
        lambda: service.conduct_complaint_decide(
            actor=jurist, complaint=complaint, decided_on=RECEIVED, outcome="founded", conclusions="x"
        ),
        "decided_on",
    )
    assert "Hoor eerst de klager" in message


def test_a_decision_needs_founded_partly_or_unfounded_and_conclusions(jurist, colleague):
    complaint = _heard(jurist, colleague)
    call = lambda: service.conduct_complaint_decide(  # noqa: E731
        actor=jurist, complaint=complaint, decided_on=date(2026, 10, 5), outcome="resolved", conclusions=" "
    )
    assert _refused(call, "outcome") == "Kies of de klacht gegrond, deels gegrond of ongegrond is."
    assert _refused(call, "conclusions") == "Vul de bevindingen en de conclusies in (Awb 9:12)."


def test_a_waived_hearing_needs_its_reason(jurist, colleague):
    complaint = _register(jurist, about_user=colleague)
    service.conduct_complaint_acknowledge(actor=jurist, complaint=complaint, acknowledged_on=RECEIVED)
    message = _refused(
        lambda: service.conduct_complaint_hear(actor=jurist, complaint=complaint, heard_on=RECEIVED, waived=True),
        "waiver_reason",
    )
    assert "Awb 9:10 lid 2" in message


def test_an_informal_resolution_decides_the_complaint_as_resolved(jurist, colleague):
    complaint = _register(jurist, about_user=colleague)
    complaint = service.conduct_complaint_resolve_informally(
        actor=jurist, complaint=complaint, resolved_on=date(2026, 9, 9), conclusions="Telefonisch opgelost."
    )
    assert (complaint.status, complaint.outcome, complaint.decided_on) == (
        StaffComplaintStatus.DECIDED,
        StaffComplaintOutcome.RESOLVED,
        date(2026, 9, 9),
    )
    assert Event.objects.filter(action="conduct_complaint.resolved").count() == 1


@pytest.mark.parametrize(
    ("extended_on", "allowed"),
    [(SIX_WEEKS - timedelta(days=1), True), (SIX_WEEKS, True), (SIX_WEEKS + timedelta(days=1), False)],
)
def test_an_extension_is_possible_up_to_and_including_the_last_day(jurist, colleague, extended_on, allowed):
    complaint = _register(jurist, about_user=colleague)
    call = lambda: service.conduct_complaint_extend(  # noqa: E731
        actor=jurist, complaint=complaint, extended_on=extended_on, extension_reason="Het dossier is groot."
    )
    if allowed:
        complaint = call()
        assert complaint.decision_due_on == date(2026, 11, 16)  # six plus four weeks, a Monday
        assert Event.objects.get(action="conduct_complaint.extended").after["decision_due_on"] == "2026-11-16"
    else:
        assert "verdagen kan alleen binnen de termijn" in _refused(call, "extended_on")


def test_an_extension_happens_once_and_needs_a_reason(jurist, colleague):
    complaint = _register(jurist, about_user=colleague)
    assert _refused(
        lambda: service.conduct_complaint_extend(
            actor=jurist, complaint=complaint, extended_on=RECEIVED, extension_reason=""
        ),
        "extension_reason",
    ).startswith("Vul de reden van de verdaging in")
    service.conduct_complaint_extend(actor=jurist, complaint=complaint, extended_on=RECEIVED, extension_reason="Ziek.")
    message = _refused(
        lambda: service.conduct_complaint_extend(
            actor=jurist, complaint=complaint, extended_on=RECEIVED, extension_reason="Nog eens."
        ),
        "extended_on",
    )
    assert "maar één keer" in message


def test_a_withdrawn_complaint_takes_no_further_step(jurist, colleague):
    complaint = _register(jurist, about_user=colleague)
    service.conduct_complaint_withdraw(actor=jurist, complaint=complaint, reason="Klager trekt in.")
    message = _refused(
        lambda: service.conduct_complaint_acknowledge(actor=jurist, complaint=complaint, acknowledged_on=RECEIVED),
        "acknowledged_on",
    )
    assert "al bevestigd of de klacht is gesloten" in message


def test_only_the_complaints_own_legal_desk_takes_its_steps(jurist, colleague):
    complaint = _register(jurist, about_user=colleague)
    elsewhere = legal_user()
    message = _refused(
        lambda: service.conduct_complaint_acknowledge(actor=elsewhere, complaint=complaint, acknowledged_on=RECEIVED),
        "acknowledged_on",
    )
    assert message == "Alleen klantbeheer van de organisatie van deze klacht behandelt haar."
