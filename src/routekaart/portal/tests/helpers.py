"""Portal tests: a client logged in as a resident, as the OIDC callback leaves it (without the round trip), looking
at someone they represent; a page's query count; a family in one household."""

from __future__ import annotations

import time
from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext

from ...organisations.tests.factories import UserFactory
from ...residents.models import RelationKind
from ...residents.tests.factories import HouseholdFactory, MembershipFactory, RelationFactory, ResidentFactory
from ..session import SESSION_KEY, VIEWING_KEY

MIDDEN = "urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorContract"


def portal_login(client, resident, *, assurance: str = MIDDEN, expires_in: float = 3600):
    """Log `client` in to the portal as `resident` (linking an account to them if they have none); returns the user."""
    user = resident.user
    if user is None:
        user = UserFactory(username=f"digid-{resident.pk}")
        resident.user = user
        resident.save(update_fields=["user"])
    client.force_login(user)
    session = client.session
    session[SESSION_KEY] = {"resident_id": resident.pk, "assurance": assurance, "expires_at": time.time() + expires_in}
    session.save()
    return user


def portal_view_as(client, person) -> None:
    """Let the logged-in resident look at `person` (a child or principal), as the person switch leaves the session."""
    session = client.session
    session[VIEWING_KEY] = person.pk
    session.save()


def page_queries(client, url: str) -> int:
    """The queries of one answer 200 to `url`, after a first request warmed the per-process caches and session."""
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.status_code
    return len(queries)


def page_queries_as(client, url: str, residents) -> list[int]:
    """`page_queries` for each resident logged in in turn: a page whose queries grow with the data differs."""
    counts = []
    for resident in residents:
        portal_login(client, resident)
        counts.append(page_queries(client, url))
        client.logout()
    return counts


def family_household(name: str = "Hendriks", *, daughter: bool = False):
    """A mother (born 1985), her partner and her son of 12, with `daughter` also her daughter of 17, in one household
    since 2018; the mother is the children's parent. Each person is an attribute of the household returned."""
    household = HouseholdFactory()
    people = {
        "mother": ResidentFactory(given_names="Noor", family_name=name, birth_date=date(1985, 3, 1)),
        "partner": ResidentFactory(given_names="Bram", family_name=name, birth_date=date(1984, 1, 1)),
        "son": ResidentFactory(given_names="Sem", family_name=name, birth_date=date(2014, 9, 1)),
    }
    if daughter:
        people["daughter"] = ResidentFactory(given_names="Lot", family_name=name, birth_date=date(2009, 2, 1))
    for role, resident in people.items():
        MembershipFactory(
            household=household,
            resident=resident,
            role={"mother": "head", "partner": "partner"}.get(role, "child"),
            valid_from=date(2018, 1, 1),
        )
        setattr(household, role, resident)
    for role in ("son", "daughter"):
        if role in people:
            RelationFactory(resident=household.mother, related=people[role], kind=RelationKind.PARENT)
    return household


def portal_client(resident):
    """A Django test client logged in to the portal as `resident`, as DigiD leaves them; a server error is answered,
    not raised (for the crawls)."""
    from django.test import Client

    client = Client(raise_request_exception=False)
    portal_login(client, resident)
    return client
