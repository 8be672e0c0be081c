"""Bestaanszekerheid screens. Every household view asks the access check (domain P) before it reads anything.

Views are thin: they shape input with a form, call one service, and render. A refused access check is answered
with the residents app's 403 page (so the refusal's log entry commits); a refused service answers 400 with the
service's Dutch messages beside the fields.
"""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ..core.forms import service_errors_to_form
from ..core.views import access_denied_as_403, service_form_submit
from ..organisations.models import Organisation, User
from ..organisations.roles import Domain, Role
from ..residents.access import household_access_check
from ..residents.models import Household
from ..residents.selectors import household_composition_get
from . import selectors, services
from .calculation import CalculationError, benefit_to_work_switch_plan
from .forms import (
    AnnualReviewForm,
    BenefitGrantForm,
    CoordinatorReassignForm,
    CostSharerExclusionForm,
    FinancialFitnessForm,
    IncomeReportForm,
    WorkSwitchForm,
    income_report_submitter,
)
from .models import AnnualReview, ChangeReport, Regulation, Reminder, ReportSource, ReviewStatus

PAGE_SIZE = 25
PURPOSE = "social-assistance"


def _access(request: HttpRequest, household_id: int, purpose: str = PURPOSE):
    return household_access_check(
        user=request.user, household_id=household_id, domain=Domain.PARTICIPATION, purpose=purpose
    )


def _form_page(request, form, *, household_id: int, title: str, intro: str, submit: str, status: int | None = None):
    return render(
        request,
        "income/form.html",
        {"form": form, "household_id": household_id, "title": title, "intro": intro, "submit": submit},
        status=status or (400 if form.errors else 200),
    )


def _benefit_or_404(household_id: int, on: date):
    benefit = selectors.benefit_for_household(household_id=household_id, on=on)
    if benefit is None:
        raise Http404(_("Dit huishouden heeft geen bijstandsuitkering."))
    return benefit


def _chosen(rows, pk: int):
    """The row a form's choice names: the choices were made from these rows, so it is among them."""
    return next(row for row in rows if row.pk == pk)


