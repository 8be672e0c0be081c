"""Enforcement step by step: a signal recorded and assessed, an investigation opened (the investigator involved),
its findings, informing and hearing the resident, and the outcome (a fine or recovery is income's claim). Each step
one event without personal text and a processing-log entry; each step out of order, by someone else, or with a
wrong date refused in Dutch with nothing changed."""

import sys
import types
from datetime import date, timedelta
from decimal import Decimal

import pytest
from freezegun import freeze_time

from routekaart.audit.models import Event, ProcessingLogEntry
from routekaart.income.tests.factories import DienstFactory
from routekaart.organisations.roles import Role
from routekaart.organisations.tests.factories import UserFactory
from routekaart.residents.models import Involvement
from routekaart.residents.tests.factories import MembershipFactory, ResidentFactory
from routekaart.testing import database_fingerprint

from ..models import EnforcementSignalStatus, InvestigationOutcome, InvestigationStatus, SignalSource
from ..services import enforcement as service
from .factories_enforcement import client_admin_at, enforcement_world

pytestmark = [pytest.mark.django_db]

TODAY = date(2026, 12, 1)
RECEIVED = date(2026, 11, 2)


@pytest.fixture(autouse=True)
def frozen():
    with freeze_time("2026-12-01 10:00:00"):
        yield


@pytest.fixture
def world():
    return enforcement_world()


class FakeClaim:
    def __init__(self, pk):
        self.pk = pk


@pytest.fixture
def claims(monkeypatch):
    """income's claim_establish, recorded: the calls this lane makes, whether or not income's service exists yet."""
    calls: list[dict] = []

    def claim_establish(**kwargs):
        calls.append(kwargs)
        return FakeClaim(9000 + len(calls))

    name = "routekaart.income.services.recovery"
    try:
        module = __import__(name, fromlist=["claim_establish"])
        monkeypatch.setattr(module, "claim_establish", claim_establish)
    except ImportError:
        monkeypatch.setitem(sys.modules, name, types.SimpleNamespace(claim_establish=claim_establish))
    return calls


def refused(call, field: str) -> str:
    before = database_fingerprint()
    with pytest.raises(service.ValidationError) as error:
        call()
    assert database_fingerprint() == before
    return error.value.message_dict[field][0]


def _signal(world, actor=None, **changes):
    values = {
        "household_id": world.household.pk,
        "resident_id": world.client.pk,
        "source": SignalSource.TIP,
        "received_on": RECEIVED,
        "description": "Buurman meldt: de partner woont er al maanden.",
    }
    return service.signal_record(actor=actor or world.handler, **{**values, **changes})


def _open(world, **changes):
    values = {
        "actor": world.handler,
        "household_id": world.household.pk,
        "resident_id": world.client.pk,
        "question": "Woont de partner op het adres?",
        "investigator": world.investigator,
        "opened_on": date(2026, 11, 3),
    }
    return service.investigation_open(**{**values, **changes})


def _heard(world, harm="1000.00", culpability="gross_negligence", repeat=False):
    investigation = _open(world)
    investigation = service.investigation_findings_record(
        actor=world.handler,
        investigation=investigation,
        findings="De partner woont sinds juni op het adres.",
        harm_amount=Decimal(harm),
        harm_from=date(2026, 6, 1),
        harm_to=date(2026, 10, 31),
        culpability=culpability,
        repeat_offence=repeat,
    )
    service.investigation_inform_resident(
        actor=world.handler, investigation=investigation, informed_on=date(2026, 11, 10)
    )
    return service.investigation_hear(actor=world.handler, investigation=investigation, heard_on=date(2026, 11, 20))


# --- signals ------------------------------------------------------------------------------------------------------


def test_a_recorded_signal_is_new_with_one_event_without_its_description(world):
    signal = _signal(world)
    assert (signal.status, signal.organisation_id) == (EnforcementSignalStatus.NEW, world.benefit.organisation_id)
    event = Event.objects.get(action="enforcement_signal.recorded")
    assert "Buurman" not in str(event.after) and event.household_id == world.household.pk
    assert ProcessingLogEntry.objects.filter(activity_id="enforcement").count() == 1


