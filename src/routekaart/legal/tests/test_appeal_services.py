"""Beroep through the services: only against a decided objection, its course and judgment, and the legal team's
involvement ending once the appeal term passed without an appeal."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from routekaart.audit.models import Event
from routekaart.legal import services, terms
from routekaart.legal.models import ObjectionStatus
from routekaart.organisations.roles import Role
from routekaart.residents.models import Involvement, InvolvementKind
from routekaart.testing import database_fingerprint

from .factories_objections import DecisionFactory, DienstFactory, jurist_at, staff_at

pytestmark = pytest.mark.django_db


def today():
    return timezone.localdate()


def days(n: int) -> datetime.date:
    return today() + datetime.timedelta(days=n)


def refused(call, field: str) -> str:
    before = database_fingerprint()
    with pytest.raises(ValidationError) as error:
        call()
    assert database_fingerprint() == before
    return error.value.message_dict[field][0]


@pytest.fixture
def jurist():
    return jurist_at(DienstFactory())


def objection_of(jurist, *, decided_on=None, sent_days_ago=10):
    desk = jurist.affiliations.get().organisation
    decision = DecisionFactory(decided_on=days(-sent_days_ago), decided_by=staff_at(desk, Role.COORDINATOR))
    objection = services.objection_register(
        actor=jurist,
        decision_kind="access",
        decision_id=decision.pk,
        objector_id=decision.addressee_id,
        channel="letter",
        received_on=days(-sent_days_ago + 1),
        grounds="Oneens.",
    )
    if decided_on is not None:
        services.objection_acknowledge(actor=jurist, objection=objection, on=days(-sent_days_ago + 1))
        services.hearing_waive(actor=jurist, objection=objection, reason="Niet gewenst.")
        services.objection_decide(
            actor=jurist, objection=objection, on=decided_on, outcome="dismissed", effect="keep", reasoning="Zie brief."
        )
        objection.refresh_from_db()
    return objection


def test_an_appeal_against_an_open_objection_is_refused(jurist):
    objection = objection_of(jurist)
    message = refused(
        lambda: services.appeal_register(actor=jurist, objection=objection, court="Rechtbank", lodged_on=today()),
        "lodged_on",
    )
    assert "beslissing op bezwaar" in message


def test_an_appeal_is_registered_updated_and_judged(jurist):
    objection = objection_of(jurist, decided_on=today())
    appeal = services.appeal_register(
        actor=jurist, objection=objection, court="Rechtbank Gelderland", lodged_on=today(), case_number="AWB 26/1"
    )
    assert Event.objects.get(action="appeal.registered").after["in_time"] is True
    services.appeal_update(actor=jurist, appeal=appeal, defence_due_on=days(28), session_on=days(90), notes="Verweer.")
    appeal.refresh_from_db()
    assert appeal.defence_due_on == days(28) and appeal.session_on == days(90)
    assert "Verweer" not in str(Event.objects.get(action="appeal.updated").after)
    services.appeal_judgment(actor=jurist, appeal=appeal, judgment_on=today(), outcome="dismissed")
    appeal.refresh_from_db()
    assert appeal.outcome == "dismissed"
    assert "al vastgelegd" in refused(
        lambda: services.appeal_judgment(actor=jurist, appeal=appeal, judgment_on=today(), outcome="upheld"),
        "judgment_on",
    )


def test_an_appeal_before_the_decision_or_without_court_is_refused(jurist):
    objection = objection_of(jurist, decided_on=today())
    assert "vóór" in refused(
        lambda: services.appeal_register(actor=jurist, objection=objection, court="R", lodged_on=days(-1)),
        "lodged_on",
    )
    assert "rechtbank" in refused(
        lambda: services.appeal_register(actor=jurist, objection=objection, court=" ", lodged_on=today()), "court"
    )


def test_an_unknown_field_of_an_appeal_is_refused(jurist):
    objection = objection_of(jurist, decided_on=today())
    appeal = services.appeal_register(actor=jurist, objection=objection, court="R", lodged_on=today())
    assert "outcome" in refused(lambda: services.appeal_update(actor=jurist, appeal=appeal, outcome="x"), "__all__")


def test_the_involvement_ends_once_the_appeal_term_passed_without_appeal(jurist):
    objection = objection_of(jurist, decided_on=days(-60), sent_days_ago=100)
    assert objection.status == ObjectionStatus.DECIDED
    assert terms.appeal_term_end(objection.decided_on) < today()
    running = Involvement.objects.filter(kind=InvolvementKind.LEGAL_MATTER, valid_to__isnull=True)
    assert running.count() == 1
    assert services.objection_involvements_close() == 1
    assert not running.exists()
    assert services.objection_involvements_close() == 0  # idempotent


def test_the_involvement_stays_while_the_appeal_term_runs(jurist):
    objection_of(jurist, decided_on=today())
    assert services.objection_involvements_close() == 0
    assert Involvement.objects.filter(kind=InvolvementKind.LEGAL_MATTER, valid_to__isnull=True).count() == 1
