"""Screens of the integrale toegang. Every view asks the household's access check before it reads or writes.

A refused check is answered with the one 403 page (`core.views.access_denied_as_403`); the audit middleware
writes the log entry of the refused attempt. Forms that fail keep what was typed and say per field
what is wrong (status 400); htmx fragments answer 200 so the fragment with its messages is swapped in.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ..core.forms import Form as CoreForm
from ..core.views import access_denied_as_403, service_form_submit
from ..organisations import selectors as organisations_selectors
from ..organisations.roles import Domain
from ..residents import selectors as residents_selectors
from ..residents.access import household_access_check
from ..residents.models import Household, Resident
from . import selectors, services
from .forms import (
    AdviceReceivedForm,
    AgreementForm,
    AgreementFormSet,
    AgreementStatusForm,
    AssessmentForm,
    CloseForm,
    ContractedProviders,
    DeadlineChangeForm,
    DecisionForm,
    GatekeepingForm,
    IntakeForm,
    PlanActivateForm,
    PlanForm,
    ProcessCoordinatorForm,
    ProvisionFormSet,
    ReviewForm,
    SignalForm,
    SpecialistAdviceForm,
    TransferForm,
    WorklistFilterForm,
)
from .letters import decision_letter_pdf
from .models import (
    Agreement,
    Assessment,
    Case,
    Deadline,
    DeadlineChangeRule,
    Decision,
    LifeDomain,
    Plan,
    ResidentMessage,
    ScaleStep,
    SpecialistAdvice,
)

PAGE_SIZE = 25


def _case_access(request: HttpRequest, case_id: int, domain: str = Domain.GENERAL):
    case = get_object_or_404(Case, pk=case_id)
    access = household_access_check(
        user=request.user, household_id=case.household_id, domain=domain, purpose="household-file"
    )
    return case, access


def _members(access) -> list[Resident]:
    """Today's members, for the choices of a form (the read is logged as household composition)."""
    return [m.resident for m in residents_selectors.household_composition_get(access=access, on=access.on)]


def _to_form(error: ValidationError, form, formsets: dict[str, object] | None = None) -> None:
    """Put a service's messages on the fields they name: `field`, or `<formset prefix>-<n>-<field>`."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for name, errors in error.message_dict.items():
        prefix, _sep, rest = name.partition("-")
        formset = (formsets or {}).get(prefix)
        if formset is not None and rest:
            index, _sep, field_name = rest.partition("-")
            try:
                target = formset.forms[int(index)]
            except (ValueError, IndexError):
                target = None
            if target is not None and field_name in target.fields:
                target.add_error(field_name, errors)
                continue
        if name in form.fields:
            form.add_error(name, errors)
        else:
            form.add_error(None, errors)


def _back(case_or_household_id) -> HttpResponse:
    household_id = getattr(case_or_household_id, "household_id", case_or_household_id)
    return redirect("access:household", household_id=household_id)


def _form_page(request, *, form, case, title, intro="", template="access/form.html", **extra):
    """The form again: 400 when it carries errors (its own or the service's refusal), else 200."""
    context = {"form": form, "case": case, "title": title, "intro": intro, **extra}
    return render(request, template, context, status=400 if form.errors else 200)


# --- worklist, home ---------------------------------------------------------------------------------------------


@permission_required("access.work_cases", raise_exception=True)
@require_GET
def worklist(request: HttpRequest) -> HttpResponse:
    """Mijn werkvoorraad: the coordinator's open cases, most urgent first, filtered and paginated."""
    form = WorklistFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    cases = selectors.worklist(
        user=request.user,
        status=filters.get("status") or "",
        domain=filters.get("domain") or "",
        overdue_only=bool(filters.get("overdue")),
        household=filters.get("household"),
    )
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("pagina"))
    rows = selectors.worklist_rows(cases=page.object_list, user=request.user)
    query = request.GET.copy()
    query.pop("pagina", None)
    context = {"form": form, "page": page, "rows": rows, "query": query.urlencode()}
    context["leads_team"] = bool(organisations_selectors.teams_led(user=request.user))  # links to the team's work
    return render(request, "access/worklist.html", context)


