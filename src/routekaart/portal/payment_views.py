"""Mijn betalingen: what the benefit paid the person shown each month, with the holiday allowance held back and
what was settled against a claim, on which account (masked). Only under the Participatiewet's domain the person's
view may see; the read is logged under payment administration with channel portal."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from ..income import selectors_payments as payments
from .decision_views import decision_scope
from .reads import portal_read
from .render import portal_render
from .session import portal_view


@require_GET
@portal_view
def payments_list(request: HttpRequest, **kwargs) -> HttpResponse:
    """The last two years of payments: one query however many."""
    scope = request.portal
    rows = payments.payments_of_resident(resident_id=scope.person.pk) if "P" in decision_scope(scope).laws else []
    portal_read(request, activity=payments.PURPOSE, residents=[scope.person])
    return portal_render(request, "portal/payments.html", {"rows": rows})
