"""Beheer markt's complaint pages (list, register, one complaint with its Awb steps as forms) and the contract
review. Thin: the forms check the input, one service per step changes the complaint (`service_form_submit`)."""

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
from .complaint_forms import STEP_FORMS, ComplaintForm, ReviewFilterForm
from .models import ComplaintStatus
from .selectors_complaints import OPEN_STATUSES, complaint_get, complaint_page, term_of
from .selectors_review import ReviewPeriod, contract_review, review_filter_choices
from .services import complaints as services

STEP_SERVICES = {
    "acknowledge": services.complaint_acknowledge,
    "hear": services.complaint_hear,
    "extend": services.complaint_extend,
    "decide": services.complaint_decide,
    "withdraw": services.complaint_withdraw,
}
STEP_TITLES = {
    "acknowledge": gettext_lazy("Ontvangst bevestigen (Awb 9:6)"),
    "hear": gettext_lazy("Klager horen (Awb 9:10)"),
    "extend": gettext_lazy("Afhandeling verdagen (Awb 9:11 lid 2)"),
    "decide": gettext_lazy("Klacht afhandelen (Awb 9:12)"),
    "withdraw": gettext_lazy("Klacht ingetrokken"),
}
STEP_SUCCESS = {
    "acknowledge": gettext_lazy("De ontvangstbevestiging is vastgelegd."),
    "hear": gettext_lazy("Het horen is vastgelegd."),
    "extend": gettext_lazy("De verdaging is vastgelegd. Stuur de klager en de aanbieder de schriftelijke mededeling."),
    "decide": gettext_lazy("De klacht is afgehandeld."),
    "withdraw": gettext_lazy("De klacht is ingetrokken."),
}


def _steps_open(complaint) -> list[str]:
    """The steps the complaint may take now, in the order of the procedure."""
    if complaint.status not in OPEN_STATUSES:
        return []
    steps = {
        ComplaintStatus.RECEIVED: ["acknowledge"],
        ComplaintStatus.ACKNOWLEDGED: ["hear"],
        ComplaintStatus.HEARD: ["decide"],
    }[complaint.status]
    if complaint.extended_on is None:
        steps.append("extend")
    return [*steps, "withdraw"]


@permission_required("providers.handle_complaints", raise_exception=True)
@require_GET
def complaint_list(request: HttpRequest) -> HttpResponse:
    page, rows = complaint_page(on=timezone.localdate(), page_number=request.GET.get("pagina"))
    return render(request, "providers/complaints/complaint_list.html", {"page": page, "rows": rows})


@permission_required("providers.file_complaint", raise_exception=True)
@require_http_methods(["GET", "POST"])
def complaint_create(request: HttpRequest) -> HttpResponse:
    form = ComplaintForm(request.POST or None)
    may_handle = request.user.has_perm("providers.handle_complaints")

    def then(complaint) -> str:
        return reverse("market:complaint_detail", args=[complaint.pk]) if may_handle else reverse("home")

    response = service_form_submit(
        request,
        form,
        lambda data: services.complaint_register(actor=request.user, **data),
        success=lambda complaint: _("Klacht %(reference)s is vastgelegd.") % {"reference": complaint.reference},
        then=then,
    )
    if response is not None:
        return response
    context = {"form": form, "back": reverse("market:complaint_list") if may_handle else reverse("home")}
    return render(request, "providers/complaints/complaint_form.html", context, status=400 if form.errors else 200)


def _detail(request: HttpRequest, complaint, bound: dict | None = None, status: int = 200) -> HttpResponse:
    bound = bound or {}
    steps = [
        {"name": name, "title": STEP_TITLES[name], "form": bound.get(name) or STEP_FORMS[name](prefix=name)}
        for name in [*(name for name in bound if name not in _steps_open(complaint)), *_steps_open(complaint)]
    ]  # a refused step's form stays on the page with its errors, also when the step is not open now
    context = {"complaint": complaint, "term": term_of(complaint, timezone.localdate()), "steps": steps}
    return render(request, "providers/complaints/complaint_detail.html", context, status=status)


@permission_required("providers.handle_complaints", raise_exception=True)
@require_GET
def complaint_detail(request: HttpRequest, complaint_id: int) -> HttpResponse:
    return _detail(request, complaint_get(user=request.user, complaint_id=complaint_id))


@permission_required("providers.handle_complaints", raise_exception=True)
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
        then=reverse("market:complaint_detail", args=[complaint.pk]),
        page=_detail,
    )


@permission_required("providers.view_contract_review", raise_exception=True)
@require_GET
def review(request: HttpRequest) -> HttpResponse:
    providers, products = review_filter_choices()
    form = ReviewFilterForm(request.GET or {}, providers=providers, products=products)
    result = None
    if form.is_valid():
        data = form.cleaned_data
        result = contract_review(
            period=ReviewPeriod(data["starts_on"], data["ends_on"]),
            provider_id=data["provider"],
            product_id=data["product"],
        )
    context = {"form": form, "review": result}
    return render(request, "providers/complaints/review.html", context, status=200 if result else 400)
