"""A resident logged in with DigiD stays in Mijn Routekaart: a staff page sends them to the portal's home.

A portal login is a session that holds one (portal.session.SESSION_KEY); whoever it is, the staff application is not
theirs (a staff member who logs in with DigiD in the same browser ends their staff session: auth.login flushes it).
It runs before the second-factor check, so a resident never meets the staff's TOTP set-up. It reads only the
session the request loads anyway: no query for anyone.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from .session import SESSION_KEY

# The portal itself, what its pages load or post to (static files, the language switch), the probes, and the API
# (whose own checks answer a session without a staff role, in problem details rather than a redirect).
OPEN_PREFIXES = ("/mijn/", "/static/", "/i18n/", "/healthz", "/metrics", "/api/")


class PortalAccountMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(OPEN_PREFIXES) and SESSION_KEY in request.session:
            return redirect("portal:home")
        return self.get_response(request)
