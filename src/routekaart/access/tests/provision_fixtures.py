"""Fixtures the provision-to-provider tests share: messages written to a per-test exchange folder, and a staff
client logged in as a given user. Import them into a test module to use them."""

import pytest


@pytest.fixture(autouse=True)
def exchange(settings, tmp_path):
    """The exchange's files go to the test's own folder, never to the project's."""
    settings.PROVIDERS_EXCHANGE_DIR = str(tmp_path / "exchange")


@pytest.fixture
def client_as(client, demo_login):
    """A test client logged in as `user` (a demo user, so the demo login passes)."""

    def login(user):
        user.is_demo = True
        user.save()
        client.force_login(user)
        return client

    return login
