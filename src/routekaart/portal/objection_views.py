"""Portal pages: "Mijn bezwaren". Each objection of the person shown (and of a child under 16 they act for, the
same rule as the decisions page: portal.decision_views.decision_scope), where it stands in plain words (steps done
and next), the day we decide at the latest with the days left, the hearing, and its letters as PDF.

Another's objection answers 404. Every read is logged under objection-handling with the objectors as subjects.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from ..legal import letters as legal_letters
from ..legal import selectors as legal_selectors
from .decision_views import decision_scope
from .reads import portal_read
from .render import portal_render
from .session import portal_view


@dataclass(frozen=True)
class Step:
    text: str
    done: bool
    on: object = None


def _steps(objection, hearings) -> list[Step]:
    """Where the objection stands, in B1 Dutch: the steps of the procedure, done or still to come."""
    if objection.status == "withdrawn":
        return [
            Step(_("Wij hebben uw bezwaar ontvangen"), True, objection.received_on),
            Step(_("U hebt uw bezwaar ingetrokken"), True, objection.withdrawn_on),
        ]
    heard = objection.status in ("heard", "advised", "decided")
    planned = next((h for h in hearings if not h.waived_reason), None)
    waived = any(h.waived_reason for h in hearings)
    steps = [
        Step(_("Wij hebben uw bezwaar ontvangen"), True, objection.received_on),
        Step(
            _("Wij sturen u een brief dat wij uw bezwaar hebben ontvangen"),
            bool(objection.acknowledged_on),
            objection.acknowledged_on,
        ),
    ]
    if objection.informal_contact_on:
        steps.append(Step(_("Wij hebben u gebeld over uw bezwaar"), True, objection.informal_contact_on))
    if waived:
        steps.append(Step(_("Een gesprek over uw bezwaar was niet nodig"), True))
    elif planned is not None:
        steps.append(
            Step(
                _("Gesprek (hoorzitting): u vertelt waarom u het niet eens bent"),
                heard or bool(planned.held_on),
                planned.held_on or planned.scheduled_at,
            )
        )
    else:
        steps.append(Step(_("Wij nodigen u uit voor een gesprek (hoorzitting)"), heard))
    if objection.committee:
        steps.append(
            Step(_("Een onafhankelijke commissie geeft ons advies"), bool(objection.advised_on), objection.advised_on)
        )
    steps.append(
        Step(
            _("Wij beslissen over uw bezwaar en sturen u een brief"),
            objection.status == "decided",
            objection.decided_on,
        )
    )
    return steps


@require_GET
@portal_view
def objections(request: HttpRequest, **kwargs) -> HttpResponse:
    """The objections of the person shown, newest first: four queries however many."""
    scope = request.portal
    allowed = decision_scope(scope)
    rows = legal_selectors.resident_objections(resident_ids=allowed.resident_ids, on=scope.on)
    cards = []
    for row in rows:
        objection = row.objection
        hearings = list(objection.hearings.all())
        upcoming = next((h for h in hearings if h.held_on is None and not h.waived_reason), None)
        cards.append(
            {
                "objection": objection,
                "term": row.decision_term,
                "steps": _steps(objection, hearings),
                "hearing": upcoming,
                "letters": legal_letters.letters_available(objection),
                "for_other": objection.objector_id != scope.person.pk,
            }
        )
    objectors = {scope.person.pk: scope.person} | {row.objection.objector_id: row.objection.objector for row in rows}
    portal_read(request, activity=legal_selectors.PURPOSE, residents=objectors.values())
    return portal_render(request, "portal/objections.html", {"cards": cards})


@require_GET
@portal_view
def objection_letter(request: HttpRequest, pk: int, kind: str, **kwargs) -> HttpResponse:
    """One letter of the person's objection as PDF: the very letter the legal team sends."""
    allowed = decision_scope(request.portal)
    objection = legal_selectors.resident_objection_get(resident_ids=allowed.resident_ids, objection_id=pk)
    if kind not in dict(legal_letters.letters_available(objection)):
        raise Http404
    try:
        pdf = legal_letters.letter_pdf(objection, kind)
    except legal_letters.LetterNotYet:
        raise Http404 from None
    except legal_letters.LetterUnavailable:
        return portal_render(request, "portal/objection_letter_unavailable.html", {}, status=503)
    portal_read(request, activity=legal_selectors.PURPOSE, residents=[objection.objector])
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{legal_letters.file_name(objection, kind)}"'
    return response
