"""Portal page "Onderzoek naar uw uitkering": the investigations of the person shown that they have been informed
of (Awb 4:8): what is being checked, the dates, whether they have been heard, and the outcome with its explanation.
An investigation they have not been told of yet is not shown at all. The read is logged under enforcement."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_GET

from ..legal.selectors_enforcement import PURPOSE, investigations_of_resident
from .decision_views import decision_scope
from .reads import portal_read
from .render import portal_render
from .session import portal_view


@require_GET
@portal_view
def investigations(request: HttpRequest, **kwargs) -> HttpResponse:
    """The person's informed investigations, newest first: one query however many. Only under the
    Participatiewet's domain the person's view may see (a principal's authorisation may leave it out)."""
    scope = request.portal
    allowed = decision_scope(scope)
    rows = investigations_of_resident(resident_ids=[scope.person.pk]) if "P" in allowed.laws else []
    portal_read(request, activity=PURPOSE, residents=[scope.person])
    try:
        claims_url = reverse("portal:claims")  # "Mijn terugbetalingen", where installed
    except NoReverseMatch:
        claims_url = ""
    return portal_render(request, "portal/investigations.html", {"investigations": rows, "claims_url": claims_url})
