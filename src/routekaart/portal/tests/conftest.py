"""Portal test fixtures: a real local OIDC provider (DigiD's stand-in) for the login's round trip; the toegang's
rules and a coordinator for the pages that show a case, plan or decision."""

import pytest

from ...organisations.roles import Role
from ...organisations.tests.factories import UserFactory
from .oidc import oidc_provider, settings_for


@pytest.fixture(scope="session")
def oidc_provider_url():
    """One provider for the whole test run (started on first use, in a thread of this process)."""
    with oidc_provider() as base_url:
        yield base_url


@pytest.fixture
def oidc_server(oidc_provider_url, settings):
    """The provider's base URL, with the portal's settings pointing at it for this test."""
    for name, value in settings_for(oidc_provider_url).items():
        setattr(settings, name, value)
    return oidc_provider_url


@pytest.fixture
def rules(db):
    """The toegang's rules and the catalog, as `make demo` loads them."""
    from ...access.configuration import access_configuration_load
    from ...catalog import services as catalog_services

    access_configuration_load()
    catalog_services.catalog_load()


@pytest.fixture
def coordinator(db):
    """Rana, the household's coordinator (regisseur), with a work address the overview shows."""
    return UserFactory(first_name="Rana", last_name="Regisseur", role=Role.COORDINATOR, email="rana@weidebeek.nl")