def _coordinators_at(organisation_ids) -> list[User]:
    return list(
        User.objects.filter(
            affiliations__organisation_id__in=list(organisation_ids), affiliations__role=Role.COORDINATOR
        )
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


# --- The coordinator's worklist and the client page -----------------------------------------------------------


@permission_required("income.view_clients", raise_exception=True)
@require_GET
def worklist(request: HttpRequest) -> HttpResponse:
    """Mijn klanten: conversations due and overdue, reminders, and every client with the fixed coordinator."""
    worklist = selectors.worklist_get(user=request.user)
    page = Paginator(worklist.clients, PAGE_SIZE).get_page(request.GET.get("pagina"))
    selectors.worklist_read_log(
        user=request.user,
        benefits=list(page.object_list) + worklist.not_planned_overdue + worklist.fitness_overdue,
        reviews=worklist.due_soon + worklist.overdue,
    )
    return render(request, "income/worklist.html", {"worklist": worklist, "page": page, "today": timezone.localdate()})


@login_required
@access_denied_as_403
@require_GET
def client_detail(request: HttpRequest, household_id: int) -> HttpResponse:
    access = _access(request, household_id)
    file = selectors.client_file_get(access=access)
    return render(
        request,
        "income/client_detail.html",
        {"file": file, "may_manage": request.user.has_perm("income.manage_benefits"), "household_id": household_id},
    )


# --- Benefit and coordinator -------------------------------------------------------------------------------------


@permission_required("income.manage_benefits", raise_exception=True)
@access_denied_as_403
@require_http_methods(["GET", "POST"])
def benefit_grant(request: HttpRequest, household_id: int) -> HttpResponse:
    access = _access(request, household_id)
    today = timezone.localdate()
    members = [m.resident for m in household_composition_get(access=access, on=today)]
    organisation_ids = [a.organisation_id for a in request.user.affiliations.all() if a.role == Role.COORDINATOR]
    organisations = list(Organisation.objects.filter(pk__in=organisation_ids).order_by("name"))
    form = BenefitGrantForm(
        request.POST or None,
        members=members,
        organisations=organisations,
        coordinators=_coordinators_at(organisation_ids),
        initial={"started_on": today, "coordinator": request.user.pk},
    )
    return service_form_submit(
        request,
        form,
        lambda data: services.social_assistance_grant(
            actor=request.user,
            household=Household.objects.get(pk=household_id),
            client=_chosen(members, data["client"]),
            organisation=_chosen(organisations, data["organisation"]),
            coordinator=User.objects.get(pk=data["coordinator"]),
            started_on=data["started_on"],
            work_obligation=data["work_obligation"],
            surplus_settlement=data["surplus_settlement"],
            iban=data["iban"],
            account_holder=data["account_holder"],
        ),
        success=_("De uitkering is vastgelegd, met de vaste regiehouder."),
        then=_client_url(household_id),
    ) or _form_page(
        request,
        form,
        household_id=household_id,
        title=_("Bijstandsuitkering vastleggen"),
        intro=_("Iedere inwoner met bijstand krijgt een vaste regiehouder: zonder regiehouder geen uitkering."),
        submit=_("Uitkering vastleggen"),
    )


@permission_required("income.manage_benefits", raise_exception=True)
@access_denied_as_403
@require_http_methods(["GET", "POST"])
def coordinator_reassign(request: HttpRequest, household_id: int) -> HttpResponse:
    _access(request, household_id)
    benefit = _benefit_or_404(household_id, timezone.localdate())
    coordinators = [u for u in _coordinators_at([benefit.organisation_id]) if u.pk != benefit.coordinator_id]
    form = CoordinatorReassignForm(
        request.POST or None, coordinators=coordinators, initial={"handed_over_on": timezone.localdate()}
    )
    return service_form_submit(
        request,
        form,
        lambda data: services.coordinator_reassign(
            actor=request.user, benefit=benefit, **data | {"to_user": _chosen(coordinators, data["to_user"])}
        ),
        success=_("De regiehouder is warm overgedragen."),
        then=_client_url(household_id),
    ) or _form_page(
        request,
        form,
        household_id=household_id,
        title=_("Regiehouder overdragen"),
        intro=_(
            "Een warme overdracht: de inwoner maakt kennis met de nieuwe regiehouder in een gesprek met beide "
            "regiehouders, en stemt in. Geplande gesprekken gaan mee."
        ),
        submit=_("Overdragen"),
    )


@permission_required("income.manage_benefits", raise_exception=True)
@access_denied_as_403
@require_http_methods(["GET", "POST"])
def cost_sharer_exclusion(request: HttpRequest, household_id: int) -> HttpResponse:
    access = _access(request, household_id)
    today = timezone.localdate()
    members = [m.resident for m in household_composition_get(access=access, on=today)]
    form = CostSharerExclusionForm(request.POST or None, members=members, initial={"valid_from": today})
    return service_form_submit(
        request,
        form,
        lambda data: services.cost_sharer_exclusion_record(
            actor=request.user,
            household=Household(pk=household_id),
            **data | {"resident": _chosen(members, data["resident"])},
        ),
        success=_("Vastgelegd: deze medebewoner telt niet mee voor de kostendelersnorm."),
        then=_client_url(household_id),
    ) or _form_page(
        request,
        form,
        household_id=household_id,
        title=_("Uitzondering kostendelersnorm"),
        intro=_(
            "Studenten met studiefinanciering en wie op commerciële basis huurt of kost en inwoning betaalt, tellen "
            "niet mee als kostendeler (Participatiewet art. 22a lid 2)."
        ),
        submit=_("Vastleggen"),
    )


# --- The yearly conversation and financieel fit -----------------------------------------------------------------


@permission_required("income.manage_benefits", raise_exception=True)
@access_denied_as_403
@require_http_methods(["GET", "POST"])
def annual_review_record(request: HttpRequest, household_id: int) -> HttpResponse:
    """Record the yearly conversation with the financieel-fit questions; the situation starts from last year."""
    _access(request, household_id)
    today = timezone.localdate()
    benefit = _benefit_or_404(household_id, today)
    review = AnnualReview.objects.filter(benefit=benefit, status=ReviewStatus.PLANNED).order_by("planned_on").first()
    situation = selectors.household_situation_prefill(household_id=household_id, year=today.year, on=today)
    current = selectors.household_situation_latest(household_id=household_id, year=today.year)
    if current is not None and current.year == today.year:
        situation = current
    initial = {name: getattr(situation, name) for name in AnnualReviewForm.SITUATION}
    initial.update({"held_on": today, "contact": "in_person"})
    practice = selectors.practice()
    form = AnnualReviewForm(request.POST or None, life_changes=practice["life_changes"], initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.annual_review_record(
                actor=request.user,
                review=review,
                benefit=benefit,
                held_on=data["held_on"],
                contact=data["contact"],
                life_changes=data["life_changes"],
                note=data["note"],
                situation=form.situation_values(),
                fitness_note=data["fitness_note"],
                **form.fitness_values(),
            )
        except ValidationError as error:
            service_errors_to_form(form, error)
        else:
            messages.success(request, _("Het jaarlijks gesprek is vastgelegd. Bekijk hieronder de regelingencheck."))
            return redirect(f"{_client_url(household_id)}#regelingen")
    return render(
        request,
        "income/annual_review_form.html",
        {
            "form": form,
            "household_id": household_id,
            "benefit": benefit,
            "review": review,
            "prefilled_from": situation.prefilled_from if situation.pk is None else None,
        },
        status=400 if form.errors else 200,
    )


def _client_url(household_id: int) -> str:
    return reverse("income:client_detail", kwargs={"household_id": household_id})


@permission_required("income.manage_benefits", raise_exception=True)
@access_denied_as_403
@require_http_methods(["GET", "POST"])
def financial_fitness_record(request: HttpRequest, household_id: int) -> HttpResponse:
    """Financieel fit on its own: in the broad intake of a case (access app) or whenever it is needed."""
    _access(request, household_id)
    case = selectors.open_case_get(household_id=household_id)
    form = FinancialFitnessForm(
        request.POST or None, initial={"held_on": timezone.localdate(), "case_id": getattr(case, "pk", None)}
    )
    return service_form_submit(
        request,
        form,
        lambda data: services.financial_fitness_record(
            actor=request.user,
            household=Household(pk=household_id),
            held_on=data["held_on"],
            note=data["note"],
            case_id=data["case_id"],
            **form.fitness_values(),
        ),
        success=_("Het financieel-fitgesprek is vastgelegd."),
        then=f"{_client_url(household_id)}#regelingen",
    ) or _form_page(
        request,
        form,
        household_id=household_id,
        title=_("Financieel-fitgesprek"),
        intro=_(
            "Kan de inwoner rondkomen en elke dag een maaltijd betalen? Zijn er schulden? En gebruikt het huishouden "
            "alle regelingen waar het recht op heeft? Hoort het gesprek bij de brede intake, vul dan de casus in."
        ),
        submit=_("Gesprek vastleggen"),
    )


@permission_required("income.manage_benefits", raise_exception=True)
@access_denied_as_403
@require_POST
def regulation_apply(request: HttpRequest, household_id: int, code: str) -> HttpResponse:
    _access(request, household_id, purpose="entitlement-check")
    regulation = get_object_or_404(Regulation, code=code)
    try:
        services.regulation_application_start(
            actor=request.user, household=Household.objects.get(pk=household_id), regulation=regulation
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("De aanvraag %(name)s is gestart, vooraf ingevuld met de gegevens van het huishouden.")
            % {"name": regulation.name},
        )
    return redirect(f"{_client_url(household_id)}#regelingen")


# --- Earnings, surplus settlement, simple switching ------------------------------------------------------------


@permission_required("income.manage_benefits", raise_exception=True)
@access_denied_as_403
@require_http_methods(["GET", "POST"])
def income_report(request: HttpRequest, household_id: int) -> HttpResponse:
    _access(request, household_id)
    today = timezone.localdate()
    benefit = _benefit_or_404(household_id, today)
    form = IncomeReportForm(request.POST or None, initial={"month": today.replace(day=1)})

    def after(report) -> str:
        if benefit.surplus_settlement:
            kwargs = {"household_id": household_id, "year": report.month.year, "month": report.month.month}
            return reverse("income:surplus_month", kwargs=kwargs)
        return _client_url(household_id)

    return service_form_submit(
        request,
        form,
        income_report_submitter(actor=request.user, benefit=benefit, source=ReportSource.STAFF),
        success=_("De inkomsten zijn doorgegeven."),
        then=after,
    ) or _form_page(
        request,
        form,
        household_id=household_id,
        title=_("Inkomsten doorgeven"),
        intro=_(
            "Geef de netto inkomsten van een maand door; een nieuwe opgave voor dezelfde maand vervangt de vorige."
        ),
        submit=_("Doorgeven"),
    )


@login_required
@access_denied_as_403
@require_GET
def surplus_month(request: HttpRequest, household_id: int, year: int, month: int) -> HttpResponse:
    access = _access(request, household_id)
    try:
        first = date(year, month, 1)
    except ValueError as error:
        raise Http404 from error
    benefit, settlement = selectors.surplus_month_get(access=access, month=first)
    if settlement is None:
        raise Http404(_("Voor deze maand is nog niets verrekend."))
    from .calculation import surplus_month as explain

    result = explain(
        norm=settlement.norm, earnings=settlement.earnings, disregard=settlement.disregard, advance=settlement.advance
    )
    return render(
        request,
        "income/surplus_month.html",
        {
            "household_id": household_id,
            "benefit": benefit,
            "settlement": settlement,
            "lines": result.lines,
            "month": first,
        },
    )


@permission_required("income.manage_benefits", raise_exception=True)
@access_denied_as_403
@require_http_methods(["GET", "POST"])
def work_switch(request: HttpRequest, household_id: int) -> HttpResponse:
    """Simpel switchen: record the start of work and show the client and coordinator what happens when."""
    _access(request, household_id)
    benefit = _benefit_or_404(household_id, timezone.localdate())
    existing = getattr(benefit, "work_switch", None) if hasattr(benefit, "work_switch") else None
    form = WorkSwitchForm(request.POST or None)
    if existing is None and request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.benefit_to_work_switch_record(
                actor=request.user,
                benefit=benefit,
                work_start=data["work_start"],
                first_salary_on=data["first_salary_on"],
                net_monthly_salary=data["net_monthly_salary"],
                hours_per_week=data["hours_per_week"],
            )
        except ValidationError as error:
            service_errors_to_form(form, error)
        else:
            messages.success(
                request, _("De overstap naar werk is vastgelegd. De uitkering loopt door tot het eerste salaris.")
            )
            return redirect("income:work_switch", household_id=household_id)
    plan = None
    if existing is not None:
        practice = selectors.practice()["benefit_to_work_switch"]
        try:
            calculation = selectors.benefit_calculation_get(
                benefit=benefit, month=existing.work_start.replace(day=1), earnings_month=None
            )
            from decimal import Decimal

            plan = benefit_to_work_switch_plan(
                monthly_benefit=calculation.benefit,
                work_start=existing.work_start,
                first_salary_on=existing.first_salary_on,
                net_monthly_salary=existing.net_monthly_salary,
                settle_bridging_earnings=bool(practice["settle_bridging_earnings"]),
                instalment_max=Decimal(str(practice["instalment_max"])),
                first_payslip_check_days=int(practice["first_payslip_check_days"]),
            )
        except CalculationError:
            plan = None
    reminders = list(
        Reminder.objects.filter(
            benefit=benefit, kind__in=["work_starts", "benefit_ends", "first_payslip", "settlement"]
        )
    )
    return render(
        request,
        "income/work_switch.html",
        {
            "form": form,
            "household_id": household_id,
            "benefit": benefit,
            "switch": existing,
            "plan": plan,
            "reminders": reminders,
        },
        status=400 if form.errors else 200,
    )


@permission_required("income.manage_benefits", raise_exception=True)
@access_denied_as_403
@require_POST
def change_report_process(request: HttpRequest, household_id: int, report_id: int) -> HttpResponse:
    """The coordinator has processed a change the resident reported: it leaves the household page's open list."""
    _access(request, household_id)
    report = get_object_or_404(ChangeReport, pk=report_id, benefit__household_id=household_id)
    try:
        services.change_report_process(actor=request.user, report=report)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("De wijziging is verwerkt."))
    return redirect(reverse("residents:household_detail", args=[household_id]) + "#doorgegeven-wijzigingen")


@permission_required("income.view_clients", raise_exception=True)
@require_POST
def reminder_done(request: HttpRequest, reminder_id: int) -> HttpResponse:
    reminder = get_object_or_404(Reminder.objects.of_user(request.user), pk=reminder_id)
    try:
        services.reminder_done(actor=request.user, reminder=reminder)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("De herinnering is afgehandeld."))
    return redirect("income:worklist")


# --- Aggregates and configuration --------------------------------------------------------------------------------


@permission_required("income.view_caseload", raise_exception=True)
@require_GET
def caseload(request: HttpRequest) -> HttpResponse:
    """Caseload per coordinator, and the report of clients without a fixed coordinator (empty by construction)."""
    return render(
        request,
        "income/caseload.html",
        {
            "rows": selectors.caseload_list(),
            "without": selectors.clients_without_coordinator().count(),
            "drift": selectors.clients_whose_coordinator_is_not_the_households().count(),
        },
    )


@permission_required("income.view_non_take_up", raise_exception=True)
@require_GET
def non_take_up_report(request: HttpRequest) -> HttpResponse:
    report = selectors.non_take_up_report()
    mine = selectors.my_non_take_up(user=request.user) if Role.COORDINATOR in request.user.roles else []
    return render(request, "income/non_take_up_report.html", {"report": report, "mine": mine})


@permission_required("income.view_norms", raise_exception=True)
@require_GET
def norm_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "income/norm_list.html",
        {"norms": selectors.norm_version_list(), "regulations": selectors.regulation_list()},
    )
