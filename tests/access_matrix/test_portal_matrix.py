"""Every route of Mijn Routekaart (the residents' portal, /mijn/), asked the portal's way.

The portal has its own access model, not the staff roles': a live DigiD login (portal.session.portal_view), and the
scope of whom the resident represents (portal.scope). So the staff matrix exempts `mijn/` and this module asks every
route whose name starts with `portal:` (enumerated from the URLconf: a new portal route is asked automatically):

a) without a portal login (a staff login, and the matrix resident's own staff login): every GET and POST of a page
   that needs a login answers a redirect to the portal's login page (the open pages are listed with their reason);
b) logged in to the portal as H_in's head, with H_out's objects in every id keyword: 404 (never 403: the page does not
   tell that the object exists), and nothing in the database changed;
c) with H_in's own objects: every page with a GET answers 200.

Which object fills each URL keyword is rules.PORTAL_OBJECTS (shared with the page crawl); a portal route with a URL
keyword missing there fails here, so nobody can add one unasked.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from routekaart.organisations.roles import Role
from routekaart.testing import database_fingerprint

from .rules import PORTAL_OBJECTS, portal_url_kwargs
from .test_access_matrix import UNSAFE, Route, project_routes
from .world import MARK_OUT

# Portal routes a visitor without a portal login may open, each with the reason.
OPEN: dict[str, str] = {
    "portal:login": "the login page itself: where every other portal page sends a visitor without a login",
    "portal:logout": "ends the portal login (and answers the same without one)",
    "portal:unknown": "DigiD vouched for someone the municipality does not know: said before any login exists",
    "portal:refused": "DigiD's login did not finish (cancelled, too low a level, a stale callback): no login exists",
    "portal:oidc_authentication_init": "starts the DigiD round trip: before any login",
    "portal:oidc_authentication_callback": "DigiD's answer, which starts the portal login (its own token checks)",
}


# World keys that name configuration (a regulation's code), the same whichever household: not a person's object.
CONFIGURATION_KEYS = frozenset({"regulation_code", "applied_regulation_code"})


def portal_routes() -> list[Route]:
    return [r for r in project_routes() if r.name.startswith("portal:")]


def _methods(route: Route) -> list[str]:
    """GET where the route has it, and its one write method (probed with an empty body)."""
    methods = ["get"] if "get" in route.methods else []
    return methods + [m for m in UNSAFE if m in route.methods][:1]


def _personal(route: Route) -> bool:
    """Whether an URL keyword of the route names a person's object (not configuration, such as a regulation)."""
    objects = PORTAL_OBJECTS.get(route.name, {})
    return any(objects.get(keyword) not in CONFIGURATION_KEYS for keyword in route.kwargs)


def _url(world, route: Route, cell: str) -> str:
    try:
        return reverse(route.name, kwargs=portal_url_kwargs(world, route.name, route.kwargs, cell))
    except LookupError as error:
        pytest.fail(str(error))


def _send(client: Client, method: str, url: str):
    return client.get(url) if method == "get" else getattr(client, method)(url)


@pytest.fixture(scope="module")
def portal_client(world, django_db_blocker) -> Client:
    """H_in's head logged in to the portal, as the DigiD callback leaves the session."""
    from routekaart.portal.tests.helpers import portal_login

    client = Client(raise_request_exception=False)
    with django_db_blocker.unblock():
        portal_login(client, world.h_in.head)
    return client


def test_every_portal_route_is_known():
    """Every open route and every PORTAL_OBJECTS entry names a portal route that exists, and every id keyword of a
    portal route has its object."""
    names = {r.name for r in portal_routes()}
    assert names, "no portal routes found"
    assert not set(OPEN) - names, f"open portal routes that no longer exist: {sorted(set(OPEN) - names)}"
    assert not set(PORTAL_OBJECTS) - names, f"stale PORTAL_OBJECTS: {sorted(set(PORTAL_OBJECTS) - names)}"
    unasked = [
        f"{r.name} ({keyword})"
        for r in portal_routes()
        for keyword in r.kwargs
        if keyword not in PORTAL_OBJECTS.get(r.name, {})
    ]
    assert not unasked, f"portal URL keywords without an entry in rules.PORTAL_OBJECTS: {unasked}"


def _without_login_cases():
    for route in portal_routes():
        if route.name in OPEN:
            continue
        for method in _methods(route):
            for who in ("staff", "resident-staff-login"):
                yield pytest.param(route, method, who, id=f"{route.name}|{method.upper()}|{who}")


@pytest.mark.parametrize(("route", "method", "who"), list(_without_login_cases()))
def test_without_a_portal_login_every_page_sends_to_the_login(world, clients, in_savepoint, route, method, who):
    client = clients[Role.COORDINATOR if who == "staff" else Role.RESIDENT]
    url = _url(world, route, "in")
    before = database_fingerprint()
    response = _send(client, method, url)
    where = f"{method.upper()} {url} as {who}"
    assert response.status_code == 302, f"{where}: expected a redirect to the portal login, got {response.status_code}"
    assert response["Location"] == reverse("portal:login"), f"{where}: sent to {response['Location']}"
    assert database_fingerprint() == before, f"{where}: without a login, yet it changed something"


def _other_household_cases():
    for route in portal_routes():
        if route.name in OPEN or not _personal(route):
            continue
        for method in _methods(route):
            yield pytest.param(route, method, id=f"{route.name}|{method.upper()}")


@pytest.mark.parametrize(("route", "method"), list(_other_household_cases()))
def test_another_households_object_is_not_found(world, portal_client, in_savepoint, route, method):
    url = _url(world, route, "out")
    before = database_fingerprint()
    response = _send(portal_client, method, url)
    where = f"{method.upper()} {url} as H_in's head"
    assert response.status_code == 404, f"{where}: expected 404 (not found), got {response.status_code}"
    assert MARK_OUT not in response.content.decode(errors="replace"), f"{where}: shows the other household"
    assert database_fingerprint() == before, f"{where}: refused, yet it changed something"


def _own_cases():
    for route in portal_routes():
        if route.name not in OPEN and "get" in route.methods:
            yield pytest.param(route, id=route.name)


@pytest.mark.parametrize("route", list(_own_cases()))
def test_every_page_opens_with_the_residents_own_objects(world, portal_client, in_savepoint, route):
    url = _url(world, route, "in")
    if route.name == "portal:objection_received":
        # the confirmation follows a sent objection: the session holds the objection registered for the decision
        from routekaart.portal.decision_views import RECEIVED_KEY

        session = portal_client.session
        session[RECEIVED_KEY] = {str(world.h_in.ids["portal_decision_id"]): world.h_in.ids["objection_id"]}
        session.save()
    response = portal_client.get(url)
    assert response.status_code == 200, f"GET {url} as H_in's head: {response.status_code} {response.get('Location')}"
    if "html" in response.get("Content-Type", "") or "json" in response.get("Content-Type", ""):
        assert MARK_OUT not in response.content.decode(errors="replace"), f"GET {url}: shows the other household"