@permission_required("access.work_cases", raise_exception=True)
@require_GET
def home_summary(request: HttpRequest) -> HttpResponse:
    """htmx-only: the signals waiting and agreements due soon, for the coordinator's home page."""
    if not request.htmx:
        return redirect("access:worklist")
    return render(
        request, "access/components/home_summary.html", {"summary": selectors.home_summary(user=request.user)}
    )


# --- the household's case file ----------------------------------------------------------------------------------


@permission_required("access.view_cases", raise_exception=True)
@access_denied_as_403
@require_GET
def household(request: HttpRequest, household_id: int) -> HttpResponse:
    access = household_access_check(user=request.user, household_id=household_id, purpose="household-file")
    file = selectors.case_file_get(access=access)
    return render(
        request,
        "access/household.html",
        {
            "file": file,
            "may_work": request.user.has_perm("access.work_cases"),
            "status_form": AgreementStatusForm(),
            "agreement_form": AgreementForm(life_domains=[g.life_domain for g in file.active_plan.goals.all()])
            if file.active_plan
            else None,
        },
    )


@permission_required("access.work_cases", raise_exception=True)
@access_denied_as_403
@require_http_methods(["GET", "POST"])
def signal_create(request: HttpRequest, household_id: int) -> HttpResponse:
    """A melding, aanvraag or verwijzing for this household: it joins the open case or opens one."""
    access = household_access_check(user=request.user, household_id=household_id, purpose="household-file")
    members = _members(access)
    form = SignalForm(request.POST or None, members=members)
    effects = {
        "opened": _("Het signaal is vastgelegd en heeft een nieuwe casus geopend."),
        "reopened": _("Het signaal is vastgelegd en heeft de casus heropend."),
        "joined": _("Het signaal is vastgelegd bij de open casus van dit huishouden."),
    }
    return service_form_submit(
        request,
        form,
        lambda data: services.signal_receive(
            actor=request.user,
            household=Household(pk=household_id),
            kind=data["kind"],
            topic=data["topic"],
            source=data["source"],
            referrer_organisation=data["referrer_organisation"],
            domain=data["domain"],
            resident=next((r for r in members if r.pk == data["resident"]), None),
            received_on=data["received_on"],
            urgent=data["urgent"],
            summary=data["summary"],
        ),
        success=lambda signal: effects[signal.effect],
        then=_back(household_id),
    ) or _form_page(
        request,
        form=form,
        case=None,
        household_id=household_id,
        title=_("Nieuw signaal"),
        intro=_(
            "Een melding, aanvraag of verwijzing. "
            "Heeft het huishouden al een open casus, dan komt het signaal daarbij: één huishouden, één plan."
        ),
    )


@permission_required("access.work_cases", raise_exception=True)
@access_denied_as_403
@require_http_methods(["GET", "POST"])
def intake(request: HttpRequest, case_id: int) -> HttpResponse:
    case, access = _case_access(request, case_id)
    members = _members(access)
    form = IntakeForm(
        request.POST or None,
        members=members,
        life_domains=LifeDomain.objects.order_by("order"),
        scale=ScaleStep.objects.all(),
    )
    return service_form_submit(
        request,
        form,
        lambda data: services.intake_record(
            actor=request.user,
            case=case,
            resident=next((r for r in members if r.pk == data["resident"]), None),
            held_on=data["held_on"],
            question=data["question"],
            wishes=data["wishes"],
            talents=data["talents"],
            possibilities=data["possibilities"],
            scores=form.scores(),
        ),
        success=_("De intake is vastgelegd."),
        then=_back(case),
    ) or _form_page(
        request,
        form=form,
        case=case,
        title=_("Intake op alle leefgebieden"),
        intro=_(
            "Begin bij talenten en mogelijkheden. "
            "Geef per leefgebied een score voor zelfredzaamheid van 1 tot en met 5."
        ),
        template="access/intake_form.html",
    )


