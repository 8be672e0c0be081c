"""Bezwaar through the services: each step one event without the objector's text, its terms stored, the decision
on the objection changing the decision through the access app, and every refusal in Dutch, changing nothing."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from routekaart.access.models import ProvisionOutcome
from routekaart.audit.models import Event
from routekaart.legal import services, terms
from routekaart.legal.models import DefaultNotice, Objection, ObjectionStatus
from routekaart.organisations.roles import Role
from routekaart.residents.models import Involvement, InvolvementKind
from routekaart.residents.tests.factories import InvolvementFactory, MembershipFactory, ResidentFactory
from routekaart.testing import database_fingerprint

from .factories_objections import (
    DecisionFactory,
    DienstFactory,
    ProvisionFactory,
    RefusedProvisionFactory,
    jurist_at,
    staff_at,
)

pytestmark = pytest.mark.django_db


def today():
    return timezone.localdate()


def days(n: int) -> datetime.date:
    return today() + datetime.timedelta(days=n)


def refused(call, field: str) -> str:
    """The call is refused on `field` and the database is exactly as before; returns the Dutch message."""
    before = database_fingerprint()
    with pytest.raises(ValidationError) as error:
        call()
    assert database_fingerprint() == before
    return error.value.message_dict[field][0]


@pytest.fixture
def desk():
    return DienstFactory()


@pytest.fixture
def jurist(desk):
    return jurist_at(desk, first_name="Lotte")


@pytest.fixture
def decision(desk):
    """A Wmo decision of ten days ago, taken by a coordinator of the desk's organisation."""
    decision = DecisionFactory(decided_on=days(-10), decided_by=staff_at(desk, Role.COORDINATOR))
    ProvisionFactory(decision=decision)
    return decision


def register(jurist, decision, **kwargs):
    values = {
        "actor": jurist,
        "decision_kind": "access",
        "decision_id": decision.pk,
        "objector_id": decision.addressee_id,
        "channel": "letter",
        "received_on": today(),
        "grounds": "Twee dagdelen is te weinig; ik red het zo niet.",
    }
    values.update(kwargs)
    return services.objection_register(**values)


def heard(jurist, objection):
    services.objection_acknowledge(actor=jurist, objection=objection, on=today())
    return services.hearing_waive(actor=jurist, objection=objection, reason="De indiener wil niet gehoord worden.")


# -- registration -------------------------------------------------------------------------------------------------


def test_an_objection_in_time_gets_its_terms_a_reference_and_an_involvement(jurist, decision):
    objection = register(jurist, decision)
    assert objection.reference == f"BZ-{today().year}-{objection.pk:06d}"
    assert objection.objection_term_ends_on == terms.objection_term_end(decision.decided_on)
    assert not objection.late
    assert objection.decision_due_on == terms.decision_term_end(
        objection_term_ends_on=objection.objection_term_ends_on, received_on=today()
    )
    assert objection.organisation_id == jurist.affiliations.get().organisation_id
    involvement = Involvement.objects.get(household=decision.household, kind=InvolvementKind.LEGAL_MATTER)
    assert involvement.reason == f"Bezwaar {objection.reference}" and involvement.user is None
    event = Event.objects.get(action="objection.registered")
    assert event.after["reference"] == objection.reference
    assert event.after["decision"] == decision.reference
    assert "Twee dagdelen" not in str(event.after)


def test_a_handler_gets_their_own_involvement(jurist, decision):
    objection = register(jurist, decision, handler=jurist)
    assert Involvement.objects.get(kind=InvolvementKind.LEGAL_MATTER).user == jurist
    assert objection.handler == jurist


def test_a_late_objection_needs_a_reason_and_counts_its_term_from_receipt(jurist):
    decision = DecisionFactory(decided_on=days(-60))
    message = refused(lambda: register(jurist, decision), "late_reason")
    assert "na de bezwaartermijn" in message and "Awb 6:11" in message
    objection = register(jurist, decision, late_reason="Ik lag in het ziekenhuis.")
    assert objection.late
    assert objection.decision_due_on == terms.decision_term_end(
        objection_term_ends_on=objection.objection_term_ends_on, received_on=today(), late=True
    )


def test_the_last_day_of_the_objection_term_is_in_time_and_the_next_is_late(jurist):
    decision = DecisionFactory(decided_on=days(-60))
    ends = terms.objection_term_end(decision.decided_on)
    assert ends <= today()
    assert not register(jurist, decision, received_on=ends).late
    other = DecisionFactory(decided_on=days(-60))
    ends = terms.objection_term_end(other.decided_on)
    late = register(jurist, other, received_on=ends + datetime.timedelta(days=1), late_reason="Post kwijt.")
    assert late.late


