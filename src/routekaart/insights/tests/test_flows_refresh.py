"""The flows step of the refresh, from the owners' data to FlowCount, TransitionCount and CaseloadCount, on small
fixed sets whose counts are computed by hand."""

import datetime

import pytest

from routekaart.income.tests.factories import DienstFactory, SocialAssistanceFactory, coordinator_at
from routekaart.insights import selectors_flows
from routekaart.insights.filters import Filters
from routekaart.insights.models import CaseloadCount, FlowCount, TransitionCount
from routekaart.insights.refresh import insights_refresh
from routekaart.insights.tables import SUPPRESSED
from routekaart.residents.tests.factories import ResidentFactory
from routekaart.routes.workflow import TrajectoryStatus

from .factories_flows import RouteFactory, TrajectoryFactory, town, trajectories

pytestmark = pytest.mark.django_db

JAN, FEB, MARCH, APRIL = (datetime.date(2026, month, 1) for month in (1, 2, 3, 4))
AS_OF = datetime.date(2026, 4, 15)
YEAR = Filters(month_from=JAN, month_to=datetime.date(2026, 12, 1))


def refresh():
    return insights_refresh(full=True, as_of=AS_OF, steps=("flows",))


def counts(**lookup) -> dict:
    return {
        (row.key, row.direction, row.destination, row.month): row.count for row in FlowCount.objects.filter(**lookup)
    }


def test_twelve_started_and_three_left_a_route_in_march():
    municipality, district = town()
    route = RouteFactory(name="Basisroute")
    trajectories(12, route, district, started_on=datetime.date(2026, 3, 10))
    trajectories(3, route, district, started_on=datetime.date(2026, 1, 5), ended_on=datetime.date(2026, 3, 20))
    [run] = refresh()
    # in: 3 in January, 12 in March; out: 3 in March, completed
    assert counts(dimension="route") == {
        (route.code, "in", "", JAN): 3,
        (route.code, "in", "", MARCH): 12,
        (route.code, "out", "completed", MARCH): 3,
    }
    assert counts(dimension="destination") == {("completed", "in", "", MARCH): 3}
    assert set(FlowCount.objects.values_list("municipality", "district").distinct()) == {(municipality.pk, district.pk)}
    march = Filters(month_from=MARCH, month_to=MARCH)
    assert selectors_flows.flows_per_key(march, "route").rows[0] == ("Basisroute", 12, SUPPRESSED)
    # rows: 3 route + 1 destination flows; links start → route (January, March) and route → completed
    assert run.rows == 4 + 3 + 0
    assert run.mode == "full"


def test_a_planned_start_after_the_day_of_the_refresh_is_not_counted_yet():
    _, district = town()
    trajectories(12, RouteFactory(), district, started_on=AS_OF + datetime.timedelta(days=1))
    refresh()
    assert not FlowCount.objects.exists()


def test_an_exit_route_is_counted_under_exit_routes_with_its_exit_profile():
    _, district = town()
    exit_route = RouteFactory(kind="exit", walking_kind="", name="Uitstroomroute PRO")
    trajectories(
        10,
        exit_route,
        district,
        started_on=JAN,
        ended_on=datetime.date(2026, 2, 27),
        exit_profile="labour_market",
    )
    refresh()
    assert counts(dimension="exit_route") == {
        (exit_route.code, "in", "", JAN): 10,
        (exit_route.code, "out", "labour_market", FEB): 10,
    }
    assert counts(dimension="destination") == {("labour_market", "in", "", FEB): 10}
    assert not FlowCount.objects.filter(dimension="route").exists()


def test_the_sankey_follows_residents_from_their_start_through_a_switch_to_a_destination():
    _, district = town()
    basic, tailored = RouteFactory(name="Basisroute"), RouteFactory(name="Maatwerkroute")
    for _ in range(10):  # ten start on the basic route in January and switch to the tailored one on 1 March
        resident = ResidentFactory(address__district=district)
        then = TrajectoryFactory(resident=resident, route=tailored, started_on=MARCH)
        TrajectoryFactory(
            resident=resident,
            route=basic,
            started_on=JAN,
            ended_on=MARCH,
            status=TrajectoryStatus.SWITCHED,
            switched_to=then,
        )
    trajectories(11, basic, district, started_on=JAN, ended_on=datetime.date(2026, 3, 31))
    refresh()
    links = {(link.source_key, link.target_key, link.month): link.count for link in TransitionCount.objects.all()}
    # start → basic: 10 + 11 = 21 in January (the switched-to trajectories are no start); basic → tailored: 10 in
    # March; basic → completed: 11 in March (a switch is no destination)
    assert links == {
        ("start", basic.code, JAN): 21,
        (basic.code, tailored.code, MARCH): 10,
        (basic.code, "completed", MARCH): 11,
    }
    assert selectors_flows.sankey(YEAR).rows == [
        ("Aanmelding", "Basisroute", 21),
        ("Basisroute", "Afgerond", 11),
        ("Basisroute", "Maatwerkroute", 10),
    ]


