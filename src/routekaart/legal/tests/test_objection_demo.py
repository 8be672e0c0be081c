"""The demo's objections: four states against the regisseur's decisions, and a second run adds nothing."""

import datetime

import pytest
from django.utils import timezone

from routekaart.legal.demo_objections import demo_objections_ensure
from routekaart.legal.models import Objection
from routekaart.organisations.roles import Role

from .factories_objections import DecisionFactory, DienstFactory, ProvisionFactory, jurist_at, staff_at

pytestmark = pytest.mark.django_db


def test_the_jurist_gets_four_objections_in_different_states_once():
    desk = DienstFactory()
    jurist = jurist_at(desk, username="jurist")
    today = timezone.localdate()
    for days_ago in (5, 15, 25, 80):
        decision = DecisionFactory(
            decided_on=today - datetime.timedelta(days=days_ago), decided_by=staff_at(desk, Role.COORDINATOR)
        )
        ProvisionFactory(decision=decision, starts_on=decision.decided_on, ends_on=today + datetime.timedelta(days=300))
    assert demo_objections_ensure() == {"objections": 4}
    states = sorted(Objection.objects.values_list("status", flat=True))
    assert states == ["acknowledged", "decided", "hearing", "received"]
    assert Objection.objects.filter(late=True).count() == 1
    assert set(Objection.objects.values_list("handler", flat=True)) == {jurist.pk}
    assert demo_objections_ensure() == {"objections": 0}
