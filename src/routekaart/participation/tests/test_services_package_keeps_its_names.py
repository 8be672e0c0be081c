"""The services are a package per aggregate; callers keep `participation.services.<name>`, and the look-ups the
services check against (register status, exemptions) are selectors that read without writing."""

from datetime import date, timedelta

import pytest

from routekaart.participation import selectors, services
from routekaart.participation.models import Exemption, RegisterGround, RegisterStatus, TargetGroupRegistration

pytestmark = pytest.mark.django_db
ON = date(2026, 3, 2)


def test_every_name_callers_use_is_still_on_the_package():
    for name in services.__all__:
        assert callable(getattr(services, name)) or name.isupper(), name
    assert services.register_status_on is selectors.register_status_on
    assert services.exemption_ground_name is selectors.exemption_ground_name
    assert services.ACTIVITY == selectors.ACTIVITY == "participation"


@pytest.mark.parametrize(("reported", "status"), [(ON, RegisterStatus.REGISTERED), (ON + timedelta(days=1), None)])
def test_the_register_status_is_what_uwv_reported_on_or_before_the_day(world, reported, status):
    TargetGroupRegistration.objects.create(
        resident=world.resident, status=RegisterStatus.REGISTERED, ground=RegisterGround.WSW, as_of=reported
    )
    assert selectors.register_status_on(world.resident, ON) == status


@pytest.mark.parametrize(
    ("valid_from", "valid_to", "holds"),
    [(ON, None, True), (ON + timedelta(days=1), None, False), (ON - timedelta(days=9), ON, False)],
    ids=["from-the-day", "from-the-next-day", "ended-on-the-day"],
)
def test_an_exemption_holds_from_its_first_day_until_its_end(world, valid_from, valid_to, holds):
    instrument = world.instrument("community_service")
    Exemption.objects.create(
        resident=world.resident, instrument=instrument, ground="informal_care", valid_from=valid_from, valid_to=valid_to
    )
    assert (selectors.exemption_on(world.resident, instrument, ON) is not None) is holds


def test_an_exemption_ground_has_the_name_the_rules_give_it_and_an_unknown_one_its_code(configuration):
    assert selectors.exemption_ground_name("informal_care") == "Verleent mantelzorg"
    assert selectors.exemption_ground_name("no_such_ground") == "no_such_ground"
