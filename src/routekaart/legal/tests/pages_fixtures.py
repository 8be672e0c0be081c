"""Fixtures of the objection pages' tests: a legal desk with a jurist, a coordinator of the household, a decision
with a provision, and an objection registered through the service (so the jurist sees the household through the
legal-matter involvement it starts). Import the fixtures into a test module by name."""

import datetime

import pytest
from django.utils import timezone

from ...organisations.roles import Role
from ...residents.models import InvolvementKind
from ...residents.tests.factories import InvolvementFactory
from .. import services
from .factories_objections import DecisionFactory, DienstFactory, ProvisionFactory, jurist_at, staff_at

__all__ = ["as_user", "coordinator", "decision", "desk", "jurist", "objection"]


def days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


@pytest.fixture
def desk(db):
    return DienstFactory()


@pytest.fixture
def jurist(desk):
    user = jurist_at(desk, first_name="Lotte", last_name="Jurist", is_demo=True)
    return user


@pytest.fixture
def decision(db):
    decision = DecisionFactory(decided_on=days(-10))
    ProvisionFactory(decision=decision)
    return decision


@pytest.fixture
def coordinator(decision):
    """The household's coordinator (regisseur), involved today."""
    user = staff_at(DienstFactory(), Role.COORDINATOR, first_name="Rana", is_demo=True)
    InvolvementFactory(
        household=decision.household,
        user=user,
        organisation=user.affiliations.first().organisation,
        kind=InvolvementKind.COORDINATOR,
        valid_from=datetime.date(2020, 1, 1),
    )
    return user


def register(jurist, decision, **kwargs):
    values = {
        "actor": jurist,
        "decision_kind": "access",
        "decision_id": decision.pk,
        "objector_id": decision.addressee_id,
        "channel": "letter",
        "received_on": timezone.localdate(),
        "grounds": "Twee dagdelen is te weinig.",
    } | kwargs
    return services.objection_register(**values)


@pytest.fixture
def objection(jurist, decision):
    return register(jurist, decision, handler=jurist)


@pytest.fixture
def as_user(client, demo_login):
    def login(user):
        client.force_login(user)
        return client

    return login