def test_the_coordinator_of_the_household_records_a_signal_for_the_benefits_organisation(world):
    signal = _signal(world, actor=world.coordinator, source=SignalSource.CASEWORKER)
    assert signal.organisation_id == world.benefit.organisation_id and signal.recorded_by == world.coordinator


def test_a_coordinator_of_another_household_is_refused(world):
    stranger = UserFactory(role=Role.COORDINATOR)
    message = refused(lambda: _signal(world, actor=stranger), "household_id")
    assert message == "U bent niet betrokken bij dit huishouden."


def test_the_scans_sources_are_refused_for_staff(world):
    message = refused(lambda: _signal(world, source=SignalSource.ADDRESS), "source")
    assert message == "Deze signalen vindt de signaleringsronde zelf; kies een andere bron."


def test_a_signal_received_tomorrow_is_refused(world):
    message = refused(lambda: _signal(world, received_on=TODAY + timedelta(days=1)), "received_on")
    assert message == "Vul een datum in die niet na vandaag ligt; dit is nog niet gebeurd."


def test_a_signal_about_someone_outside_the_household_is_refused(world):
    stranger = ResidentFactory()
    message = refused(lambda: _signal(world, resident_id=stranger.pk), "resident_id")
    assert message == "Deze inwoner hoort niet bij het huishouden."


def test_a_dismissed_signal_keeps_its_reason_and_cannot_be_assessed_again(world):
    signal = _signal(world)
    signal = service.signal_assess(
        actor=world.handler, signal=signal, decision="dismiss", assessed_on=TODAY, assessment="Geen aanwijzingen."
    )
    assert signal.status == EnforcementSignalStatus.DISMISSED
    assert Event.objects.filter(action="enforcement_signal.dismissed").count() == 1
    message = refused(
        lambda: service.signal_assess(
            actor=world.handler, signal=signal, decision="dismiss", assessed_on=TODAY, assessment="Nog eens."
        ),
        "decision",
    )
    assert message == "Dit signaal is al beoordeeld."


def test_dismissing_without_a_reason_is_refused(world):
    signal = _signal(world)
    message = refused(
        lambda: service.signal_assess(actor=world.handler, signal=signal, decision="dismiss", assessed_on=TODAY),
        "assessment",
    )
    assert message == "Vul in waarom er geen aanleiding is voor een onderzoek."


def test_klantbeheer_of_another_organisation_may_not_assess(world):
    signal = _signal(world)
    other = client_admin_at(DienstFactory())
    message = refused(
        lambda: service.signal_assess(
            actor=other, signal=signal, decision="dismiss", assessed_on=TODAY, assessment="x"
        ),
        "decision",
    )
    assert message == "Alleen klantbeheer van de uitvoerende organisatie behandelt dit."


def test_investigating_a_signal_opens_an_investigation_and_involves_the_investigator(world):
    signal = _signal(world)
    investigation = service.signal_assess(
        actor=world.handler,
        signal=signal,
        decision="investigate",
        assessed_on=TODAY,
        question="Woont de partner op het adres?",
        investigator=world.investigator,
    )
    signal.refresh_from_db()
    assert signal.status == EnforcementSignalStatus.INVESTIGATING and investigation.signal_id == signal.pk
    assert investigation.reference == f"HO-2026-{investigation.pk:06d}" and investigation.resident_id == world.client.pk
    involvement = Involvement.objects.get(household=world.household, user=world.investigator)
    assert (involvement.kind, involvement.valid_to) == ("legal_matter", None)
    assert Event.objects.filter(action="investigation.opened").count() == 1


def test_an_investigator_outside_klantbeheer_is_refused(world):
    message = refused(lambda: _open(world, investigator=world.coordinator), "investigator")
    assert message == "De onderzoeker werkt niet bij klantbeheer van deze organisatie."


