"""The demo generator puts the demo schools' leavers on the exit routes, through the services, once."""

import io

import pytest
from dateutil.relativedelta import relativedelta
from django.utils import timezone

from routekaart.audit.models import Event
from routekaart.organisations.demo import demo_network_ensure
from routekaart.organisations.models import Organisation
from routekaart.residents.models import InvolvementKind
from routekaart.residents.tests.factories import (
    AddressFactory,
    DistrictFactory,
    InvolvementFactory,
    MembershipFactory,
    ResidentFactory,
)
from routekaart.routes.demo import demo_trajectories_ensure
from routekaart.routes.models import Trajectory

pytestmark = [pytest.mark.django_db]


def test_demo_leavers_walk_the_exit_routes_and_a_second_run_adds_nothing(route_maps):
    demo_network_ensure()
    school = Organisation.objects.get(code="praktijkschool-de-brug")
    district = DistrictFactory(municipality=Organisation.objects.get(code="gemeente-weidebeek"))
    for months in range(4):
        birth = timezone.localdate() - relativedelta(years=17, months=months)
        pupil = ResidentFactory(birth_date=birth, address=AddressFactory(district=district))
        membership = MembershipFactory(resident=pupil, valid_from=birth)
        InvolvementFactory(household=membership.household, organisation=school, kind=InvolvementKind.SCHOOL_PUPIL)
    demo_trajectories_ensure(stdout=io.StringIO())
    routes = sorted(Trajectory.objects.values_list("route__code", flat=True))
    assert routes == ["day_activities", "mbo", "sheltered_work", "work"]
    assert Event.objects.filter(action="trajectory.started").count() == 4
    events = Event.objects.count()
    demo_trajectories_ensure(stdout=io.StringIO())
    assert Trajectory.objects.count() == 4 and Event.objects.count() == events
