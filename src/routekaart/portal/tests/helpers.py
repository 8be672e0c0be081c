"""Portal tests: a client logged in as a resident, as the OIDC callback leaves it (without the round trip)."""

from __future__ import annotations

import time

from ...organisations.tests.factories import UserFactory
from ..session import SESSION_KEY

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