def test_an_investigation_without_a_question_is_refused(world):
    message = refused(lambda: _open(world, question="  "), "question")
    assert message == "Vul de onderzoeksvraag in: wat wordt er gecontroleerd?"


# --- the steps ----------------------------------------------------------------------------------------------------


def test_findings_with_a_harm_need_its_period(world):
    investigation = _open(world)
    message = refused(
        lambda: service.investigation_findings_record(
            actor=world.handler, investigation=investigation, findings="Gevonden.", harm_amount=Decimal("10")
        ),
        "harm_from",
    )
    assert message == "Vul de periode in waarover te veel is betaald."


def test_a_harm_period_ending_before_it_starts_is_refused(world):
    investigation = _open(world)
    message = refused(
        lambda: service.investigation_findings_record(
            actor=world.handler,
            investigation=investigation,
            findings="Gevonden.",
            harm_amount=Decimal("10"),
            harm_from=date(2026, 6, 1),
            harm_to=date(2026, 5, 31),
        ),
        "harm_to",
    )
    assert message == "De benadelingsperiode eindigt vóór zij begint."


def test_hearing_before_informing_is_refused(world):
    investigation = _open(world)
    message = refused(
        lambda: service.investigation_hear(actor=world.handler, investigation=investigation, heard_on=TODAY), "heard_on"
    )
    assert message == "Informeer de inwoner eerst over het onderzoek."


def test_informing_before_the_opening_is_refused(world):
    investigation = _open(world)
    message = refused(
        lambda: service.investigation_inform_resident(
            actor=world.handler, investigation=investigation, informed_on=date(2026, 11, 2)
        ),
        "informed_on",
    )
    assert message == "Deze datum ligt vóór de start van het onderzoek."


def test_the_events_hold_no_findings(world):
    _heard(world)
    for event in Event.objects.filter(action__startswith="investigation."):
        assert "partner" not in str(event.after).lower()


# --- the outcome --------------------------------------------------------------------------------------------------


def test_a_fine_before_the_hearing_is_refused(world, claims):
    investigation = _open(world)
    service.investigation_findings_record(
        actor=world.handler, investigation=investigation, findings="Gevonden.", culpability="intent"
    )
    service.investigation_inform_resident(actor=world.handler, investigation=investigation, informed_on=TODAY)
    message = refused(
        lambda: service.investigation_close(
            actor=world.handler, investigation=investigation, outcome="fine", closed_on=TODAY, outcome_reasoning="x"
        ),
        "outcome",
    )
    assert message == "Hoor de inwoner eerst over de bevindingen (Awb 4:8 en 5:53)."
    assert claims == []


def test_a_warning_before_informing_is_refused(world):
    investigation = _open(world)
    service.investigation_findings_record(actor=world.handler, investigation=investigation, findings="Gevonden.")
    message = refused(
        lambda: service.investigation_close(
            actor=world.handler, investigation=investigation, outcome="warning", closed_on=TODAY, outcome_reasoning="x"
        ),
        "outcome",
    )
    assert message == "Informeer de inwoner eerst over het onderzoek."


def test_a_fine_is_the_rules_amount_with_a_fine_claim_and_the_harm_recovered(world, claims):
    investigation = _heard(world, harm="1000.00", culpability="gross_negligence")
    investigation = service.investigation_close(
        actor=world.handler,
        investigation=investigation,
        outcome="fine",
        closed_on=TODAY,
        outcome_reasoning="Grove schuld: de partner is niet gemeld.",
    )
    assert investigation.status == InvestigationStatus.CLOSED and investigation.fine_amount == Decimal("750.00")
    recovery, fine = claims
    assert (recovery["kind"], recovery["principal"], recovery["reason"]) == (
        "recovery",
        Decimal("1000.00"),
        "enforcement",
    )
    assert (fine["kind"], fine["principal"], fine["source_kind"]) == ("fine", Decimal("750.00"), "investigation")
    assert fine["source_id"] == investigation.pk and fine["benefit_id"] == world.benefit.pk
    assert (fine["period_from"], fine["period_to"]) == (date(2026, 6, 1), date(2026, 10, 31))
    assert investigation.claim_id == 9002
    event = Event.objects.get(action="investigation.closed")
    assert event.after["fine_amount"] == "750.00" and event.after["recovery_claim_id"] == 9001


