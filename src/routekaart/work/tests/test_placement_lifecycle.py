"""A placement goes proposal → introduction → trial placement → contract → job coaching → checks at 6 and 12
months; each step is checked, and when work starts income is handed what it needs to switch benefit to work."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from freezegun import freeze_time

from routekaart.audit.models import Event
from routekaart.organisations.models import OrganisationKind
from routekaart.organisations.tests.factories import OrganisationFactory
from routekaart.work import selectors, services
from routekaart.work.labour_facts import LabourFacts
from routekaart.work.models import (
    OpeningStatus,
    PlacementState,
    ProfileStatus,
    WorkStartHandover,
)

from .factories import ArrangementFactory, VacancyFactory

pytestmark = [pytest.mark.django_db]

D = datetime.date
RECEIVED: list[int] = []


def income_receiver(*, handover):
    """Stands in for the income app's receiver."""
    RECEIVED.append(handover.pk)
    services.work_start_handover_receive(handover=handover, receiver="income-test")


@pytest.fixture
def proposed(work_configuration, adviser, make_candidate, labour):
    profile = make_candidate(given_names="Anouk")
    labour[profile.resident_id] = LabourFacts(wage_value=60, wage_value_on=D(2026, 1, 2), in_register=True)
    arrangement = ArrangementFactory(positions=1)
    with freeze_time("2026-01-05"):
        return services.placement_propose(actor=adviser, opening=arrangement, profile=profile)


def test_the_whole_path_from_proposal_to_the_12_month_check(
    proposed, adviser, settings, django_capture_on_commit_callbacks
):
    settings.ROUTEKAART_WORK_START_RECEIVERS = ["routekaart.work.tests.test_placement_lifecycle.income_receiver"]
    RECEIVED.clear()
    coach = OrganisationFactory(kind=OrganisationKind.PROVIDER, name="Jobcoach Zaanstreek")
    placement = services.placement_introduce(actor=adviser, placement=proposed, introduced_on=D(2026, 1, 8))
    placement = services.placement_trial_start(
        actor=adviser, placement=placement, trial_start=D(2026, 1, 12), trial_end=D(2026, 3, 11)
    )
    assert placement.state == PlacementState.TRIAL
    with django_capture_on_commit_callbacks(execute=True):
        placement = services.placement_contract(
            actor=adviser,
            placement=placement,
            contract_start=D(2026, 3, 12),
            hours=24,
            hourly_wage=Decimal("14.40"),
            instruments=["wage_subsidy", "job_coach"],
            counts_for_jobs_agreement=True,
        )
    assert placement.state == PlacementState.CONTRACTED
    assert [(c.months, c.due_on) for c in placement.checks.all()] == [(6, D(2026, 9, 12)), (12, D(2027, 3, 12))]
    placement.profile.refresh_from_db()
    assert placement.profile.status == ProfileStatus.PLACED
    placement.arrangement.refresh_from_db()
    assert placement.arrangement.status == OpeningStatus.FILLED

    handover = WorkStartHandover.objects.get(placement=placement)
    assert (handover.work_starts_on, handover.hours_per_week, handover.with_wage_subsidy) == (D(2026, 3, 12), 24, True)
    assert handover.household_id == placement.profile.resident.memberships.get().household_id
    assert [handover.pk] == RECEIVED
    handover.refresh_from_db()
    assert handover.received_by == "income-test"
    assert not selectors.work_start_handovers_pending().exists()

    placement = services.placement_coaching_start(
        actor=adviser, placement=placement, coaching_by=coach, coaching_start=D(2026, 3, 12)
    )
    assert placement.state == PlacementState.COACHING
    placement = services.placement_coaching_end(actor=adviser, placement=placement, coaching_end=D(2026, 9, 1))
    assert placement.state == PlacementState.CONTRACTED

    six, twelve = placement.checks.all()
    with freeze_time("2026-09-14"):
        services.placement_check_record(actor=adviser, check=six, checked_on=D(2026, 9, 14), still_working=True)
    with freeze_time("2027-03-15"):
        services.placement_check_record(
            actor=adviser, check=twelve, checked_on=D(2027, 3, 15), still_working=False, note="Contract niet verlengd"
        )
    placement.refresh_from_db()
    assert placement.state == PlacementState.ENDED
    assert placement.ended_on == D(2027, 3, 15)
    placement.profile.refresh_from_db()
    assert placement.profile.status == ProfileStatus.AVAILABLE

    actions = list(Event.objects.filter(subject_type="placement").order_by("id").values_list("action", flat=True))
    assert actions == [
        "placement.proposed",
        "placement.introduced",
        "placement.trial_started",
        "placement.contracted",
        "placement.coaching_started",
        "placement.coaching_ended",
        "placement.checked",
        "placement.checked",
    ]


