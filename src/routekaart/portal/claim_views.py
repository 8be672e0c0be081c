"""Mijn terugbetalingen: each claim of the person shown (they are the debtor): why, the period, the balance and what
is paid off each month, with the recovery decision and the payment plan confirmation as PDF.

Shown only under the Participatiewet's domain the person's view may see (a principal's authorisation may leave it
out); the read is logged under benefit recovery with channel portal. The letters are the very letters the staff
download makes (income.letters_recovery).
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from ..income import letters_recovery
from ..income import selectors_recovery as recovery
from ..income.services.recovery import PURPOSE
from .decision_views import decision_scope
from .reads import portal_read
from .render import portal_render
from .session import portal_view


def _sees_claims(request: HttpRequest) -> bool:
    return "P" in decision_scope(request.portal).laws


@require_GET
@portal_view
def claims(request: HttpRequest, **kwargs) -> HttpResponse:
    """The person's claims, newest first, with their movements: a fixed three queries however many."""
    scope = request.portal
    files = recovery.claims_of_resident(resident_id=scope.person.pk) if _sees_claims(request) else []
    portal_read(request, activity=PURPOSE, residents=[scope.person])
    return portal_render(request, "portal/claims.html", {"files": files})


@require_GET
@portal_view
def claim_letter(request: HttpRequest, pk: int, letter: str, **kwargs) -> HttpResponse:
    """A letter of one of the person's own claims as PDF; another's claim, or an unknown one, is a 404."""
    if letter not in letters_recovery.LETTERS or not _sees_claims(request):
        raise Http404
    claim = recovery.claim_of_resident(resident_id=request.portal.person.pk, claim_id=pk)
    if claim is None:
        raise Http404
    file = recovery.claim_file(claim=claim)
    try:
        response = letters_recovery.letter_response(file=file, letter=letter)
    except letters_recovery.RecoveryLetterUnavailable:
        return portal_render(request, "portal/claim_letter_unavailable.html", {"claim": claim}, status=503)
    portal_read(request, activity=PURPOSE, residents=[request.portal.person])
    return response