def test_a_fine_where_a_warning_suffices_is_refused(world, claims):
    investigation = _heard(world, harm="150.00")
    message = refused(
        lambda: service.investigation_close(
            actor=world.handler, investigation=investigation, outcome="fine", closed_on=TODAY, outcome_reasoning="x"
        ),
        "outcome",
    )
    assert message == "Bij dit benadelingsbedrag zonder recidive volstaat een schriftelijke waarschuwing."
    assert claims == []


def test_a_repeat_offence_is_fined_at_150(world, claims):
    investigation = _heard(world, harm="150.00", culpability="intent", repeat=True)
    investigation = service.investigation_close(
        actor=world.handler, investigation=investigation, outcome="fine", closed_on=TODAY, outcome_reasoning="x"
    )
    assert investigation.fine_amount == Decimal("150.00")


def test_recovery_establishes_a_claim_for_the_harm(world, claims):
    investigation = _heard(world)
    investigation = service.investigation_close(
        actor=world.handler, investigation=investigation, outcome="recovery", closed_on=TODAY, outcome_reasoning="x"
    )
    assert [c["kind"] for c in claims] == ["recovery"] and investigation.claim_id == 9001
    assert investigation.fine_amount is None and investigation.outcome == InvestigationOutcome.RECOVERY


def test_closing_ends_the_investigators_involvement(world):
    investigation = _open(world)
    service.investigation_findings_record(actor=world.handler, investigation=investigation, findings="Niets gevonden.")
    service.investigation_close(
        actor=world.handler, investigation=investigation, outcome="no_action", closed_on=TODAY, outcome_reasoning="x"
    )
    assert Involvement.objects.get(household=world.household, user=world.investigator).valid_to == TODAY


def test_a_closed_investigation_takes_no_more_steps(world):
    investigation = _open(world)
    service.investigation_findings_record(actor=world.handler, investigation=investigation, findings="Niets.")
    service.investigation_close(
        actor=world.handler, investigation=investigation, outcome="no_action", closed_on=TODAY, outcome_reasoning="x"
    )
    message = refused(
        lambda: service.investigation_findings_record(
            actor=world.handler, investigation=investigation, findings="Meer."
        ),
        "findings",
    )
    assert message == "Dit onderzoek is afgerond; het kan niet meer worden gewijzigd."


def test_closing_before_findings_is_refused(world):
    investigation = _open(world)
    message = refused(
        lambda: service.investigation_close(
            actor=world.handler,
            investigation=investigation,
            outcome="no_action",
            closed_on=TODAY,
            outcome_reasoning="x",
        ),
        "outcome",
    )
    assert message == "Leg eerst de bevindingen vast."


def test_a_household_member_other_than_the_client_can_be_investigated(world):
    partner = MembershipFactory(household=world.household, role="partner").resident
    investigation = _open(world, resident_id=partner.pk)
    assert investigation.resident_id == partner.pk


def test_a_fine_with_the_real_income_service_creates_claims():
    recovery = pytest.importorskip("routekaart.income.services.recovery")
    if not hasattr(recovery, "claim_establish"):
        pytest.skip("income's claim_establish is not there yet")
    world = enforcement_world()
    investigation = _heard(world, harm="1000.00", culpability="ordinary")
    investigation = service.investigation_close(
        actor=world.handler, investigation=investigation, outcome="fine", closed_on=TODAY, outcome_reasoning="x"
    )
    from routekaart.income.models import Claim

    claim = Claim.objects.get(pk=investigation.claim_id)
    assert claim.kind == "fine" and claim.principal == Decimal("500.00")
