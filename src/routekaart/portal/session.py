"""A portal login: who logged in with DigiD (the resident), at which assurance level, until when.

The OIDC callback (portal.login) starts it; every portal page requires it through `portal_view`. A staff login is
not a portal login: a resident's data in the portal is shown only to the person DigiD vouched for.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone

from .scope import portal_scope

SESSION_KEY = "portal_login"
VIEWING_KEY = "portal_viewing"  # the represented person being looked at (a child, a principal); absent: oneself


@dataclass(frozen=True)
class PortalLogin:
    resident_id: int
    assurance: str  # the level DigiD reported (the acr claim: a SAML authentication context class)
    expires_at: float  # epoch seconds: the end of the DigiD session (the ID token's exp)

    def expired(self, now: float | None = None) -> bool:
        return (now if now is not None else time.time()) >= self.expires_at


def portal_login_start(request: HttpRequest, *, resident_id: int, assurance: str, expires_at: float) -> None:
    """Mark this (already authenticated) session as the portal login of `resident_id`."""
    request.session.cycle_key()
    request.session[SESSION_KEY] = {"resident_id": resident_id, "assurance": assurance, "expires_at": expires_at}
    request.session.pop(VIEWING_KEY, None)


def portal_login_of(request: HttpRequest) -> PortalLogin | None:
    """The session's portal login, or None (none, or not this user's)."""
    data = request.session.get(SESSION_KEY)
    if not data or not request.user.is_authenticated:
        return None
    login = PortalLogin(**data)
    resident = getattr(request.user, "resident", None)
    if resident is None or resident.pk != login.resident_id:
        return None
    return login


def portal_logout(request: HttpRequest) -> None:
    request.session.pop(SESSION_KEY, None)
    request.session.pop(VIEWING_KEY, None)


def portal_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A portal page: requires a live portal login and sets `request.portal` (a PortalScope) for the view.

    No login: to the login page. An expired DigiD session: logged out and to the login page with the reason.
    """

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        login = portal_login_of(request)
        if login is None:
            return redirect("portal:login")
        if login.expired():
            portal_logout(request)
            return redirect(f"{_login_url()}?verlopen=1")
        request.portal = portal_scope(
            resident=request.user.resident, viewing_id=request.session.get(VIEWING_KEY), on=timezone.localdate()
        )
        return view(request, *args, **kwargs)

    return wrapper


def _login_url() -> str:
    from django.urls import reverse

    return reverse("portal:login")
