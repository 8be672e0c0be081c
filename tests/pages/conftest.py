"""The dataset every page test reads, and the crawl over it: built once for the package, rolled back afterwards.

The dataset is the access matrix's world (tests/access_matrix/world.py: two households with every object a page
shows — case, intake, assessment, plan, decision, benefit, participation assignment, route trajectory, work profile,
employer, vacancy, placement, consent, reminder — built through the apps' factories and services), signed in as
every role of `organisations.roles.Role` in the involved organisation, plus a superuser; the resident (H_in's head)
logged in to Mijn Routekaart with DigiD, as residents are. Package scope: the page
test and the form test share one dataset and one crawl (pytest tears it down before any other package's test).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import pytest
from django.test import Client

from routekaart.organisations.roles import Role
from routekaart.portal.tests.helpers import portal_client
from tests.access_matrix.conftest import signed_in_client, world_rolled_back

from .crawl import Crawl, crawl_site

SUPERUSER = "superuser"


@dataclass
class Site:
    world: object
    clients: dict[str, Client]
    crawl: Crawl
    seconds: float


@pytest.fixture(scope="package")
def site(django_db_setup, django_db_blocker) -> Site:
    """Every role's signed-in client and a superuser's, and what they reach by links and by URL patterns."""
    started = time.monotonic()
    with world_rolled_back(django_db_blocker) as world:
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from routekaart.organisations.tests.factories import UserFactory

        with django_db_blocker.unblock():
            superuser = UserFactory(username="pages-beheer", is_superuser=True, is_staff=True)
            device = TOTPDevice.objects.create(user=superuser, name="pages", confirmed=True)
            clients = {role: signed_in_client(user, world.devices[role]) for role, user in world.users.items()}
            # The resident as DigiD leaves them: the crawl from "/" walks the portal's pages by their links.
            clients[Role.RESIDENT] = portal_client(world.h_in.head)
            clients[SUPERUSER] = signed_in_client(superuser, device)
            built = time.monotonic()
            crawl = crawl_site(clients, world, SUPERUSER)
            print(f"dataset {built - started:.1f} s, crawl {time.monotonic() - built:.1f} s")
        yield Site(world=world, clients=clients, crawl=crawl, seconds=time.monotonic() - started)
