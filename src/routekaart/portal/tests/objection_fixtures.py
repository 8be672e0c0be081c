"""The afdeling bezwaar for the portal's objection tests: without a legal desk there is no one to register an
objection with. Import with `from .objection_fixtures import *`."""

import pytest

from ...organisations.roles import Role
from ...organisations.tests.factories import AffiliationFactory, UserFactory

__all__ = ["legal_desk"]


@pytest.fixture
def legal_desk(coordinator):
    """The afdeling bezwaar of the coordinator's Dienst: a jurist there handles the objections."""
    organisation = coordinator.affiliations.first().organisation
    jurist = UserFactory(first_name="Jan", last_name="Jurist")
    AffiliationFactory(user=jurist, role=Role.LEGAL, organisation=organisation)
    return jurist
