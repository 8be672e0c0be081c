"""The enforcement demo: signals, an informed investigation and one closed with a warning, for `handhaving`; a
second run adds nothing."""

import pytest
from freezegun import freeze_time

from routekaart.income.tests.factories import SocialAssistanceFactory

from ..demo_enforcement import demo_enforcement_ensure
from ..models import EnforcementSignal, Investigation
from .factories_enforcement import client_admin_at

pytestmark = [pytest.mark.django_db]


@freeze_time("2026-12-01 10:00:00")
def test_the_demo_makes_an_informed_and_a_warned_investigation_once():
    first = SocialAssistanceFactory()
    SocialAssistanceFactory(organisation=first.organisation)
    SocialAssistanceFactory(organisation=first.organisation)
    client_admin_at(first.organisation, username="handhaving")
    assert demo_enforcement_ensure()["investigations"] == 2
    informed, warned = Investigation.objects.order_by("opened_on").reverse()
    assert informed.resident_informed_on is not None and informed.status == "open"
    assert (warned.status, warned.outcome) == ("closed", "warning")
    signals = EnforcementSignal.objects.count()
    assert signals >= 2
    assert demo_enforcement_ensure()["investigations"] == 0
    assert Investigation.objects.count() == 2 and EnforcementSignal.objects.count() == signals


def test_without_the_account_the_demo_does_nothing():
    assert demo_enforcement_ensure() == {}
