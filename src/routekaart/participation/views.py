"""Participation pages. A resident's pages ask `residents.access` for the Participatiewet domain before any read.

A refused check is answered with a rendered 403 response (not a raised exception), so that the request's
transaction commits the log entry of the refused attempt, as the household pages do.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from ..core.forms import service_errors_to_form
from ..core.views import access_denied_as_403, service_form_submit
from ..organisations.models import Organisation, OrganisationKind
from ..organisations.roles import Domain
from ..residents.access import resident_access_check
from . import selectors, services, workflow
from .configuration import wage_subsidy_rules
from .forms import (
    AdviceForm,
    AssessmentForm,
    AssignmentForm,
    BudgetForm,
    DecisionForm,
    EndForm,
    ExemptionForm,
    ExpenditureForm,
    RegisterForm,
    StartForm,
    WageValueForm,
)
from .models import Assignment, Instrument

PURPOSE = "participation"
WAGE_VALUE_INTRO = gettext_lazy(
    "De loonwaarde is de productiviteit als percentage van het gewone loon voor de functie, "
    "bepaald met een erkende methode op de werkplek."
)


def _access(request: HttpRequest, resident_id: int):
    return resident_access_check(
        user=request.user, resident_id=resident_id, domain=Domain.PARTICIPATION, purpose=PURPOSE
    )


# --- A resident ----------------------------------------------------------------------------------------------------


@permission_required("participation.view_profile", raise_exception=True)
@access_denied_as_403
@require_GET
def profile(request: HttpRequest, resident_id: int) -> HttpResponse:
    access = _access(request, resident_id)
    view = selectors.participation_profile_get(access=access, resident_id=resident_id)
    return render(
        request,
        "participation/profile.html",
        {"profile": view, "may_record": request.user.has_perm("participation.record")},
    )


def _form_page(
    request, resident_id, *, form, title, intro, template="participation/form.html", status=None, extra=None
):
    context = {"form": form, "title": title, "intro": intro, "resident_id": resident_id, **(extra or {})}
    return render(request, template, context, status=status or (400 if form.errors else 200))


@permission_required("participation.record", raise_exception=True)
@access_denied_as_403
@require_http_methods(["GET", "POST"])
def assessment_create(request: HttpRequest, resident_id: int) -> HttpResponse:
    access = _access(request, resident_id)
    view = selectors.participation_profile_get(access=access, resident_id=resident_id)
    form = AssessmentForm(request.POST or None)
    return service_form_submit(
        request,
        form,
        lambda data: services.distance_assess(
            actor=request.user,
            resident=view.resident,
            category=data["category"],
            tier=data["tier"],
            ladder_rung=data["ladder_rung"],
            assessed_on=data["assessed_on"],
            municipality=data["municipality"],
            note=data["note"],
        ),
        success=_("De beoordeling is vastgelegd en de volgende is gepland."),
        then=reverse("participation:profile", kwargs={"resident_id": resident_id}),
    ) or _form_page(
        request,
        resident_id,
        form=form,
        title=_("Afstand tot de arbeidsmarkt beoordelen"),
        intro=_("Leg vast waar %(name)s nu staat. De volgende beoordeling wordt gepland naar de categorie.")
        % {"name": view.resident.full_name},
        extra={"categories": selectors.category_list()},
        template="participation/assessment_form.html",
    )


@permission_required("participation.record", raise_exception=True)
@access_denied_as_403
@require_http_methods(["GET", "POST"])
def wage_value_create(request: HttpRequest, resident_id: int) -> HttpResponse:
    access = _access(request, resident_id)
    view = selectors.participation_profile_get(access=access, resident_id=resident_id)
    form = WageValueForm(request.POST or None, methods=wage_subsidy_rules().wage_value_methods)
    return service_form_submit(
        request,
        form,
        lambda data: services.wage_value_determine(actor=request.user, resident=view.resident, **data),
        success=_("De loonwaarde is vastgelegd."),
        then=reverse("participation:profile", kwargs={"resident_id": resident_id}),
    ) or _form_page(
        request,
        resident_id,
        form=form,
        title=_("Loonwaarde vastleggen"),
        intro=WAGE_VALUE_INTRO,
    )


@permission_required("participation.record", raise_exception=True)
@access_denied_as_403
@require_http_methods(["GET", "POST"])
def register_record(request: HttpRequest, resident_id: int) -> HttpResponse:
    access = _access(request, resident_id)
    view = selectors.participation_profile_get(access=access, resident_id=resident_id)
    form = RegisterForm(request.POST or None)
    return service_form_submit(
        request,
        form,
        lambda data: services.target_group_register_record(actor=request.user, resident=view.resident, **data),
        success=_("De melding van UWV over het doelgroepenregister is vastgelegd."),
        then=reverse("participation:profile", kwargs={"resident_id": resident_id}),
    ) or _form_page(
        request,
        resident_id,
        form=form,
        title=_("Doelgroepenregister"),
        intro=_("Leg vast wat UWV meldt over het doelgroepenregister. Een garantiebaan vraagt een inschrijving."),
    )


@permission_required("participation.record", raise_exception=True)
@access_denied_as_403
@require_http_methods(["GET", "POST"])
def exemption_create(request: HttpRequest, resident_id: int) -> HttpResponse:
    access = _access(request, resident_id)
    view = selectors.participation_profile_get(access=access, resident_id=resident_id)
    instrument = next((i for i in Instrument.objects.order_by("order") if i.exemption_grounds), None)
    if instrument is None:
        raise Http404
    grounds = [(code, services.exemption_ground_name(code)) for code in instrument.exemption_grounds]
    form = ExemptionForm(request.POST or None, grounds=grounds)
    return service_form_submit(
        request,
        form,
        lambda data: services.exemption_grant(
            actor=request.user, resident=view.resident, instrument=instrument, **data
        ),
        success=_("De vrijstelling is vastgelegd."),
        then=reverse("participation:profile", kwargs={"resident_id": resident_id}),
    ) or _form_page(
        request,
        resident_id,
        form=form,
        title=_("Vrijstelling van de %(name)s") % {"name": instrument.name.lower()},
        intro=_("Wie mantelzorg verleent, kan worden ontheven van de verplichting om een tegenprestatie te leveren."),
    )


@permission_required("participation.record", raise_exception=True)
@access_denied_as_403
@require_http_methods(["GET", "POST"])
def assignment_create(request: HttpRequest, resident_id: int) -> HttpResponse:
    access = _access(request, resident_id)
    view = selectors.participation_profile_get(access=access, resident_id=resident_id)
    initial = {}
    if request.method == "GET" and request.GET.get("instrument"):
        initial["instrument"] = request.GET["instrument"]
    form = AssignmentForm(request.POST or None, resident=view.resident, initial=initial)
    return service_form_submit(
        request,
        form,
        lambda data: services.assignment_propose(actor=request.user, resident=view.resident, **data),
        success=_("De opdracht is vastgelegd."),
        then=lambda assignment: redirect(
            "participation:assignment_detail", resident_id=resident_id, assignment_id=assignment.pk
        ),
    ) or _form_page(
        request,
        resident_id,
        form=form,
        title=_("Instrument inzetten"),
        intro=_("Elk instrument is een opdracht aan een aanbieder, met een beschikking waar de wet die vraagt."),
        extra={"profile": view},
        template="participation/assignment_form.html",
    )


ACTION_FORMS = {
    "record_advice": AdviceForm,
    "decide": DecisionForm,
    "start": StartForm,
    "end": EndForm,
    "record_expenditure": ExpenditureForm,
}


def _action_forms(assignment, data=None, action=None):
    forms = {}
    for name in workflow.allowed_actions(assignment.status):
        if name == "record_advice" and not assignment.instrument.requires_uwv_advice:
            continue
        if name == "decide" and not assignment.instrument.requires_decision:
            continue
        if name == "record_expenditure" and assignment.instrument.cost_basis == "none":
            continue
        form_class = ACTION_FORMS.get(name)
        if form_class is None:
            forms[name] = None
            continue
        kwargs = {"prefix": name}
        if name == "end":
            kwargs["instrument"] = assignment.instrument
        forms[name] = form_class(data if action == name else None, **kwargs)
    return forms


@permission_required("participation.view_profile", raise_exception=True)
@access_denied_as_403
@require_http_methods(["GET", "POST"])
def assignment_detail(request: HttpRequest, resident_id: int, assignment_id: int) -> HttpResponse:
    access = _access(request, resident_id)
    try:
        assignment = selectors.assignment_get(access=access, resident_id=resident_id, assignment_id=assignment_id)
    except Assignment.DoesNotExist as error:
        raise Http404 from error
    action = request.POST.get("action") if request.method == "POST" else None
    forms = _action_forms(assignment, request.POST, action)
    if action is not None:
        if action not in forms or not request.user.has_perm("participation.record"):
            return HttpResponse(status=403)
        if action == "decide" and not request.user.has_perm("participation.decide"):
            return HttpResponse(status=403)
        form = forms[action]
        if form is None or form.is_valid():
            data = form.cleaned_data if form is not None else {}
            try:
                _perform(request, assignment, action, data)
            except ValidationError as error:
                if form is None:
                    messages.error(request, " ".join(error.messages))
                    return redirect(
                        "participation:assignment_detail", resident_id=resident_id, assignment_id=assignment_id
                    )
                service_errors_to_form(form, error)
            else:
                return redirect("participation:assignment_detail", resident_id=resident_id, assignment_id=assignment_id)
    status = 400 if any(f is not None and f.errors for f in forms.values()) else 200
    schedule = list(assignment.commitments.order_by("month"))
    expenditures = list(assignment.expenditures.order_by("booked_on", "id"))
    return render(
        request,
        "participation/assignment_detail.html",
        {
            "assignment": assignment,
            "forms": forms,
            "schedule": schedule,
            "expenditures": expenditures,
            "resident_id": resident_id,
            "may_record": request.user.has_perm("participation.record"),
            "may_decide": request.user.has_perm("participation.decide"),
        },
        status=status,
    )


def _perform(request, assignment, action: str, data: dict) -> None:
    user = request.user
    if action == "record_advice":
        services.assignment_uwv_advice_record(
            actor=user,
            assignment=assignment,
            advised_on=data["advised_on"],
            positive=data["positive"] == "yes",
            reference=data["reference"],
        )
        messages.success(request, _("Het advies van UWV is vastgelegd."))
    elif action == "decide":
        granted = data["granted"] == "yes"
        services.assignment_decide(
            actor=user,
            assignment=assignment,
            granted=granted,
            decided_on=data["decided_on"],
            reference=data["reference"],
        )
        messages.success(request, _("De opdracht is toegekend.") if granted else _("De opdracht is afgewezen."))
    elif action == "start":
        services.assignment_start(actor=user, assignment=assignment, started_on=data["started_on"])
        messages.success(request, _("De start is vastgelegd."))
    elif action == "end":
        services.assignment_end(
            actor=user,
            assignment=assignment,
            ended_on=data["ended_on"],
            result=data["result"],
            left_social_assistance=data["left_social_assistance"],
        )
        messages.success(request, _("De opdracht is afgesloten met haar resultaat."))
    elif action == "cancel":
        services.assignment_cancel(actor=user, assignment=assignment)
        messages.success(request, _("De opdracht is vervallen."))
    elif action == "record_expenditure":
        services.expenditure_record(actor=user, assignment=assignment, **data)
        messages.success(request, _("De uitgave is geboekt."))


# --- The team, policy, budget -----------------------------------------------------------------------------------


@permission_required("participation.view_team", raise_exception=True)
@require_GET
def team(request: HttpRequest) -> HttpResponse:
    overview = selectors.team_overview_get(user=request.user)
    return render(request, "participation/team.html", {"overview": overview})


def _municipality_choice(request: HttpRequest) -> tuple[list[Organisation], Organisation | None]:
    choices = list(selectors.municipalities_with_participation())
    code = request.GET.get("gemeente")
    chosen = next((m for m in choices if m.code == code), None)
    if code and chosen is None:
        chosen = Organisation.objects.filter(code=code, kind=OrganisationKind.MUNICIPALITY).first()
    return choices, chosen


@permission_required("participation.view_reports", raise_exception=True)
@require_GET
def reports(request: HttpRequest) -> HttpResponse:
    choices, municipality = _municipality_choice(request)
    today = timezone.localdate()
    year = _year(request, today.year)
    context = {
        "municipalities": choices,
        "municipality": municipality,
        "year": year,
        "years": range(today.year - 4, today.year + 1),
        "distribution": selectors.distance_distribution(municipality=municipality),
        "reassessment": selectors.reassessment_report(municipality=municipality),
        "planning": selectors.reassessment_planning(municipality=municipality, months=6),
        "outcomes": selectors.outcomes_get(municipality=municipality, year=year),
        "reference": selectors.reference_get(),
    }
    return render(request, "participation/reports.html", context)


def _year(request: HttpRequest, default: int) -> int:
    try:
        year = int(request.GET.get("jaar") or request.POST.get("jaar") or default)
    except ValueError:
        return default
    return year if 2000 <= year <= 2100 else default


@permission_required("participation.view_budget", raise_exception=True)
@require_http_methods(["GET", "POST"])
def budget(request: HttpRequest) -> HttpResponse:
    choices, municipality = _municipality_choice(request)
    if municipality is None and not request.GET.get("gemeente"):
        municipality = (
            choices[0]
            if choices
            else Organisation.objects.filter(kind=OrganisationKind.MUNICIPALITY).order_by("name").first()
        )
    today = timezone.localdate()
    year = _year(request, today.year)
    may_set = request.user.has_perm("participation.set_budget")
    form = BudgetForm(request.POST or None) if may_set else None
    if request.method == "POST":
        if not may_set or municipality is None:
            return HttpResponse(status=403)
        if form.is_valid():
            try:
                services.budget_set(actor=request.user, municipality=municipality, year=year, **form.cleaned_data)
            except ValidationError as error:
                service_errors_to_form(form, error)
            else:
                messages.success(request, _("Het budget is vastgelegd."))
                return redirect(f"{request.path}?gemeente={municipality.code}&jaar={year}")
    monitor = selectors.budget_monitor_get(municipality=municipality, year=year) if municipality else None
    all_municipalities = Organisation.objects.filter(kind=OrganisationKind.MUNICIPALITY).order_by("name")
    context = {
        "monitor": monitor,
        "municipality": municipality,
        "municipalities": all_municipalities,
        "year": year,
        "years": range(today.year - 4, today.year + 2),
        "form": form,
    }
    status = 400 if form is not None and form.errors else 200
    return render(request, "participation/budget.html", context, status=status)


@permission_required("participation.view_configuration", raise_exception=True)
@require_GET
def instruments(request: HttpRequest) -> HttpResponse:
    context = {
        "instruments": selectors.instrument_list(),
        "categories": selectors.category_list(),
        "tiers": selectors.tier_list(),
        "ladder": selectors.ladder_list(),
        "referrals": selectors.referral_list(),
        "rules": wage_subsidy_rules(),
    }
    return render(request, "participation/instruments.html", context)