def test_a_pro_forma_objection_gets_four_weeks_to_complete(jurist, decision):
    objection = register(jurist, decision, grounds="", pro_forma=True)
    assert objection.completion_due_on == terms.completion_due(today())
    services.objection_complete(actor=jurist, objection=objection, on=today(), grounds="Ik heb meer hulp nodig.")
    objection.refresh_from_db()
    assert objection.completed_on == today() and objection.grounds == "Ik heb meer hulp nodig."


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"grounds": ""}, "grounds", "gronden"),
        ({"received_on": None}, "received_on", "datum"),
        ({"channel": "fax"}, "channel", "binnengekomen"),
        ({"decision_id": 10**9}, "decision_id", "bestaat niet"),
        ({"decision_kind": "tax"}, "decision_kind", "soort besluit"),
    ],
)
def test_a_registration_with_bad_input_is_refused(jurist, decision, change, field, words):
    assert words in refused(lambda: register(jurist, decision, **change), field)
    assert not Objection.objects.exists()


def test_an_objection_received_before_the_decision_was_sent_or_in_the_future_is_refused(jurist, decision):
    assert "vóór het besluit" in refused(lambda: register(jurist, decision, received_on=days(-11)), "received_on")
    assert "niet na vandaag" in refused(lambda: register(jurist, decision, received_on=days(1)), "received_on")


def test_the_objector_is_the_addressee_or_a_housemate(jurist, decision):
    stranger = ResidentFactory()
    message = refused(lambda: register(jurist, decision, objector_id=stranger.pk), "objector_id")
    assert "huisgenoot" in message
    partner = ResidentFactory()
    MembershipFactory(household=decision.household, resident=partner, role="partner")
    assert register(jurist, decision, objector_id=partner.pk).objector == partner


def test_a_second_open_objection_of_the_same_objector_is_refused(jurist, decision):
    first = register(jurist, decision)
    assert first.reference in refused(lambda: register(jurist, decision), "decision_id")


def test_only_legal_staff_a_coordinator_at_the_desk_or_the_resident_register(jurist, decision, desk):
    adviser = staff_at(desk, Role.EMPLOYER_ADVISER)
    assert "Alleen de afdeling bezwaar" in refused(lambda: register(adviser, decision), "channel")
    coordinator = staff_at(desk, Role.COORDINATOR)
    assert "balie" in refused(lambda: register(coordinator, decision), "channel")
    assert "niet betrokken" in refused(lambda: register(coordinator, decision, channel="staff"), "decision_id")
    InvolvementFactory(household=decision.household, organisation=desk, user=coordinator)
    objection = register(coordinator, decision, channel="staff")
    assert objection.organisation_id == desk.pk  # the decision's own legal desk (the jurist's)


def test_staff_register_a_letter_by_its_reference_and_the_birth_date(jurist, decision):
    birth = decision.addressee.birth_date
    objection = services.objection_register_by_reference(
        actor=jurist,
        reference=decision.reference.lower(),
        objector_birth_date=birth,
        channel="letter",
        received_on=today(),
        grounds="Te weinig hulp.",
    )
    assert objection.decision_id == decision.pk and objection.objector == decision.addressee


def test_a_wrong_reference_or_birth_date_gets_the_same_refusal(jurist, decision):
    def by(reference, birth):
        return lambda: services.objection_register_by_reference(
            actor=jurist, reference=reference, objector_birth_date=birth, channel="letter", received_on=today()
        )

    unknown = refused(by("BS-0000-000000", decision.addressee.birth_date), "reference")
    wrong_birth = refused(by(decision.reference, datetime.date(1901, 1, 1)), "reference")
    assert unknown == wrong_birth
    assert "geboortedatum" in unknown


# -- the steps ----------------------------------------------------------------------------------------------------


def test_acknowledge_once(jurist, decision):
    objection = register(jurist, decision)
    services.objection_acknowledge(actor=jurist, objection=objection, on=today())
    objection.refresh_from_db()
    assert objection.status == ObjectionStatus.ACKNOWLEDGED and objection.acknowledged_on == today()
    assert Event.objects.get(action="objection.acknowledged").after["in_time"] is True
    assert "al bevestigd" in refused(
        lambda: services.objection_acknowledge(actor=jurist, objection=objection, on=today()), "status"
    )


def test_a_jurist_of_another_organisation_takes_no_step(jurist, decision):
    objection = register(jurist, decision)
    other = jurist_at(DienstFactory())
    message = refused(lambda: services.objection_acknowledge(actor=other, objection=objection, on=today()), "on")
    assert "jurist" in message


