"""Small fixed data sets for the flows figures: a route map of two walking routes and an exit route, residents in
one wijk, and trajectories started and ended on given days (written straight to the tables, as a backdated import
would; `with_event` adds the event a service writes)."""

from __future__ import annotations

import datetime

import factory

from routekaart.audit import services as audit
from routekaart.organisations.models import OrganisationKind
from routekaart.organisations.tests.factories import OrganisationFactory
from routekaart.residents.tests.factories import DistrictFactory, HouseholdFactory, ResidentFactory
from routekaart.routes.models import Party, Route, RouteMap, Trajectory
from routekaart.routes.workflow import TrajectoryStatus


class RouteMapFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RouteMap

    code = factory.Sequence(lambda n: f"kaart-{n}")
    version = 1
    effective_from = datetime.date(2020, 1, 1)
    checksum = "0" * 64
    is_current = True
    name = "Testkaart"
    region = "test"
    source = "000"


class PartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Party

    route_map = factory.SubFactory(RouteMapFactory)
    code = factory.Sequence(lambda n: f"partij-{n}")
    order = factory.Sequence(lambda n: n)
    name = "Dienst"


class RouteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Route

    route_map = factory.SubFactory(RouteMapFactory)
    code = factory.Sequence(lambda n: f"route-{n}")
    order = factory.Sequence(lambda n: n)
    kind = "walking"
    walking_kind = "basic"
    name = factory.Sequence(lambda n: f"Route {n}")
    regie = factory.LazyAttribute(lambda route: PartyFactory(route_map=route.route_map))


class TrajectoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Trajectory

    resident = factory.SubFactory(ResidentFactory)
    household_id = factory.LazyFunction(lambda: HouseholdFactory().pk)
    route = factory.SubFactory(RouteFactory)
    regie_party = factory.LazyAttribute(lambda trajectory: trajectory.route.regie)
    started_on = datetime.date(2026, 3, 10)


def town():
    """A municipality with one wijk: (municipality, district)."""
    municipality = OrganisationFactory(kind=OrganisationKind.MUNICIPALITY, name="Weidebeek")
    return municipality, DistrictFactory(municipality=municipality, name="Centrum")


def trajectories(
    count: int,
    route: Route,
    district,
    *,
    started_on: datetime.date,
    ended_on: datetime.date | None = None,
    status: str = TrajectoryStatus.ACTIVE,
    exit_profile: str = "",
) -> list[Trajectory]:
    """`count` residents of `district`, each on `route` from `started_on` (and ended on `ended_on`)."""
    if ended_on and status == TrajectoryStatus.ACTIVE:
        status = TrajectoryStatus.COMPLETED
    return [
        TrajectoryFactory(
            resident=ResidentFactory(address__district=district),
            route=route,
            started_on=started_on,
            ended_on=ended_on,
            status=status,
            exit_profile=exit_profile,
        )
        for _ in range(count)
    ]


def with_event(trajectory: Trajectory) -> Trajectory:
    """Record the event routes' services write when a trajectory starts (the refresh's change signal)."""
    audit.action_record(actor=None, action="trajectory.started", subject=trajectory)
    return trajectory
