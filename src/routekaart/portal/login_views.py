"""Portal pages of the login: the DigiD button, the OIDC round trip's two ends, logout, and the pages that say why
someone is not let in (not known yet, refused, DigiD not reachable)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib import auth
from django.core.exceptions import SuspiciousOperation
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from .login import REFUSAL_REASONS, REFUSED_FAILED, LoginRefused, ProviderUnavailable, ResidentUnknown, provider
from .render import portal_render
from .session import portal_login_of, portal_login_start, portal_logout

logger = logging.getLogger(__name__)

# The refused page's explanation per reason (login.REFUSAL_REASONS), in plain Dutch.
REFUSAL_TEXTS = {
    "niveau": _(
        "U logde in met DigiD zonder extra controle. Voor Mijn Routekaart is meer zekerheid nodig, omdat het om "
        "gegevens over uw leven en uw geld gaat. Log opnieuw in met de DigiD app, of met DigiD en een sms-code."
    ),
    "verlopen": _("Uw inlog bij DigiD was al verlopen toen u bij ons terugkwam. Log opnieuw in."),
    "bsn": _(
        "DigiD gaf ons geen geldig burgerservicenummer door. Daarom weten we niet wie u bent. Log opnieuw in. "
        "Lukt het weer niet? Neem dan contact op met de gemeente."
    ),
    "mislukt": _("Het inloggen met DigiD is niet afgemaakt. Er is niets veranderd. Probeer het opnieuw."),
}


@require_GET
def login(request: HttpRequest, **kwargs) -> HttpResponse:
    """The start: one button to DigiD. With ?verlopen=1 it says the DigiD session ended; with ?uitgelogd=1 that the
    resident logged out."""
    live = portal_login_of(request)
    if live is not None and not live.expired():
        return redirect("portal:home")
    return portal_render(
        request,
        "portal/login.html",
        {"expired": request.GET.get("verlopen") == "1", "logged_out": request.GET.get("uitgelogd") == "1"},
    )


@require_POST
def logout(request: HttpRequest, **kwargs) -> HttpResponse:
    """Ends the portal login and the Django session (a new, empty session follows)."""
    portal_logout(request)
    auth.logout(request)
    return redirect(f"{reverse('portal:login')}?uitgelogd=1")


@require_GET
def unknown(request: HttpRequest, **kwargs) -> HttpResponse:
    return portal_render(request, "portal/login_unknown.html")


@require_GET
def refused(request: HttpRequest, **kwargs) -> HttpResponse:
    reason = request.GET.get("reden")
    reason = reason if reason in REFUSAL_REASONS else REFUSED_FAILED
    return portal_render(request, "portal/login_refused.html", {"reason": reason, "text": REFUSAL_TEXTS[reason]})


def unavailable(request: HttpRequest) -> HttpResponse:
    """DigiD (the broker) does not answer: a Dutch page with a way to try again, not a 500."""
    return portal_render(request, "portal/login_unavailable.html", status=503)


class DigiDStart(OIDCAuthenticationRequestView):
    """mozilla-django-oidc's start of the round trip, with the broker's endpoint from discovery (portal.login)."""

    def __init__(self, *args, **kwargs) -> None:
        super(OIDCAuthenticationRequestView, self).__init__(*args, **kwargs)

    @property
    def OIDC_RP_CLIENT_ID(self) -> str:
        return settings.OIDC_RP_CLIENT_ID

    def get(self, request: HttpRequest) -> HttpResponse:
        try:
            self.OIDC_OP_AUTH_ENDPOINT = provider().authorization_endpoint
        except ProviderUnavailable:
            return unavailable(request)
        return super().get(request)


class DigiDCallback(OIDCAuthenticationCallbackView):
    """The end of the round trip: the portal login starts, or a page says why not.

    Outside the request's transaction (DATABASES ATOMIC_REQUESTS): the calls to the broker hold no database lock;
    the one write, linking the account, is a service with its own transaction.
    """

    def get(self, request: HttpRequest) -> HttpResponse:
        try:
            return super().get(request)
        except LoginRefused as refusal:
            return redirect(f"{reverse('portal:refused')}?reden={refusal.reason}")
        except SuspiciousOperation:  # a state this browser did not start, or a callback used twice
            logger.warning("DigiD callback with an unknown state refused")
            return self.login_failure()
        except ResidentUnknown:
            return redirect("portal:unknown")
        except ProviderUnavailable:
            return unavailable(request)

    def login_failure(self) -> HttpResponse:
        """DigiD was cancelled, or the answer did not belong to this browser's request."""
        return redirect(f"{reverse('portal:refused')}?reden={REFUSED_FAILED}")

    def login_success(self) -> HttpResponse:
        digid = getattr(self.request, "digid_login", None)
        if digid is None:  # another backend answered: not a DigiD login
            return self.login_failure()
        auth.login(self.request, self.user)
        portal_login_start(
            self.request, resident_id=digid.resident_id, assurance=digid.assurance, expires_at=digid.expires_at
        )
        return redirect("portal:home")


digid_start = DigiDStart.as_view()
digid_callback = transaction.non_atomic_requests(DigiDCallback.as_view())
