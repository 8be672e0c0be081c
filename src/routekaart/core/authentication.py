"""The API's session sign-in (REST_FRAMEWORK's DEFAULT_AUTHENTICATION_CLASSES).

Its own module: DRF imports its authentication classes while importing its views, so this cannot live in core.api.
Dependency-free: Django and DRF only.
"""

from django.utils.translation import gettext as _
from rest_framework import authentication, exceptions


def csrf_refused_message() -> str:
    """The API's refusal of a write without a valid CSRF token (DRF's check and CSRF_FAILURE_VIEW alike)."""
    return _(
        "Het CSRF-token ontbreekt of klopt niet: stuur het mee in de kopregel X-CSRFToken, of gebruik een API-sleutel."
    )


class SessionAuthentication(authentication.SessionAuthentication):
    """DRF's session sign-in, refusing a write without a valid CSRF token in Dutch (DRF passes Django's English
    reason on: "CSRF Failed: CSRF cookie not set.")."""

    def enforce_csrf(self, request) -> None:
        try:
            super().enforce_csrf(request)
        except exceptions.PermissionDenied as refused:
            raise exceptions.PermissionDenied(csrf_refused_message(), code="csrf_failed") from refused
