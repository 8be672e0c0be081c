"""Portal pages: "Mijn zorg". The care providers deliver to the person shown (the assignments the municipality sent
them), how far each got, the provider's latest progress report, and a way to file a complaint about it.

Which assignments the page shows (the rule of this part of the portal): those of the person shown, under the law
domains the portal user sees of that person (all of them for oneself and a child under 16; for a principal, those
the authorisation names). An assignment id from the URL outside this rule answers 404, never 403: the page does not
tell that it exists.

Every read is logged under the delivery of an assigned provision; a complaint is registered through the providers'
complaint service (Awb chapter 9), so Beheer markt handles it and the coordinator sees it in the timeline.
"""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import formats
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ..providers import selectors_resident
from ..providers.complaint_terms import DECISION_WEEKS
from ..providers.services.complaints import complaint_register_by_resident
from .care_forms import CareComplaintForm
from .decision_views import LAW_PLAIN, LAWS
from .reads import portal_read
from .render import portal_form_page, portal_render
from .session import portal_view

PROVISION_DELIVERY = "provision-delivery"


def care_laws(scope) -> tuple[str, ...]:
    """The law domains of the person shown that the portal user sees (all for oneself; a principal's authorised)."""
    chosen = next(r for r in scope.represented if r.id == scope.person.pk)
    return tuple(law for law in LAWS if chosen.sees(law))


def _assignment_get(request: HttpRequest, pk: int):
    scope = request.portal
    try:
        return selectors_resident.resident_assignment_get(
            resident_id=scope.person.pk, laws=care_laws(scope), assignment_id=pk
        )
    except ObjectDoesNotExist:
        raise Http404 from None


@require_GET
@portal_view
def care(request: HttpRequest, **kwargs) -> HttpResponse:
    """The assignments of the person shown, newest first: a fixed number of queries however many there are."""
    scope = request.portal
    rows = selectors_resident.resident_care(resident_id=scope.person.pk, laws=care_laws(scope), on=scope.on)
    portal_read(request, activity=PROVISION_DELIVERY)
    return portal_render(request, "portal/care.html", {"rows": rows})


@require_http_methods(["GET", "POST"])
@portal_view
def care_complaint(request: HttpRequest, pk: int, **kwargs) -> HttpResponse:
    """Klacht indienen over one assignment: the complaint goes to the municipality (Beheer markt), received today;
    the resident returns to "Mijn zorg" with the day by which they get an answer."""
    assignment = _assignment_get(request, pk)
    portal_read(request, activity=PROVISION_DELIVERY)
    form = CareComplaintForm(request.POST if request.method == "POST" else None)

    def register(data):
        return complaint_register_by_resident(
            actor=request.user, assignment=assignment, subject=data["subject"], contact=data["contact"]
        )

    def received(complaint) -> str:
        row = selectors_resident.complaint_row(complaint, on=request.portal.on)
        return _(
            "Wij hebben uw klacht ontvangen. Het kenmerk is %(reference)s. U krijgt uiterlijk op %(date)s antwoord."
        ) % {"reference": complaint.reference, "date": formats.date_format(row.term.ends_on, "j F Y")}

    return portal_form_page(
        request,
        form,
        register,
        success=received,
        then="portal:care",
        template="portal/care_complaint.html",
        context={
            "assignment": assignment,
            "law": LAW_PLAIN.get(assignment.law, assignment.law),
            "weeks": DECISION_WEEKS,
        },
    )