def test_a_trial_placement_lasts_at_most_two_months(proposed, adviser):
    placement = services.placement_introduce(actor=adviser, placement=proposed, introduced_on=D(2026, 1, 8))
    with pytest.raises(ValidationError) as refused:
        services.placement_trial_start(
            actor=adviser, placement=placement, trial_start=D(2026, 1, 12), trial_end=D(2026, 3, 12)
        )
    assert refused.value.message_dict["trial_end"] == [
        "Een proefplaatsing duurt ten hoogste 2 maanden: uiterlijk tot en met 11-03-2026."
    ]
    placement.refresh_from_db()
    assert placement.state == PlacementState.INTRODUCED and placement.trial_start is None


def test_wage_cost_subsidy_needs_a_wage_value_below_100(proposed, adviser, labour):
    labour[proposed.profile.resident_id] = LabourFacts(wage_value=None, in_register=False)
    placement = services.placement_introduce(actor=adviser, placement=proposed, introduced_on=D(2026, 1, 8))
    with pytest.raises(ValidationError) as refused:
        services.placement_contract(
            actor=adviser,
            placement=placement,
            contract_start=D(2026, 2, 1),
            hours=20,
            hourly_wage=Decimal("14"),
            instruments=["wage_subsidy"],
            counts_for_jobs_agreement=True,
        )
    errors = refused.value.message_dict
    assert "Loonkostensubsidie kan alleen bij een vastgestelde loonwaarde onder 100%" in errors["instruments"][0]
    assert errors["counts_for_jobs_agreement"] == [
        "Een plaats telt alleen voor de banenafspraak als de kandidaat in het doelgroepenregister staat."
    ]
    placement.refresh_from_db()
    assert placement.state == PlacementState.INTRODUCED
    assert not WorkStartHandover.objects.exists() and not placement.checks.exists()


def test_a_step_out_of_order_is_refused_in_dutch(proposed, adviser):
    with pytest.raises(ValidationError) as refused:
        services.placement_trial_start(
            actor=adviser, placement=proposed, trial_start=D(2026, 1, 12), trial_end=D(2026, 2, 11)
        )
    assert refused.value.messages == [
        "Van “Voorgesteld aan de werkgever” kan een plaatsing niet naar “Proefplaatsing”."
    ]
    proposed.refresh_from_db()
    assert proposed.state == PlacementState.PROPOSED and proposed.trial_start is None


def test_a_declined_proposal_keeps_the_candidate_available(proposed, adviser):
    with pytest.raises(ValidationError):
        services.placement_decline(actor=adviser, placement=proposed, reason="nee")
    placement = services.placement_decline(
        actor=adviser, placement=proposed, reason="De werkgever koos een andere kandidaat"
    )
    assert placement.state == PlacementState.DECLINED
    placement.profile.refresh_from_db()
    assert placement.profile.status == ProfileStatus.AVAILABLE


def test_the_same_candidate_cannot_be_proposed_twice_for_one_opening(proposed, adviser):
    with pytest.raises(ValidationError) as refused:
        services.placement_propose(actor=adviser, opening=proposed.arrangement, profile=proposed.profile)
    assert refused.value.message_dict["profile"] == ["Deze kandidaat is hier al voorgesteld."]


def test_a_vacancy_through_an_agency_places_with_the_hiring_employer(work_configuration, adviser, make_candidate):
    from .factories import EmployerFactory

    agency = EmployerFactory(kind="temp_agency")
    vacancy = VacancyFactory(via_agency=agency)
    placement = services.placement_propose(actor=adviser, opening=vacancy, profile=make_candidate())
    assert placement.employer == vacancy.employer
    assert vacancy in selectors.vacancy_list(employer_id=agency.pk)
