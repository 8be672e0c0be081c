"""A resident logged in with DigiD stays in Mijn Routekaart: a staff page sends them to the portal's home.

A portal login is a session that holds one (portal.session.SESSION_KEY), or that DigiD opened (Django keeps the
backend that logged the user in until logout), so an ended DigiD session still leads back to the portal's login;
whoever it is, the staff application is not theirs (a staff member who logs in with DigiD in the same browser ends
their staff session: auth.login flushes it).
It runs before the second-factor check, so a resident never meets the staff's TOTP set-up. It reads only the
session the request loads anyway: no query for anyone.
"""

from collections.abc import Callable

from django.contrib.auth import BACKEND_SESSION_KEY
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from .session import SESSION_KEY

DIGID_BACKEND = "routekaart.portal.login.DigiDBackend"

# The portal itself, what its pages load or post to (static files, the language switch), the probes, and the API
# (whose own checks answer a session without a staff role, in problem details rather than a redirect).
OPEN_PREFIXES = ("/mijn/", "/static/", "/i18n/", "/healthz", "/metrics", "/api/")


class PortalAccountMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(OPEN_PREFIXES) and _is_portal_session(request.session):
            return redirect("portal:home")
        return self.get_response(request)


def _is_portal_session(session) -> bool:
    """A live or ended portal login, or a Django session DigiD opened (its backend stays until logout)."""
    return SESSION_KEY in session or session.get(BACKEND_SESSION_KEY) == DIGID_BACKEND