def test_a_phone_call_that_resolves_it_withdraws_and_ends_the_involvement(jurist, decision):
    objection = register(jurist, decision)
    services.objection_informal_contact(
        actor=jurist, objection=objection, on=today(), note="Gebeld; uitleg gegeven.", resolved=True
    )
    objection.refresh_from_db()
    assert objection.status == ObjectionStatus.WITHDRAWN and objection.withdrawn_on == today()
    assert Involvement.objects.get(kind=InvolvementKind.LEGAL_MATTER).valid_to == today()
    assert "Gebeld" not in str(Event.objects.get(action="objection.informal_contact").after)


def test_a_hearing_is_planned_held_and_reported(jurist, decision):
    objection = register(jurist, decision)
    services.objection_acknowledge(actor=jurist, objection=objection, on=today())
    services.objection_informal_contact(
        actor=jurist, objection=objection, on=today(), note="Niet opgelost.", resolved=False
    )
    hearing = services.hearing_plan(
        actor=jurist,
        objection=objection,
        invited_on=today(),
        # today, already begun (local midnight): an hour ago is yesterday when the test runs just after midnight
        scheduled_at=timezone.make_aware(datetime.datetime.combine(today(), datetime.time(0, 0))),
        location="Stadskantoor",
    )
    services.hearing_record(
        actor=jurist, hearing=hearing, held_on=today(), attendees="Indiener, jurist", report="Verslag."
    )
    objection.refresh_from_db()
    assert objection.status == ObjectionStatus.HEARD
    assert [e.action for e in Event.objects.filter(action__startswith="objection.").order_by("pk")] == [
        "objection.registered",
        "objection.acknowledged",
        "objection.informal_contact",
        "objection.hearing_planned",
        "objection.heard",
    ]


def test_a_hearing_waits_for_the_acknowledgement(jurist, decision):
    objection = register(jurist, decision)
    message = refused(
        lambda: services.hearing_plan(
            actor=jurist, objection=objection, invited_on=today(), scheduled_at=timezone.now(), location="Kantoor"
        ),
        "status",
    )
    assert "Awb 6:14" in message


def test_the_decision_waits_for_the_hearing_except_an_inadmissible_one(jurist, decision):
    objection = register(jurist, decision)

    def decide(outcome, effect="keep"):
        return lambda: services.objection_decide(
            actor=jurist, objection=objection, on=today(), outcome=outcome, effect=effect, reasoning="Zie brief."
        )

    assert "Hoor eerst" in refused(decide("dismissed"), "status")
    services.objection_decide(
        actor=jurist, objection=objection, on=today(), outcome="inadmissible", effect="keep", reasoning="Te laat."
    )
    objection.refresh_from_db()
    assert objection.status == ObjectionStatus.DECIDED and objection.outcome == "inadmissible"


def test_an_upheld_objection_changes_the_provision_through_the_access_app(jurist, decision):
    objection = register(jurist, decision)
    heard(jurist, objection)
    provision = decision.provisions.get()
    services.objection_decide(
        actor=jurist,
        objection=objection,
        on=today(),
        outcome="upheld",
        effect="change",
        reasoning="Vier dagdelen zijn te weinig gebleken; het worden er zes.",
        changes=[{"provision_id": provision.pk, "action": "change", "volume": "6", "ends_on": provision.ends_on}],
    )
    provision.refresh_from_db()
    assert provision.volume == Decimal("6")
    assert Event.objects.filter(action="provision.changed").count() == 1
    after = Event.objects.get(action="objection.decided").after
    assert after["outcome"] == "upheld" and after["changes"] == [{"provision_id": provision.pk, "action": "change"}]
    assert "zes" not in str(after)


def test_an_upheld_objection_against_a_refusal_grants_the_provision(jurist):
    decision = DecisionFactory(decided_on=days(-10))
    provision = RefusedProvisionFactory(decision=decision)
    objection = register(jurist, decision)
    heard(jurist, objection)
    services.objection_decide(
        actor=jurist,
        objection=objection,
        on=today(),
        outcome="upheld",
        effect="revoke",
        reasoning="De hulp is toch nodig.",
        changes=[
            {
                "provision_id": provision.pk,
                "action": "grant",
                "volume": "2",
                "ends_on": days(180),
                "unit": "hours_per_week",
            }
        ],
    )
    provision.refresh_from_db()
    assert provision.outcome == ProvisionOutcome.GRANTED
    assert (provision.starts_on, provision.ends_on, provision.volume) == (today(), days(180), Decimal("2"))
    assert Event.objects.filter(action="provision.granted").count() == 1


