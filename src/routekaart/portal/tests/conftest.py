"""Portal test fixtures: a real local OIDC provider (DigiD's stand-in) for the login's round trip."""

import pytest

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
