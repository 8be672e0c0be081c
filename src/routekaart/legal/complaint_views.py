"""Klantbeheer's pages for conduct complaints (Awb chapter 9): the list, registering one, and one complaint with
its steps as forms. Thin: the forms check the input, one service per step changes the complaint. Only klantbeheer
(legal) sees them: a coordinator never sees a complaint about a colleague."""

from __future__ import annotations

from django.contrib.auth.decorators import permission_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ..core.views import service_form_submit, step_form_submit
from . import complaint_rules  # noqa: F401  (declares the permissions below)
from .complaint_forms import STEP_FORMS, ConductComplaintForm
from .models import StaffComplaintStatus
from .selectors_complaints import complaint_get, complaint_page, term_of
from .services import complaints as services

PERMISSION = "legal.handle_conduct_complaints"
STEP_SERVICES = {
    "acknowledge": services.conduct_complaint_acknowledge,
    "resolve": services.conduct_complaint_resolve_informally,
    "hear": services.conduct_complaint_hear,
    "extend": services.conduct_complaint_extend,
    "decide": services.conduct_complaint_decide,
    "withdraw": services.conduct_complaint_withdraw,
}
STEP_TITLES = {
    "acknowledge": gettext_lazy("Ontvangst bevestigen (Awb 9:6)"),
    "resolve": gettext_lazy("Naar tevredenheid opgelost (Awb 9:5)"),
    "hear": gettext_lazy("Klager horen (Awb 9:10)"),
    "extend": gettext_lazy("Afhandeling verdagen (Awb 9:11 lid 2)"),
    "decide": gettext_lazy("Klacht afhandelen (Awb 9:12)"),
    "withdraw": gettext_lazy("Klacht ingetrokken"),
}
STEP_SUCCESS = {
    "acknowledge": gettext_lazy("De ontvangstbevestiging is vastgelegd."),
    "resolve": gettext_lazy("De klacht is naar tevredenheid opgelost en afgehandeld."),
    "hear": gettext_lazy("Het horen is vastgelegd."),
    "extend": gettext_lazy(
        "De verdaging is vastgelegd. Stuur de klager en de medewerker over wie het gaat de schriftelijke mededeling."
    ),
    "decide": gettext_lazy("De klacht is afgehandeld."),
    "withdraw": gettext_lazy("De klacht is ingetrokken."),
}
STEPS_IN_STATE = {
    StaffComplaintStatus.RECEIVED: ["acknowledge", "resolve"],
    StaffComplaintStatus.ACKNOWLEDGED: ["hear", "resolve"],
    StaffComplaintStatus.HEARD: ["decide", "resolve"],
}


def _steps_open(complaint) -> list[str]:
    """The steps the complaint may take now, in the order of the procedure."""
    steps = list(STEPS_IN_STATE.get(complaint.status, []))
    if not steps:
        return []
    if complaint.extended_on is None:
        steps.append("extend")
    return [*steps, "withdraw"]


@permission_required(PERMISSION, raise_exception=True)
@require_GET
def complaint_list(request: HttpRequest) -> HttpResponse:
    page, rows = complaint_page(user=request.user, on=timezone.localdate(), page_number=request.GET.get("pagina"))
    return render(request, "legal/complaint_list.html", {"page": page, "rows": rows})


@permission_required(PERMISSION, raise_exception=True)
@require_http_methods(["GET", "POST"])
def complaint_register(request: HttpRequest) -> HttpResponse:
    form = ConductComplaintForm(request.POST or None)
    response = service_form_submit(
        request,
        form,
        lambda data: services.conduct_complaint_register(actor=request.user, **data),
        success=lambda complaint: _("Klacht %(reference)s is vastgelegd.") % {"reference": complaint.reference},
        then=lambda complaint: reverse("legal:complaint_detail", args=[complaint.pk]),
    )
    if response is not None:
        return response
    context = {"form": form, "back": reverse("legal:complaint_list")}
    return render(request, "legal/complaint_form.html", context, status=400 if form.errors else 200)


def _detail(request: HttpRequest, complaint, bound: dict | None = None, status: int = 200) -> HttpResponse:
    bound = bound or {}
    steps = [
        {"name": name, "title": STEP_TITLES[name], "form": bound.get(name) or STEP_FORMS[name](prefix=name)}
        for name in [*(name for name in bound if name not in _steps_open(complaint)), *_steps_open(complaint)]
    ]  # a refused step's form stays on the page with its errors, also when the step is not open now
    context = {"complaint": complaint, "term": term_of(complaint, timezone.localdate()), "steps": steps}
    return render(request, "legal/complaint_detail.html", context, status=status)


@permission_required(PERMISSION, raise_exception=True)
@require_GET
def complaint_detail(request: HttpRequest, complaint_id: int) -> HttpResponse:
    return _detail(request, complaint_get(user=request.user, complaint_id=complaint_id))


@permission_required(PERMISSION, raise_exception=True)
@require_POST
def complaint_step(request: HttpRequest, complaint_id: int, step: str) -> HttpResponse:
    if step not in STEP_SERVICES:
        raise Http404
    complaint = complaint_get(user=request.user, complaint_id=complaint_id)
    return step_form_submit(
        request,
        complaint,
        step,
        record_name="complaint",
        forms_by_step=STEP_FORMS,
        services=STEP_SERVICES,
        successes=STEP_SUCCESS,
        then=reverse("legal:complaint_detail", args=[complaint.pk]),
        page=_detail,
    )
