"""Portal pages: consents ("Toestemmingen"), authorisations ("Machtigingen") and the person switch.

Consents are about the person the page shows (oneself, a child under 16, a principal: then read-only, and only
the authorised domains). Authorisations are about the logged-in resident themself: whom I authorised, who
authorised me. An id from the URL outside that scope is a 404, never a 403.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from ..residents import selectors as residents_selectors
from ..residents import services as residents_services
from ..residents.authorisation_services import authorisation_withdraw as authorisation_withdraw_service
from ..residents.represented import Ground, Represented
from .reads import portal_read
from .render import portal_render
from .session import VIEWING_KEY, portal_view

ACTIVITY = "consent"

# The law domains in plain words (B1): what kind of data a consent or authorisation is about.
DOMAIN_WORDS = {
    "J": gettext_lazy("Hulp voor kinderen en gezinnen (Jeugdwet)"),
    "W": gettext_lazy("Hulp en ondersteuning thuis (Wmo)"),
    "P": gettext_lazy("Werk en bijstand (Participatiewet)"),
    "G": gettext_lazy("Algemene gegevens, zoals naam, adres en wie bij u woont"),
}


class Status:
    ACTIVE = "active"
    FUTURE = "future"
    ENDED = "ended"
    WITHDRAWN = "withdrawn"


STATUS_WORDS = {
    Status.ACTIVE: gettext_lazy("Geldt nu"),
    Status.FUTURE: gettext_lazy("Gaat later in"),
    Status.ENDED: gettext_lazy("Afgelopen"),
    Status.WITHDRAWN: gettext_lazy("Ingetrokken"),
}


def status_of(row, on: date) -> str:
    """Where a consent or authorisation stands on `on`."""
    if row.withdrawn_at is not None:
        return Status.WITHDRAWN
    if row.valid_to is not None and row.valid_to <= on:
        return Status.ENDED
    if row.valid_from > on:
        return Status.FUTURE
    return Status.ACTIVE


@dataclass(frozen=True)
class Row:
    """One consent or authorisation as the page shows it."""

    item: object
    status: str
    domains: list[str]

    @property
    def status_words(self) -> str:
        return str(STATUS_WORDS[self.status])

    @property
    def withdrawable(self) -> bool:
        return self.status in (Status.ACTIVE, Status.FUTURE)


def _viewed(request: HttpRequest) -> Represented:
    """The represented person the page shows (the scope always holds them)."""
    scope = request.portal
    return next(r for r in scope.represented if r.id == scope.person.pk)


@portal_view
@require_GET
def consents(request: HttpRequest, **kwargs) -> HttpResponse:
    """What the person consented to (or their parent for them): for whom, which data, what for, from/until, status."""
    viewed = _viewed(request)
    on = request.portal.on
    rows = [
        Row(consent, status_of(consent, on), [str(DOMAIN_WORDS[consent.domain])])
        for consent in residents_selectors.consents_of(resident_id=viewed.id)
        if viewed.sees(consent.domain)
    ]
    portal_read(request, activity=ACTIVITY)
    return portal_render(
        request,
        "portal/consents.html",
        {"rows": rows, "may_withdraw": viewed.ground in (Ground.SELF, Ground.PARENT)},
    )


@portal_view
@require_POST
def consent_withdraw(request: HttpRequest, pk: int, **kwargs) -> HttpResponse:
    """Withdraw a consent at once. Only oneself, or a parent for a child under 16; anything else is a 404."""
    viewed = _viewed(request)
    consent = residents_selectors.consent_of_get(resident_id=viewed.id, consent_id=pk)
    if consent is None or viewed.ground == Ground.AUTHORISED or not viewed.sees(consent.domain):
        raise Http404
    try:
        residents_services.consent_withdraw(actor=request.user, consent=consent)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("U hebt de toestemming ingetrokken. Vanaf nu geldt zij niet meer."))
    return redirect("portal:consents")


def _authorisation_rows(authorisations, on: date) -> list[Row]:
    return [Row(a, status_of(a, on), [str(DOMAIN_WORDS[d]) for d in "JWPG" if d in a.domains]) for a in authorisations]


@portal_view
@require_GET
def authorisations(request: HttpRequest, **kwargs) -> HttpResponse:
    """Whom I authorised (and can withdraw), and who authorised me (and whose data I can look at)."""
    scope = request.portal
    given = residents_selectors.authorisations_given(resident_id=scope.me.pk)
    received = residents_selectors.authorisations_received(resident_id=scope.me.pk)
    portal_read(
        request,
        activity=ACTIVITY,
        residents=[scope.me, *dict.fromkeys([a.agent for a in given] + [a.principal for a in received])],
    )
    represented = {r.id for r in scope.represented if r.ground == Ground.AUTHORISED}
    return portal_render(
        request,
        "portal/authorisations.html",
        {
            "given": _authorisation_rows(given, scope.on),
            "received": _authorisation_rows(received, scope.on),
            "represented_ids": represented,
        },
    )


@portal_view
@require_POST
def authorisation_withdraw(request: HttpRequest, pk: int, **kwargs) -> HttpResponse:
    """The principal withdraws an authorisation they gave, at once; another person's id is a 404."""
    authorisation = residents_selectors.authorisation_given_get(resident_id=request.portal.me.pk, authorisation_id=pk)
    if authorisation is None:
        raise Http404
    try:
        authorisation_withdraw_service(actor=request.user, authorisation=authorisation)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("U hebt de machtiging ingetrokken. Vanaf nu kan deze persoon uw gegevens niet meer zien.")
        )
    return redirect("portal:authorisations")


@portal_view
@require_POST
def person_switch(request: HttpRequest, **kwargs) -> HttpResponse:
    """Look at the data of one of the persons I represent. Any other value is ignored: the page shows me again,
    and says nothing about whether such a person exists."""
    scope = request.portal
    chosen = request.POST.get("person", "")
    person_id = int(chosen) if chosen.isdigit() else None
    if person_id is not None and person_id != scope.me.pk and scope.allows(person_id):
        request.session[VIEWING_KEY] = person_id
    else:
        request.session.pop(VIEWING_KEY, None)
    back = request.POST.get("next") or request.META.get("HTTP_REFERER", "")
    if back and url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(back)
    return redirect("portal:home")
