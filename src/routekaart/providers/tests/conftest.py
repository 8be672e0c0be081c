"""Fixtures the providers' tests share."""

import pytest
from freezegun import freeze_time

from routekaart.organisations.roles import Role


@pytest.fixture
def frozen():
    """1 December 2026, 10:00: the complaint terms and the review periods are counted from a fixed day."""
    with freeze_time("2026-12-01 10:00:00"):
        yield


@pytest.fixture
def manager_client(staff_client):
    """A client logged in as Beheer markt."""
    client, _user = staff_client(Role.MARKET_MANAGER)
    return client
