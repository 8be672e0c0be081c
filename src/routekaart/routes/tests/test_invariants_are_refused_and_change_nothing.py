"""Every rule of the routes refuses bad input with a clear Dutch message, and nothing changes (no row, no event)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from routekaart.audit.models import Event, ProcessingLogEntry
from routekaart.routes import services
from routekaart.routes.models import (
    ConditionRecord,
    RegieHandover,
    StepProgress,
    Trajectory,
    TrajectoryParty,
    WaitlistEntry,
)
from routekaart.routes.workflow import Outcome

from .conftest import exit_route

pytestmark = [pytest.mark.django_db]


def snapshot() -> tuple:
    return (
        tuple(Trajectory.objects.order_by("pk").values_list("pk", "status", "current_step", "regie_party")),
        tuple(StepProgress.objects.order_by("pk").values_list("pk", "state", "due_on", "finished_on")),
        ConditionRecord.objects.count(),
        tuple(RegieHandover.objects.order_by("pk").values_list("pk", "state")),
        tuple(WaitlistEntry.objects.order_by("pk").values_list("pk", "place_offered_on", "receives_social_assistance")),
        TrajectoryParty.objects.count(),
        Event.objects.count(),
        ProcessingLogEntry.objects.count(),
    )


def refused(call, *words: str) -> None:
    before = snapshot()
    with pytest.raises(ValidationError) as error:
        call()
    text = " ".join(error.value.messages)
    for word in words:
        assert word in text, text
    assert snapshot() == before


def start(network, resident, code="sheltered_work", **kwargs):
    return services.trajectory_start(
        actor=kwargs.pop("actor", network.school_user),
        resident=resident,
        route=exit_route(code),
        organisations=kwargs.pop("organisations", network.organisations()),
        school_kind=kwargs.pop("school_kind", "vso"),
        **kwargs,
    )


def record(network, trajectory, condition, outcome=Outcome.RECORDED, actor=None, **kwargs):
    return services.condition_record(
        actor=actor or network.dienst_user, trajectory=trajectory, condition=condition, outcome=outcome, **kwargs
    )


def complete(network, trajectory, number, actor=None):
    return services.step_transition(
        actor=actor or network.dienst_user, trajectory=trajectory, number=number, transition="complete"
    )


@pytest.fixture
def walking(network, pupil):
    trajectory = start(network, pupil)
    services.regie_handover_accept(actor=network.dienst_user, handover=RegieHandover.objects.get(trajectory=trajectory))
    return trajectory


def to_step_four(network, trajectory):
    complete(network, trajectory, 1)
    complete(network, trajectory, 2)
    record(network, trajectory, "uwv_work_capacity_assessment")
    complete(network, trajectory, 3)


def to_waitlist(network, trajectory, decided_on=None):
    to_step_four(network, trajectory)
    record(network, trajectory, "uwv_advice", Outcome.POSITIVE)
    record(network, trajectory, "dienst_decision", Outcome.POSITIVE, recorded_on=decided_on)
    complete(network, trajectory, 4)
    return WaitlistEntry.objects.get(trajectory=trajectory)


# --- the order of the steps --------------------------------------------------------------------------------------


def test_a_step_out_of_order_is_refused(network, walking):
    complete(network, walking, 1)
    refused(
        lambda: services.step_transition(actor=network.dienst_user, trajectory=walking, number=3, transition="start"),
        "Stap 3 (Arbeidsvermogen) kan pas beginnen als stap 2 (Beschutte werkplek) klaar is.",
    )


def test_a_step_that_is_not_conditional_cannot_be_skipped(network, walking):
    refused(
        lambda: services.step_transition(
            actor=network.dienst_user, trajectory=walking, number=2, transition="skip", reason="geen tijd"
        ),
        "geen voorwaardelijke stap",
    )


def test_a_transition_the_state_machine_does_not_allow_is_refused(network, walking):
    refused(
        lambda: services.step_transition(actor=network.dienst_user, trajectory=walking, number=1, transition="unblock"),
        "Stap 1",
        "kan niet deblokkeren",
    )


def test_blocking_needs_a_reason(network, walking):
    refused(
        lambda: services.step_transition(actor=network.dienst_user, trajectory=walking, number=1, transition="block"),
        "Geef een reden op.",
    )


def test_an_organisation_that_does_not_act_in_the_step_is_refused(network, walking):
    refused(
        lambda: complete(network, walking, 1, actor=network.area_team_user),
        "U handelt hier niet: dat doen School, of de regiehouder (Dienst).",
    )


# --- the conditions of seed 004 -----------------------------------------------------------------------------------


def test_step_four_needs_the_uwv_advice_and_the_dienst_decision(network, walking):
    to_step_four(network, walking)
    refused(lambda: complete(network, walking, 4), "Leg eerst vast: Advies van UWV over het arbeidsvermogen")


def test_the_dienst_decides_only_on_a_recorded_uwv_advice(network, walking):
    to_step_four(network, walking)
    refused(
        lambda: record(network, walking, "dienst_decision", Outcome.POSITIVE),
        "Besluit van de Dienst op het advies van UWV volgt op advies van uwv over het arbeidsvermogen",
    )


def test_a_negative_decision_does_not_lead_to_the_waitlist(network, walking):
    to_step_four(network, walking)
    record(network, walking, "uwv_advice", Outcome.POSITIVE)
    record(network, walking, "dienst_decision", Outcome.NEGATIVE)
    refused(lambda: complete(network, walking, 4), "is negatief: deze route gaat hier niet verder")


def test_a_condition_is_recorded_only_while_its_step_is_under_way(network, walking):
    refused(lambda: record(network, walking, "uwv_advice", Outcome.POSITIVE), "terwijl stap 4 (Indicatie beschut werk)")


def test_a_condition_of_another_route_is_refused(network, walking):
    refused(lambda: record(network, walking, "intergrip"), "hoort niet bij route Beschut werk")


def test_social_assistance_while_waiting_only_from_18(network, walking):
    entry = to_waitlist(network, walking)
    refused(
        lambda: services.waitlist_meanwhile_set(
            actor=network.dienst_user, entry=entry, social_assistance=True, day_activities=False
        ),
        "vanaf 18 jaar",
    )
    services.waitlist_meanwhile_set(
        actor=network.dienst_user, entry=entry, social_assistance=False, day_activities=True
    )
    entry.refresh_from_db()
    assert entry.receives_day_activities


def test_youth_care_indication_before_18_and_wmo_or_wlz_from_18(network, pupil_factory):
    adult = pupil_factory(18.2)
    minor = pupil_factory(17)
    organisations = network.organisations("school", "area_team", "dienst")
    for resident in (adult, minor):
        trajectory = start(network, resident, "day_activities", organisations=organisations)
        services.regie_handover_accept(
            actor=network.area_team_user, handover=RegieHandover.objects.get(trajectory=trajectory)
        )
        complete(network, trajectory, 1, actor=network.area_team_user)
    adult_trajectory = Trajectory.objects.get(resident=adult)
    minor_trajectory = Trajectory.objects.get(resident=minor)
    refused(
        lambda: record(network, adult_trajectory, "youth_care_indication_before_18", actor=network.area_team_user),
        "Dit geldt voor wie jonger is dan 18 jaar",
    )
    refused(
        lambda: record(network, minor_trajectory, "wmo_or_wlz_from_18", actor=network.area_team_user),
        "vanaf 18 jaar",
    )
    refused(
        lambda: complete(network, minor_trajectory, 2, actor=network.area_team_user),
        "Leg eerst vast: Jeugdhulpindicatie, jonger dan 18 jaar",
    )
    record(network, adult_trajectory, "wmo_or_wlz_from_18", actor=network.area_team_user)
    record(network, minor_trajectory, "youth_care_indication_before_18", actor=network.area_team_user)
    # the indication before 18 is not asked of the 18-year-old, who applied for Wmo or Wlz instead
    complete(network, adult_trajectory, 2, actor=network.area_team_user)
    complete(network, minor_trajectory, 2, actor=network.area_team_user)


# --- regie ---------------------------------------------------------------------------------------------------------


def test_the_dienst_takes_regie_only_from_sixteen_and_a_half(network, pupil_factory):
    young = pupil_factory(16)
    trajectory = start(network, young)
    handover = RegieHandover.objects.get(trajectory=trajectory)
    refused(
        lambda: services.regie_handover_accept(actor=network.dienst_user, handover=handover),
        "Dienst heeft regie vanaf 16,5 jaar",
    )


def test_only_the_receiving_party_accepts_a_handover(network, pupil):
    trajectory = start(network, pupil)
    handover = RegieHandover.objects.get(trajectory=trajectory)
    refused(
        lambda: services.regie_handover_accept(actor=network.area_team_user, handover=handover),
        "Alleen Dienst neemt deze regie over.",
    )


def test_a_resident_walks_a_route_only_once_at_a_time(network, walking):
    refused(lambda: start(network, walking.resident), "Deze inwoner loopt deze route al.")


def test_an_organisation_of_the_wrong_kind_cannot_fill_a_party(network, pupil):
    organisations = {**network.organisations(), "dienst": network.area_team}
    refused(lambda: start(network, pupil, organisations=organisations), "Gebiedsteam Noord kan Dienst niet invullen")


def test_an_exit_route_needs_pro_or_vso(network, pupil):
    refused(lambda: start(network, pupil, school_kind=""), "Kies PRO of VSO.")


def test_the_registering_organisation_must_fill_a_party(network, pupil):
    refused(
        lambda: start(
            network, pupil, actor=network.company_user, organisations=network.organisations("school", "dienst")
        ),
        "Uw organisatie vult geen partij van deze route in.",
    )


# --- the waitlist and the quota ------------------------------------------------------------------------------------


def test_the_waitlist_follows_the_indication_date_and_going_first_needs_a_reason(network, pupil_factory):
    today = timezone.localdate()
    first, second = pupil_factory(17), pupil_factory(17)
    entries = []
    for resident, decided in (
        (first, today - datetime.timedelta(days=30)),
        (second, today - datetime.timedelta(days=3)),
    ):
        # The route began before the Dienst decided: a decision is never dated before its trajectory.
        trajectory = start(network, resident, started_on=decided)
        services.regie_handover_accept(
            actor=network.dienst_user, handover=RegieHandover.objects.get(trajectory=trajectory)
        )
        entries.append(to_waitlist(network, trajectory, decided_on=decided))
    refused(
        lambda: services.waitlist_place_offer(actor=network.company_user, entry=entries[1]),
        "1 inwoner(s) met een eerdere indicatie wachten nog",
    )
    services.waitlist_place_offer(actor=network.company_user, entry=entries[1], reason="Plek past bij de stage")
    entries[1].refresh_from_db()
    assert entries[1].place_offered_on == today


def test_no_place_beyond_the_yearly_quota(network, pupil_factory):
    from routekaart.routes.models import ShelteredWorkQuota

    ShelteredWorkQuota.objects.filter(municipality_code="gemeente-weidebeek").update(places=1)
    entries = []
    for _ in range(2):
        trajectory = start(network, pupil_factory(17))
        services.regie_handover_accept(
            actor=network.dienst_user, handover=RegieHandover.objects.get(trajectory=trajectory)
        )
        entries.append(to_waitlist(network, trajectory))
    services.waitlist_place_offer(actor=network.company_user, entry=entries[0])
    refused(
        lambda: services.waitlist_place_offer(actor=network.company_user, entry=entries[1]),
        "De taakstelling",
        "(1 plaatsen) is bereikt",
    )


def test_a_municipality_without_a_quota_offers_no_place(network, walking):
    from routekaart.routes.models import ShelteredWorkQuota

    entry = to_waitlist(network, walking)
    ShelteredWorkQuota.objects.all().delete()
    refused(lambda: services.waitlist_place_offer(actor=network.company_user, entry=entry), "geen taakstelling")


def test_the_waitlist_step_ends_only_with_a_place(network, walking):
    to_waitlist(network, walking)
    refused(lambda: complete(network, walking, 5), "zodra het beschut-werkbedrijf een plek aanbiedt")


def test_a_finished_trajectory_changes_no_more(network, walking):
    services.trajectory_stop(actor=network.dienst_user, trajectory=walking, reason="Verhuisd")
    refused(lambda: complete(network, walking, 1), "Dit traject is gestopt; er verandert niets meer.")