def test_benefit_team_and_caseload_from_social_assistance_and_its_coordinator():
    _, district = town()
    dienst = DienstFactory(name="De Dienst")
    coordinator = coordinator_at(dienst, first_name="Carla", last_name="Coördinator")
    benefits = [
        SocialAssistanceFactory(
            organisation=dienst,
            coordinator=coordinator,
            client=ResidentFactory(address__district=district),
            started_on=datetime.date(2026, 2, 2),
        )
        for _ in range(11)
    ]
    for benefit in benefits[:2]:
        benefit.ended_on, benefit.end_reason = datetime.date(2026, 3, 31), "Werk gevonden bij een bakker"
        benefit.save()
    refresh()
    # benefit: 11 households in in February, 2 out in March (the reason speaks of work)
    assert counts(dimension="benefit") == {("bijstand", "in", "", FEB): 11, ("bijstand", "out", "work", MARCH): 2}
    # team: the Dienst took up the regie of 11 households in February
    assert counts(dimension="team") == {(str(dienst.pk), "in", "", FEB): 11}
    # caseload on the first of March and of April: 11 households with Carla (on 1 February none yet)
    assert sorted(CaseloadCount.objects.values_list("month", "team", "coordinator", "households")) == [
        (MARCH, dienst.pk, coordinator.pk, 11),
        (APRIL, dienst.pk, coordinator.pk, 11),
    ]
    assert selectors_flows.caseload_coordinator(YEAR).rows == [("Carla Coördinator", "De Dienst", 11)]


def test_instrument_and_provider_flows_from_participation_assignments():
    from routekaart.organisations.models import OrganisationKind
    from routekaart.organisations.tests.factories import OrganisationFactory
    from routekaart.participation.configuration import participation_configuration_load
    from routekaart.participation.models import Assignment, Instrument

    participation_configuration_load()
    municipality, district = town()
    instrument = Instrument.objects.order_by("order").first()
    provider = OrganisationFactory(kind=OrganisationKind.PROVIDER, name="Leerwerkbedrijf")
    for _ in range(10):
        Assignment.objects.create(
            resident=ResidentFactory(address__district=district),
            municipality=municipality,
            instrument=instrument,
            provider=provider,
            status="active",
            planned_start=FEB,
            planned_end=datetime.date(2026, 12, 31),
            started_on=datetime.date(2026, 2, 16),
        )
    refresh()
    assert counts(dimension="instrument") == {(instrument.code, "in", "", FEB): 10}
    assert counts(dimension="provider") == {(str(provider.pk), "in", "", FEB): 10}
    assert selectors_flows.flows_per_key(YEAR, "provider").rows[0] == ("Leerwerkbedrijf", 10, 0)


def test_a_full_refresh_twice_gives_the_same_rows():
    _, district = town()
    trajectories(12, RouteFactory(), district, started_on=MARCH)
    refresh()
    first = sorted(FlowCount.objects.values_list("dimension", "key", "direction", "month", "count"))
    refresh()
    assert sorted(FlowCount.objects.values_list("dimension", "key", "direction", "month", "count")) == first


def test_cluster_flows_from_granted_provisions_and_not_from_refused_ones():
    from routekaart.access.models import Case, Decision, TailoredProvision
    from routekaart.catalog.tests.factories import BuildingBlockFactory, ClusterFactory
    from routekaart.organisations.tests.factories import UserFactory
    from routekaart.residents.tests.factories import HouseholdFactory

    _, district = town()
    block = BuildingBlockFactory(cluster=ClusterFactory(code="dagbesteding", name="Dagbesteding"))
    decided_by = UserFactory()
    for n in range(12):
        household = HouseholdFactory()
        decision = Decision.objects.create(
            case=Case.objects.create(household=household, opened_on=JAN),
            household=household,
            reference=f"B-{n}",
            addressee=ResidentFactory(address__district=district),
            law="W",
            decided_on=FEB,
            urgent=True,
            decided_by=decided_by,
            objection_weeks=6,
            objection_basis="Awb 6:7",
        )
        granted = n < 10  # ten granted from 1 February (four ended on 31 March, after as_of for the rest); two refused
        TailoredProvision.objects.create(
            decision=decision,
            building_block=block,
            name="Dagbesteding",
            cluster_code="dagbesteding",
            outcome="granted" if granted else "refused",
            law="W",
            legal_basis="Wmo 2015 art. 2.3.5",
            starts_on=FEB if granted else None,
            ends_on=(datetime.date(2026, 3, 31) if n < 4 else datetime.date(2026, 12, 31)) if granted else None,
            volume=2 if granted else None,
            unit="day_parts_per_week" if granted else "",
            reasoning="-",
        )
    refresh()
    # in: the 10 granted in February; out: the 4 that ended in March (an end date after as_of is no outflow yet)
    assert counts(dimension="cluster") == {("dagbesteding", "in", "", FEB): 10, ("dagbesteding", "out", "", MARCH): 4}
    assert selectors_flows.flows_per_key(YEAR, "cluster").rows[0] == ("Dagbesteding", 10, SUPPRESSED)