def test_a_refused_change_refuses_the_whole_decision(jurist, decision):
    objection = register(jurist, decision)
    heard(jurist, objection)
    provision = decision.provisions.get()
    message = refused(
        lambda: services.objection_decide(
            actor=jurist,
            objection=objection,
            on=today(),
            outcome="upheld",
            effect="change",
            reasoning="Langer.",
            changes=[{"provision_id": provision.pk, "action": "change", "volume": "4", "ends_on": days(900)}],
        ),
        "changes-0-ends_on",
    )
    assert "nieuwe beschikking" in message


@pytest.mark.parametrize(
    ("outcome", "effect", "changes", "field", "words"),
    [
        ("dismissed", "change", [], "effect", "blijft het besluit in stand"),
        ("inadmissible", "revoke", [], "effect", "blijft het besluit in stand"),
        ("upheld", "change", [], "changes", "Geef per voorziening"),
        ("upheld", "keep", [{"provision_id": 1, "action": "end"}], "changes", "in stand"),
        ("maybe", "keep", [], "outcome", "Kies het oordeel"),
    ],
)
def test_the_outcome_and_effect_must_fit(jurist, decision, outcome, effect, changes, field, words):
    objection = register(jurist, decision)
    heard(jurist, objection)
    message = refused(
        lambda: services.objection_decide(
            actor=jurist,
            objection=objection,
            on=today(),
            outcome=outcome,
            effect=effect,
            reasoning="X",
            changes=changes,
        ),
        field,
    )
    assert words in message


def test_a_change_to_a_provision_of_another_decision_is_refused(jurist, decision):
    objection = register(jurist, decision)
    heard(jurist, objection)
    foreign = ProvisionFactory()
    message = refused(
        lambda: services.objection_decide(
            actor=jurist,
            objection=objection,
            on=today(),
            outcome="upheld",
            effect="change",
            reasoning="X",
            changes=[{"provision_id": foreign.pk, "action": "end", "ends_on": today()}],
        ),
        "changes-0-provision_id",
    )
    assert "hoort niet bij het besluit" in message


def test_a_pro_forma_objection_is_not_decided_while_its_completion_term_runs(jurist, decision):
    objection = register(jurist, decision, grounds="", pro_forma=True)
    heard(jurist, objection)
    message = refused(
        lambda: services.objection_decide(
            actor=jurist, objection=objection, on=today(), outcome="dismissed", effect="keep", reasoning="X"
        ),
        "on",
    )
    assert "aanvullen" in message
    services.objection_complete(actor=jurist, objection=objection, on=today(), grounds="Gronden.")
    services.objection_decide(
        actor=jurist, objection=objection, on=today(), outcome="dismissed", effect="keep", reasoning="X"
    )


def test_with_a_committee_the_advice_comes_first(jurist, decision):
    objection = register(jurist, decision, committee=True)
    assert objection.decision_due_on == terms.decision_term_end(
        objection_term_ends_on=objection.objection_term_ends_on, received_on=today(), committee=True
    )
    heard(jurist, objection)

    def decide():
        return services.objection_decide(
            actor=jurist, objection=objection, on=today(), outcome="dismissed", effect="keep", reasoning="X"
        )

    assert "adviescommissie" in refused(decide, "on")
    services.objection_advise(
        actor=jurist, objection=objection, on=today(), advice="Ongegrond.", advice_outcome="dismissed"
    )
    decide()
    assert Objection.objects.get().status == ObjectionStatus.DECIDED


def test_advice_without_a_committee_is_refused(jurist, decision):
    objection = register(jurist, decision)
    heard(jurist, objection)
    assert "geen adviescommissie" in refused(
        lambda: services.objection_advise(
            actor=jurist, objection=objection, on=today(), advice="X", advice_outcome="dismissed"
        ),
        "on",
    )


def test_the_decision_is_extended_once_by_six_weeks(jurist, decision):
    objection = register(jurist, decision)
    services.objection_extend(actor=jurist, objection=objection, on=today(), reason="Advies nodig.")
    objection.refresh_from_db()
    assert objection.decision_due_on == terms.decision_term_end(
        objection_term_ends_on=objection.objection_term_ends_on, received_on=today(), extended=True
    )
    assert "één keer" in refused(
        lambda: services.objection_extend(actor=jurist, objection=objection, on=today(), reason="Nog eens."), "on"
    )