@permission_required("access.work_cases", raise_exception=True)
@access_denied_as_403
@require_http_methods(["GET", "POST"])
def gatekeeping(request: HttpRequest, case_id: int) -> HttpResponse:
    case, _access = _case_access(request, case_id)
    form = GatekeepingForm(
        request.POST or None, provisions=selectors.general_provisions_queryset().prefetch_related("versions")
    )
    return service_form_submit(
        request,
        form,
        lambda data: services.gatekeeping_record(
            actor=request.user,
            case=case,
            outcome=data["outcome"],
            decided_on=data["decided_on"],
            general_provisions=form.chosen_provisions(),
            note=data["note"],
            job_search=data["job_search"],
            job_applications=data["job_applications"],
            search_period_exempt=data["search_period_exempt"],
        ),
        success=_("Het besluit van de poortwachter is vastgelegd."),
        then=_back(case),
    ) or _form_page(
        request,
        form=form,
        case=case,
        title=_("Poortwachter"),
        intro=_(
            "Kan de inwoner verder met algemene voorzieningen in het voorveld, of is vraaggestuurd onderzoek nodig?"
        ),
    )


@permission_required("access.work_cases", raise_exception=True)
@access_denied_as_403
@require_http_methods(["GET", "POST"])
def assessment(request: HttpRequest, case_id: int) -> HttpResponse:
    case, _access = _case_access(request, case_id)
    current = Assessment.objects.filter(case=case, completed_on__isnull=True).order_by("-pk").first()
    form = AssessmentForm(request.POST or None, initial={"report": current.report if current else ""})
    return service_form_submit(
        request,
        form,
        lambda data: services.assessment_record(
            actor=request.user, case=case, report=data["report"], complete=data["complete"]
        ),
        success=_("Het vraaggestuurd onderzoek is bijgewerkt."),
        then=_back(case),
    ) or _form_page(
        request,
        form=form,
        case=case,
        title=_("Vraaggestuurd onderzoek"),
        intro=_("Wat is de ondersteuningsbehoefte? Het verslag leidt tot het plan van aanpak."),
    )


@permission_required("access.work_cases", raise_exception=True)
@access_denied_as_403
@require_http_methods(["GET", "POST"])
def specialist_advice(request: HttpRequest, case_id: int) -> HttpResponse:
    case, _access = _case_access(request, case_id)
    form = SpecialistAdviceForm(request.POST or None)

    return service_form_submit(
        request,
        form,
        lambda data: services.specialist_advice_request(actor=request.user, case=case, **data),
        success=_("De adviesvraag is vastgelegd."),
        then=_back(case),
    ) or _form_page(
        request,
        form=form,
        case=case,
        title=_("Specialistisch advies vragen"),
        intro=_(
            "Bij meer gecompliceerde vragen: een arts, psycholoog of arbeidsdeskundige. "
            "Onafhankelijk waar de wet dat eist."
        ),
    )


@permission_required("access.work_cases", raise_exception=True)
@access_denied_as_403
@require_http_methods(["GET", "POST"])
def advice_received(request: HttpRequest, advice_id: int) -> HttpResponse:
    """The specialist's answer arrives and is recorded with the question."""
    advice = get_object_or_404(SpecialistAdvice.objects.select_related("assessment"), pk=advice_id)
    case, _access = _case_access(request, advice.assessment.case_id)
    form = AdviceReceivedForm(request.POST or None)
    return service_form_submit(
        request,
        form,
        lambda data: services.specialist_advice_receive(
            actor=request.user, advice=advice, text=data["advice"], received_on=data["received_on"]
        ),
        success=_("Het advies is vastgelegd."),
        then=_back(case),
    ) or _form_page(
        request,
        form=form,
        case=case,
        title=_("Advies van %(adviser)s") % {"adviser": advice.adviser},
        intro=advice.question,
    )


