"""Klantbeheer's enforcement pages: the signals (list, record, one signal with its assessment) and the
investigations (list, one investigation with a form per step, the fine calculation and the claim created). Thin:
the forms check the input, one service per step changes the record (`service_form_submit`)."""

from __future__ import annotations

from django.contrib.auth.decorators import permission_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ..core.views import service_form_submit, step_form_submit
from . import enforcement_rules  # noqa: F401  (declares the permissions below)
from .enforcement_forms import STEP_FORMS, AssessForm, SignalForm
from .models import EnforcementSignalStatus, Investigation, InvestigationStatus
from .selectors_enforcement import fine_preview, investigation_get, investigation_page, signal_get, signal_page
from .services import enforcement as services

STEP_SERVICES = {
    "findings": services.investigation_findings_record,
    "inform": services.investigation_inform_resident,
    "hear": services.investigation_hear,
    "close": services.investigation_close,
}
STEP_TITLES = {
    "findings": gettext_lazy("Bevindingen vastleggen"),
    "inform": gettext_lazy("Inwoner informeren over het onderzoek"),
    "hear": gettext_lazy("Inwoner horen (Awb 4:8 en 5:53)"),
    "close": gettext_lazy("Onderzoek afronden"),
}
STEP_SUCCESS = {
    "findings": gettext_lazy("De bevindingen zijn vastgelegd."),
    "inform": gettext_lazy("Vastgelegd dat de inwoner is geïnformeerd; het onderzoek staat nu in Mijn Routekaart."),
    "hear": gettext_lazy("Het horen is vastgelegd."),
    "close": gettext_lazy("Het onderzoek is afgerond."),
}


def _steps_open(investigation) -> list[str]:
    """The steps the investigation may take now, in the order of the procedure."""
    if investigation.status != InvestigationStatus.OPEN:
        return []
    steps = ["findings"]
    if investigation.resident_informed_on is None:
        steps.append("inform")
    elif investigation.heard_on is None:
        steps.append("hear")
    return [*steps, "close"]


@permission_required("legal.handle_enforcement", raise_exception=True)
@require_GET
def signal_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    page = signal_page(user=request.user, status=status, page_number=request.GET.get("pagina"))
    context = {"page": page, "statuses": EnforcementSignalStatus.choices, "status": status}
    return render(request, "legal/enforcement_signal_list.html", context)


@permission_required("legal.record_enforcement_signal", raise_exception=True)
@require_http_methods(["GET", "POST"])
def signal_record(request: HttpRequest) -> HttpResponse:
    initial = {}
    if request.GET.get("huishouden", "").isdigit():
        initial["household_id"] = int(request.GET["huishouden"])
    form = SignalForm(request.POST or None, initial=initial)
    may_handle = request.user.has_perm("legal.handle_enforcement")

    def then(signal) -> str:
        return reverse("legal:enforcement_signal_detail", args=[signal.pk]) if may_handle else reverse("home")

    response = service_form_submit(
        request,
        form,
        lambda data: services.signal_record(actor=request.user, **data),
        success=_("Het signaal is vastgelegd; klantbeheer beoordeelt het."),
        then=then,
    )
    if response is not None:
        return response
    back = reverse("legal:enforcement_signal_list") if may_handle else reverse("home")
    return render(
        request, "legal/enforcement_signal_form.html", {"form": form, "back": back}, status=400 if form.errors else 200
    )


def _signal_page(request: HttpRequest, signal, form=None, status: int = 200) -> HttpResponse:
    if signal.status == EnforcementSignalStatus.NEW:
        form = form or AssessForm(organisation_id=signal.organisation_id)
    return render(request, "legal/enforcement_signal_detail.html", {"signal": signal, "form": form}, status=status)


@permission_required("legal.handle_enforcement", raise_exception=True)
@require_http_methods(["GET", "POST"])
def signal_detail(request: HttpRequest, signal_id: int) -> HttpResponse:
    signal = signal_get(user=request.user, signal_id=signal_id)
    if request.method == "GET":
        return _signal_page(request, signal)
    form = AssessForm(request.POST, organisation_id=signal.organisation_id)

    def then(result) -> str:
        if isinstance(result, Investigation):
            return reverse("legal:investigation_detail", args=[result.pk])
        return reverse("legal:enforcement_signal_detail", args=[signal.pk])

    response = service_form_submit(
        request,
        form,
        lambda data: services.signal_assess(actor=request.user, signal=signal, **data),
        success=_("De beoordeling is vastgelegd."),
        then=then,
    )
    if response is not None:
        return response
    signal = signal_get(user=request.user, signal_id=signal_id)
    return _signal_page(request, signal, form if signal.status == EnforcementSignalStatus.NEW else None, status=400)


@permission_required("legal.handle_enforcement", raise_exception=True)
@require_GET
def investigation_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    page = investigation_page(user=request.user, status=status, page_number=request.GET.get("pagina"))
    context = {"page": page, "statuses": InvestigationStatus.choices, "status": status}
    return render(request, "legal/investigation_list.html", context)


def _claim_url(claim_id: int | None) -> str:
    """The claim's page in income's recovery pages, where they are installed."""
    if claim_id is None:
        return ""
    try:
        return reverse("recovery:claim_detail", args=[claim_id])
    except NoReverseMatch:
        return ""


def _investigation_page(request: HttpRequest, investigation, bound: dict | None = None, status: int = 200):
    bound = bound or {}
    names = [*(name for name in bound if name not in _steps_open(investigation)), *_steps_open(investigation)]
    steps = []
    for name in names:
        form = bound.get(name)
        if form is None:
            initial = {}
            if name == "findings":
                fields = ("findings", "harm_amount", "harm_from", "harm_to", "culpability", "repeat_offence")
                initial = {field: getattr(investigation, field) for field in fields}
            form = STEP_FORMS[name](prefix=name, initial=initial)
        steps.append({"name": name, "title": STEP_TITLES[name], "form": form})
    context = {
        "investigation": investigation,
        "steps": steps,
        "fine": fine_preview(investigation),
        "claim_url": _claim_url(investigation.claim_id),
    }
    return render(request, "legal/investigation_detail.html", context, status=status)


@permission_required("legal.handle_enforcement", raise_exception=True)
@require_GET
def investigation_detail(request: HttpRequest, investigation_id: int) -> HttpResponse:
    return _investigation_page(request, investigation_get(user=request.user, investigation_id=investigation_id))


@permission_required("legal.handle_enforcement", raise_exception=True)
@require_POST
def investigation_step(request: HttpRequest, investigation_id: int, step: str) -> HttpResponse:
    if step not in STEP_SERVICES:
        raise Http404
    investigation = investigation_get(user=request.user, investigation_id=investigation_id)
    return step_form_submit(
        request,
        investigation,
        step,
        record_name="investigation",
        forms_by_step=STEP_FORMS,
        services=STEP_SERVICES,
        successes=STEP_SUCCESS,
        then=reverse("legal:investigation_detail", args=[investigation.pk]),
        page=_investigation_page,
    )
