"""A real local OpenID Connect provider for the portal's DigiD login (oidc-provider-mock), for tests and journeys.

    with oidc_provider() as base_url:
        settings_overrides = settings_for(base_url)       # e.g. with override_settings(**settings_overrides)
        sub = oidc_user(base_url, bsn=resident.bsn)       # DigiD Midden by default
        response = oidc_login(client, base_url, sub)      # the whole round trip with Django's test client

A browser (Playwright with pytest-django's live_server) does the round trip itself: it clicks "Inloggen met DigiD",
types `sub` in the provider's form and presses "Authorize".
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from urllib.parse import urlsplit

import httpx
from django.urls import reverse

from ..login import DIGID_BASIS, DIGID_MIDDEN

__all__ = ["DIGID_BASIS", "DIGID_MIDDEN", "MIDDEN", "oidc_login", "oidc_provider", "oidc_user", "settings_for"]

MIDDEN = DIGID_MIDDEN
CLIENT_ID = "routekaart-test"
CLIENT_SECRET = "routekaart-test-secret"  # the provider accepts any client; a secret is sent all the same
_OMIT = object()


@contextmanager
def oidc_provider(*, token_max_age: timedelta = timedelta(hours=1)) -> Iterator[str]:
    """A provider running in a thread of this process for the duration of the block; yields its base URL.

    `token_max_age` is the life of the ID token it issues: a negative one issues tokens that have already ended.
    """
    from oidc_provider_mock import run_server_in_thread  # here: importing it costs, and most tests never start it

    os.environ.setdefault("AUTHLIB_INSECURE_TRANSPORT", "1")  # plain http on localhost
    with run_server_in_thread(access_token_max_age=token_max_age) as server:
        yield f"http://localhost:{server.server_port}"


def settings_for(base_url: str) -> dict:
    """The Django settings that point the portal's DigiD login at the provider (discovery from its issuer)."""
    return {
        "PORTAL_OIDC_ISSUER": base_url,
        "OIDC_OP_AUTHORIZATION_ENDPOINT": "",
        "OIDC_OP_TOKEN_ENDPOINT": "",
        "OIDC_OP_JWKS_ENDPOINT": "",
        "OIDC_RP_CLIENT_ID": CLIENT_ID,
        "OIDC_RP_CLIENT_SECRET": CLIENT_SECRET,
        "PORTAL_OIDC_BSN_CLAIM": "bsn",
        "PORTAL_OIDC_ASSURANCE_CLAIM": "acr",
        "PORTAL_MIN_ASSURANCE": DIGID_MIDDEN,
    }


def oidc_user(base_url: str, *, bsn: object = _OMIT, assurance: object = MIDDEN, sub: str | None = None) -> str:
    """Register a DigiD user at the provider with these claims; returns the `sub` to choose in its form.

    Pass `assurance=None` or leave out `bsn` to issue a token without that claim.
    """
    sub = sub or f"inwoner-{uuid.uuid4().hex[:12]}"  # never the BSN: the sub shows in the provider's form
    claims = {}
    if bsn is not _OMIT and bsn is not None:
        claims["bsn"] = bsn
    if assurance is not None:
        claims["acr"] = assurance
    response = httpx.put(f"{base_url}/users/{sub}", json=claims, timeout=5)
    response.raise_for_status()
    return sub


def oidc_login(client, base_url: str, sub: str, *, follow: bool = False):
    """The whole DigiD round trip with Django's test client: the portal's start, the provider's form (sub chosen,
    Authorize pressed), and the portal's callback. Returns the callback's response (followed, with `follow`)."""
    start = client.get(reverse("portal:oidc_authentication_init"))
    assert start.status_code == 302, start.status_code
    authorize = start["Location"]
    assert authorize.startswith(base_url), authorize
    answer = httpx.post(authorize, data={"sub": sub}, follow_redirects=False, timeout=5)
    assert answer.status_code == 302, answer.text[:500]
    back = urlsplit(answer.headers["location"])
    return client.get(f"{back.path}?{back.query}", follow=follow)