@permission_required("access.work_cases", raise_exception=True)
@access_denied_as_403
@require_POST
def deadline_meet(request: HttpRequest, deadline_id: int) -> HttpResponse:
    """A step outside this app meets a deadline: the Participatiewet advance has been granted."""
    deadline = get_object_or_404(Deadline, pk=deadline_id)
    case, _access = _case_access(request, deadline.case_id, domain=deadline.law)
    try:
        services.deadline_meet(actor=request.user, deadline=deadline, met_by=request.POST.get("met_by", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("De termijn is gehaald."))
    return _back(case)


@permission_required("access.work_cases", raise_exception=True)
@access_denied_as_403
@require_http_methods(["GET", "POST"])
def plan(request: HttpRequest, case_id: int) -> HttpResponse:
    """Draft a (new version of the) plan van aanpak: goals per life domain and agreements per party."""
    case, _access = _case_access(request, case_id)
    domains = list(LifeDomain.objects.order_by("order"))
    form = PlanForm(request.POST or None, life_domains=domains)
    formset = AgreementFormSet(request.POST or None, prefix="agreements", life_domains=domains)
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        goals = [services.GoalSpec(code, text) for code, text in form.goals() if text.strip()]
        agreements = [
            services.AgreementSpec(
                description=f.cleaned_data["description"],
                party=f.cleaned_data["party"],
                party_name=f.cleaned_data["party_name"],
                provider=f.cleaned_data["provider"],
                due_on=f.cleaned_data["due_on"],
                life_domain=f.cleaned_data["life_domain"],
            )
            for f in formset.forms
            if f.has_changed() and f.cleaned_data
        ]
        try:
            services.plan_draft(
                actor=request.user, case=case, summary=form.cleaned_data["summary"], goals=goals, agreements=agreements
            )
        except ValidationError as error:
            _to_form(error, form, {"agreements": formset})
        else:
            messages.success(
                request,
                _("Het concept van het plan van aanpak is vastgelegd. Leg nu de instemming van de inwoner vast."),
            )
            return _back(case)
    invalid = bool(form.errors or any(f.errors for f in formset.forms) or formset.non_form_errors())
    return render(
        request,
        "access/plan_form.html",
        {"form": form, "formset": formset, "case": case},
        status=400 if invalid else 200,
    )


@permission_required("access.work_cases", raise_exception=True)
@access_denied_as_403
@require_http_methods(["GET", "POST"])
def plan_activate(request: HttpRequest, plan_id: int) -> HttpResponse:
    draft = get_object_or_404(Plan, pk=plan_id)
    case, _access = _case_access(request, draft.case_id)
    form = PlanActivateForm(request.POST or None)
    return service_form_submit(
        request,
        form,
        lambda data: services.plan_activate(actor=request.user, plan=draft, **data),
        success=_("Het plan van aanpak is actief."),
        then=_back(case),
    ) or _form_page(
        request,
        form=form,
        case=case,
        title=_("Plan van aanpak activeren (versie %(version)s)") % {"version": draft.version},
        intro=_("Het plan wordt het ene actieve plan van het huishouden. Een eerdere versie blijft bewaard."),
    )


@permission_required("access.work_cases", raise_exception=True)
@access_denied_as_403
@require_POST
def plan_revise(request: HttpRequest, case_id: int) -> HttpResponse:
    """A new draft version copied from the active plan (goals and open agreements)."""
    case, _access = _case_access(request, case_id)
    try:
        services.plan_draft(actor=request.user, case=case)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Er is een nieuwe conceptversie van het plan gemaakt."))
    return _back(case)


@permission_required("access.work_cases", raise_exception=True)
@access_denied_as_403
@require_POST
def agreement_add(request: HttpRequest, plan_id: int) -> HttpResponse:
    """Edit in place (htmx): add an agreement to the plan; answers the agreements section."""
    target = get_object_or_404(Plan, pk=plan_id)
    case, _access = _case_access(request, target.case_id)
    form = AgreementForm(request.POST, life_domains=[g.life_domain for g in target.goals.select_related("life_domain")])
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.agreement_add(
                actor=request.user,
                plan=target,
                spec=services.AgreementSpec(
                    description=data["description"],
                    party=data["party"],
                    party_name=data["party_name"],
                    provider=data["provider"],
                    due_on=data["due_on"],
                    life_domain=data["life_domain"],
                ),
            )
        except ValidationError as error:
            _to_form(error, form)
        else:
            form = AgreementForm(life_domains=[g.life_domain for g in target.goals.select_related("life_domain")])
            if not request.htmx:
                messages.success(request, _("De afspraak is toegevoegd."))
                return _back(case)
    if not request.htmx:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return _back(case)
    target = Plan.objects.prefetch_related("agreements__provider", "agreements__goal__life_domain").get(pk=target.pk)
    return render(
        request,
        "access/components/agreements.html",
        {"plan": target, "agreement_form": form, "status_form": AgreementStatusForm(), "may_work": True, "case": case},
    )


@permission_required("access.work_cases", raise_exception=True)
@access_denied_as_403
@require_POST
def agreement_status(request: HttpRequest, agreement_id: int) -> HttpResponse:
    """Edit in place (htmx): mark an agreement done, cancelled or open; answers the updated row."""
    agreement = get_object_or_404(Agreement.objects.select_related("plan"), pk=agreement_id)
    case, _access = _case_access(request, agreement.plan.case_id)
    form = AgreementStatusForm(request.POST)
    error_text = ""
    if form.is_valid():
        try:
            agreement = services.agreement_status_set(
                actor=request.user, agreement=agreement, status=form.cleaned_data["status"]
            )
        except ValidationError as error:
            error_text = " ".join(error.messages)
    else:
        error_text = _("Kies een status.")
    if not request.htmx:
        if error_text:
            messages.error(request, error_text)
        return _back(case)
    agreement = Agreement.objects.select_related("provider", "goal__life_domain", "plan").get(pk=agreement.pk)
    return render(
        request,
        "access/components/agreement_row.html",
        {"agreement": agreement, "status_form": AgreementStatusForm(), "may_work": True, "error": error_text},
    )


@permission_required("access.decide", raise_exception=True)
@access_denied_as_403
@require_http_methods(["GET", "POST"])
def decision(request: HttpRequest, case_id: int) -> HttpResponse:
    """A beschikking: grant or refuse tailored provisions under one law."""
    case, access = _case_access(request, case_id)
    members = _members(access)
    blocks = list(selectors.tailored_provisions_queryset().prefetch_related("versions"))
    form = DecisionForm(request.POST or None, members=members)
    offers = ContractedProviders.where_they_live(members, addressee=request.POST.get("addressee", ""))
    formset = ProvisionFormSet(request.POST or None, prefix="provisions", blocks=blocks, offers=offers)
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        by_pk = {b.pk: b for b in blocks}
        specs = [
            services.ProvisionSpec(
                building_block=by_pk.get(f.cleaned_data["building_block"]),
                outcome=f.cleaned_data["outcome"],
                law=f.cleaned_data["law"],
                starts_on=f.cleaned_data["starts_on"],
                ends_on=f.cleaned_data["ends_on"],
                volume=f.cleaned_data["volume"],
                unit=f.cleaned_data["unit"],
                provider=f.cleaned_data["provider"],
                reasoning=f.cleaned_data["reasoning"],
            )
            for f in formset.forms
            if f.has_changed() and f.cleaned_data
        ]
        laws = {s.law or "" for s in specs}
        try:
            for law in laws - {""}:  # the decision's domain must be visible to the one who decides
                household_access_check(
                    user=request.user, household_id=case.household_id, domain=law, purpose="household-file"
                )
            result = services.decision_record(
                actor=request.user,
                case=case,
                addressee=next((r for r in members if r.pk == form.cleaned_data["addressee"]), None),
                decided_on=form.cleaned_data["decided_on"],
                urgent=form.cleaned_data["urgent"],
                provisions=specs,
            )
        except ValidationError as error:
            _to_form(error, form, {"provisions": formset})
        else:
            messages.success(
                request, _("De beschikking %(reference)s is vastgelegd.") % {"reference": result.decision.reference}
            )
            if result.needs_process_coordinator:
                messages.warning(
                    request,
                    _("Er zijn nu voorzieningen uit meer dan één cluster: wijs een procesregisseur aan."),
                )
            return _back(case)
    invalid = bool(form.errors or any(f.errors for f in formset.forms) or formset.non_form_errors())
    return render(
        request,
        "access/decision_form.html",
        {"form": form, "formset": formset, "case": case},
        status=400 if invalid else 200,
    )


@permission_required("access.view_cases", raise_exception=True)
@access_denied_as_403
@require_GET
def decision_letter(request: HttpRequest, decision_id: int) -> HttpResponse:
    """The decision letter as PDF, in plain Dutch, with the objection clause."""
    found = get_object_or_404(Decision, pk=decision_id)
    access = household_access_check(
        user=request.user, household_id=found.household_id, domain=found.law, purpose="household-file"
    )
    letter = selectors.decision_letter_get(access=access, decision_id=decision_id)
    response = HttpResponse(decision_letter_pdf(letter), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="beschikking-{letter.reference}.pdf"'
    return response


def case_hand_over_submit(request: HttpRequest, form: TransferForm, case, *, then: str) -> HttpResponse | None:
    """A warm handover of the case from the transfer form (the coordinator's own page and the team leader's): the
    service's refusal lands on the form's field for the new coordinator ("to")."""

    def hand_over(data: dict) -> None:
        chosen = form.chosen()
        try:
            services.coordinator_transfer(
                actor=request.user,
                case=case,
                to_user=chosen.user,
                to_organisation=chosen.organisation,
                note=data["note"],
                resident_informed_on=data["resident_informed_on"],
                handed_over_on=data["handed_over_on"],
            )
        except ValidationError as error:
            raise ValidationError(
                {("to" if k == "to_user" else k): v for k, v in error.message_dict.items()}
            ) from error

    return service_form_submit(request, form, hand_over, success=_("De casus is warm overgedragen."), then=then)


@permission_required("access.work_cases", raise_exception=True)
@access_denied_as_403
@require_http_methods(["GET", "POST"])
def transfer(request: HttpRequest, case_id: int) -> HttpResponse:
    case, _access = _case_access(request, case_id)
    was_mine = case.coordinator_id == request.user.pk
    form = TransferForm(request.POST or None, exclude_user=case.coordinator_id)

    return case_hand_over_submit(
        request, form, case, then="access:worklist" if was_mine else _back(case)
    ) or _form_page(
        request,
        form=form,
        case=case,
        title=_("Warme overdracht"),
        intro=_("Beide regisseurs bij naam, een overdrachtsnotitie, en de inwoner weet ervan."),
    )


@permission_required("access.work_cases", raise_exception=True)
@access_denied_as_403
@require_http_methods(["GET", "POST"])
def process_coordinator(request: HttpRequest, case_id: int) -> HttpResponse:
    case, _access = _case_access(request, case_id)
    form = ProcessCoordinatorForm(request.POST or None)
    return service_form_submit(
        request,
        form,
        lambda data: services.process_coordinator_appoint(actor=request.user, case=case, user=form.chosen()),
        success=_("De procesregisseur is aangewezen."),
        then=_back(case),
    ) or _form_page(
        request,
        form=form,
        case=case,
        title=_("Procesregisseur aanwijzen"),
        intro=_(
            "Zijn er voorzieningen uit meer dan één cluster, "
            "dan coördineert een procesregisseur het werk van die clusters."
        ),
    )


@permission_required("access.work_cases", raise_exception=True)
@access_denied_as_403
@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, case_id: int) -> HttpResponse:
    case, _access = _case_access(request, case_id)
    form = ReviewForm(
        request.POST or None, life_domains=LifeDomain.objects.order_by("order"), scale=ScaleStep.objects.all()
    )
    return service_form_submit(
        request,
        form,
        lambda data: services.review_record(
            actor=request.user,
            case=case,
            held_on=data["held_on"],
            note=data["note"],
            next_review_on=data["next_review_on"],
            scores=form.scores(),
        ),
        success=_("De evaluatie is vastgelegd."),
        then=_back(case),
    ) or _form_page(
        request,
        form=form,
        case=case,
        title=_("Evaluatie van het plan"),
        intro=_(
            "Scoor de leefgebieden opnieuw; de pagina van het huishouden toont de verandering sinds de vorige keer."
        ),
        template="access/intake_form.html",
    )


@permission_required("access.work_cases", raise_exception=True)
@access_denied_as_403
@require_http_methods(["GET", "POST"])
def deadline_change(request: HttpRequest, deadline_id: int) -> HttpResponse:
    deadline = get_object_or_404(Deadline.objects.select_related("rule"), pk=deadline_id)
    case, _access = _case_access(request, deadline.case_id, domain=deadline.law)
    rules = DeadlineChangeRule.objects.filter(code__in=deadline.rule.changes).order_by("code")
    form = DeadlineChangeForm(request.POST or None, rules=rules)
    return service_form_submit(
        request,
        form,
        lambda data: services.deadline_change(actor=request.user, deadline=deadline, **data),
        success=_("De termijn is gewijzigd."),
        then=_back(case),
    ) or _form_page(
        request,
        form=form,
        case=case,
        title=_("Termijn wijzigen: %(name)s") % {"name": deadline.name},
        intro=_("Loopt tot %(date)s. Alleen de wijzigingen die de wet voor deze termijn kent.")
        % {"date": deadline.due_on.strftime("%d-%m-%Y")},
    )


@permission_required("access.work_cases", raise_exception=True)
@access_denied_as_403
@require_http_methods(["GET", "POST"])
def close(request: HttpRequest, case_id: int) -> HttpResponse:
    case, _access = _case_access(request, case_id)
    form = CloseForm(request.POST or None)
    return service_form_submit(
        request,
        form,
        lambda data: services.case_close(
            actor=request.user, case=case, reason=data["reason"], closed_on=data["closed_on"]
        ),
        success=_("De casus is afgesloten."),
        then=_back(case),
    ) or _form_page(
        request,
        form=form,
        case=case,
        title=_("Casus afsluiten"),
        intro=_("Het plan van aanpak eindigt en lopende termijnen vervallen. De regisseur blijft aanspreekpunt."),
    )


# --- residents' messages from Mijn Routekaart ---------------------------------------------------------------------


class ResidentMessageAnswerForm(CoreForm):
    limits_model = ResidentMessage
    answer = forms.CharField(
        label=_lazy("Uw antwoord aan de inwoner"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_lazy("De inwoner leest uw antwoord in Mijn Routekaart. Schrijf in eenvoudige woorden."),
    )


@permission_required("access.work_cases", raise_exception=True)
@access_denied_as_403
@require_http_methods(["GET", "POST"])
def resident_message_answer(request: HttpRequest, message_id: int) -> HttpResponse:
    """The coordinator answers a resident's question or objection (from the household page's block)."""
    message = get_object_or_404(ResidentMessage.objects.select_related("agreement", "decision"), pk=message_id)
    household_access_check(user=request.user, household_id=message.household_id, purpose="household-file")
    # the field's id as on the household page (answer-<message>), so a refusal's summary links the field answered
    form = ResidentMessageAnswerForm(request.POST or None, auto_id=f"%s-{message.pk}")
    then = redirect("residents:household_detail", household_id=message.household_id)
    return service_form_submit(
        request,
        form,
        lambda data: services.resident_message_answer(actor=request.user, message=message, answer=data["answer"]),
        success=_("Uw antwoord is verstuurd. De inwoner leest het in Mijn Routekaart."),
        then=then,
    ) or _form_page(
        request,
        form=form,
        case=None,
        household_id=message.household_id,
        title=_("%(kind)s van de inwoner beantwoorden") % {"kind": message.get_kind_display()},
        intro=message.text,
    )