def test_postponement_with_consent_adds_the_weeks(jurist, decision):
    objection = register(jurist, decision)
    due = objection.decision_due_on
    services.objection_postpone(actor=jurist, objection=objection, weeks=3, consent_note="Per telefoon ingestemd.")
    objection.refresh_from_db()
    assert objection.postponed_weeks == 3 and objection.decision_due_on > due
    assert "instemming" not in str(Event.objects.get(action="objection.postponed").after)
    assert "ingestemd" in refused(
        lambda: services.objection_postpone(actor=jurist, objection=objection, weeks=1, consent_note=""),
        "consent_note",
    )
    maximum = terms.value("postponement_max_weeks")
    assert "1 tot en met" in refused(
        lambda: services.objection_postpone(actor=jurist, objection=objection, weeks=maximum + 1, consent_note="Ja"),
        "weeks",
    )


def test_an_excusable_late_objection_keeps_the_term_from_receipt(jurist):
    decision = DecisionFactory(decided_on=days(-60))
    objection = register(jurist, decision, late_reason="Ziekenhuis.")
    services.objection_late_judge(actor=jurist, objection=objection, excusable=True, reasoning="Opname aangetoond.")
    objection.refresh_from_db()
    assert objection.late_excusable is True
    assert "al geoordeeld" in refused(
        lambda: services.objection_late_judge(actor=jurist, objection=objection, excusable=False, reasoning="X"),
        "excusable",
    )


def test_a_withdrawal_closes_it_and_ends_the_involvement(jurist, decision):
    objection = register(jurist, decision)
    services.objection_withdraw(actor=jurist, objection=objection, on=today(), reason="Bij nader inzien.")
    objection.refresh_from_db()
    assert objection.status == ObjectionStatus.WITHDRAWN
    assert not Involvement.objects.filter(kind=InvolvementKind.LEGAL_MATTER, valid_to__isnull=True).exists()
    assert "al gesloten" in refused(
        lambda: services.objection_withdraw(actor=jurist, objection=objection, on=today(), reason=""), "status"
    )


def test_assigning_a_handler_gives_them_an_involvement(jurist, decision, desk):
    objection = register(jurist, decision)
    colleague = jurist_at(desk)
    services.objection_assign(actor=jurist, objection=objection, handler=colleague)
    assert Involvement.objects.filter(kind=InvolvementKind.LEGAL_MATTER, user=colleague).exists()
    outsider = jurist_at(DienstFactory())
    assert "Kies een jurist" in refused(
        lambda: services.objection_assign(actor=jurist, objection=objection, handler=outsider), "handler"
    )


# -- notice of default and penalty --------------------------------------------------------------------------------


@pytest.fixture
def overdue(jurist):
    """An objection received 190 days ago whose decision term has long passed."""
    decision = DecisionFactory(decided_on=days(-200))
    return register(jurist, decision, received_on=days(-190))


def test_a_notice_before_the_term_ended_is_refused(jurist, decision):
    objection = register(jurist, decision)
    assert "Awb 4:17" in refused(
        lambda: services.default_notice_register(actor=jurist, objection=objection, received_on=today()),
        "received_on",
    )


def test_a_notice_after_the_term_starts_the_penalty_and_settling_fixes_it(jurist, overdue):
    notice = services.default_notice_register(
        actor=jurist, objection=overdue, received_on=overdue.decision_due_on + datetime.timedelta(days=1)
    )
    assert notice.penalty_from == terms.penalty_from(notice.received_on)
    services.default_penalty_settle(actor=jurist, notice=notice, on=today())
    notice.refresh_from_db()
    assert (notice.penalty_days, notice.penalty_amount) == (42, Decimal("1442.00"))
    assert "al vastgesteld" in refused(
        lambda: services.default_penalty_settle(actor=jurist, notice=notice, on=today()), "on"
    )


def test_the_penalty_stops_the_day_before_the_decision(jurist):
    decision = DecisionFactory(decided_on=days(-200))
    objection = register(jurist, decision, received_on=days(-190))
    notice_day = days(-40)
    assert notice_day > objection.decision_due_on
    notice = services.default_notice_register(actor=jurist, objection=objection, received_on=notice_day)
    heard(jurist, objection)
    decided_on = notice.penalty_from + datetime.timedelta(days=14)  # the 15th day of penalty: 14 days owed
    services.objection_decide(
        actor=jurist, objection=objection, on=decided_on, outcome="dismissed", effect="keep", reasoning="X"
    )
    services.default_penalty_settle(actor=jurist, notice=notice, on=today())
    notice = DefaultNotice.objects.get(pk=notice.pk)
    assert (notice.penalty_days, notice.penalty_amount) == (14, Decimal("322.00"))
