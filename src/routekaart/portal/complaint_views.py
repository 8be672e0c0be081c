"""Portal pages: "Klacht over hoe u bent behandeld" (a conduct complaint, Awb chapter 9, handled by klantbeheer)
and the short satisfaction survey after a decision or a closed case.

The complaint is the logged-in resident's own (how they were treated), whoever's page they are looking at. A
survey is answered only by the resident it was sent to; another's survey, or one that does not exist, is 404.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import formats
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ..core.complaint_terms import DECISION_WEEKS
from ..core.forms import service_errors_to_form
from ..legal.selectors_surveys import resident_survey_get
from ..legal.services.complaints import conduct_complaint_register_by_resident
from ..legal.services.surveys import survey_answer
from .complaint_forms import ConductComplaintForm, SurveyForm
from .render import portal_form_page, portal_render
from .session import portal_view


@require_http_methods(["GET", "POST"])
@portal_view
def conduct_complaint(request: HttpRequest, **kwargs) -> HttpResponse:
    """The resident's complaint about how staff treated them: received today, answered within six weeks."""
    form = ConductComplaintForm(request.POST if request.method == "POST" else None)

    def register(data):
        return conduct_complaint_register_by_resident(
            actor=request.user, subject=data["subject"], conduct_on=data["conduct_on"], contact=data["contact"]
        )

    def received(complaint) -> str:
        return _(
            "Wij hebben uw klacht ontvangen. Het kenmerk is %(reference)s. U krijgt uiterlijk op %(date)s antwoord."
        ) % {"reference": complaint.reference, "date": formats.date_format(complaint.decision_due_on, "j F Y")}

    return portal_form_page(
        request,
        form,
        register,
        success=received,
        then="portal:home",
        template="portal/conduct_complaint.html",
        context={"weeks": DECISION_WEEKS},
    )


@require_http_methods(["GET", "POST"])
@portal_view
def survey(request: HttpRequest, pk: int, **kwargs) -> HttpResponse:
    """The survey's questions, one choice of 1 to 5 each; answered, on to the thanks."""
    me = request.user.resident
    found = resident_survey_get(resident_id=me.pk, survey_id=pk)
    if found is None:
        raise Http404
    form = SurveyForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            survey_answer(resident=me, survey=found, actor=request.user, **form.answers())
        except ValidationError as error:
            service_errors_to_form(form, error)
        else:
            return redirect("portal:survey_thanks")
    status = 400 if form.errors else 200
    return portal_render(request, "portal/survey.html", {"form": form, "survey": found}, status=status)


@require_GET
@portal_view
def survey_thanks(request: HttpRequest, **kwargs) -> HttpResponse:
    return portal_render(request, "portal/survey_thanks.html")
