"""Klantbeheer's objection pages: the list, registering a letter or e-mail, one objection's file with every term and
one form per next step, and the letters. Thin: the forms check the input, one service per step changes the
objection (`service_form_submit`); a refused step answers 400 with the form and its Dutch errors, nothing changed.

The legal team handles objections (every step); a coordinator reads those of their own households and may register
one received at the desk. An objection outside what the user may see answers 404 (legal.selectors).
"""

from __future__ import annotations

from django.contrib.auth.decorators import permission_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ..core.views import service_form_submit
from . import objection_rules  # noqa: F401  (declares the permissions below)
from .decision_read import decision_summary
from .letters import LETTER_KINDS, LetterNotYet, LetterUnavailable, file_name, letter_pdf, letters_available
from .models import ObjectionStatus
from .objection_forms import STEP_FORMS, ObjectionFilterForm, RegisterForm
from .selectors import objection_get, objection_handlers, objection_page

STEP_TITLES = {
    "acknowledge": gettext_lazy("Ontvangst bevestigen (Awb 6:14)"),
    "assign": gettext_lazy("Behandelaar toewijzen"),
    "informal": gettext_lazy("Informeel contact (eerst bellen)"),
    "complete": gettext_lazy("Gronden aangevuld (pro-forma bezwaar)"),
    "judge_late": gettext_lazy("Te laat ingediend: verschoonbaar? (Awb 6:11)"),
    "extend": gettext_lazy("Beslissing verdagen met zes weken (Awb 7:10 lid 3)"),
    "postpone": gettext_lazy("Verder uitstellen met instemming (Awb 7:10 lid 4)"),
    "plan_hearing": gettext_lazy("Hoorzitting plannen (Awb 7:2)"),
    "record_hearing": gettext_lazy("Hoorzitting vastleggen"),
    "waive_hearing": gettext_lazy("Afzien van horen (Awb 7:3)"),
    "advise": gettext_lazy("Advies van de commissie vastleggen"),
    "decide": gettext_lazy("Beslissen op bezwaar (Awb 7:11)"),
    "withdraw": gettext_lazy("Bezwaar ingetrokken"),
    "appeal": gettext_lazy("Beroep registreren"),
    "judgment": gettext_lazy("Uitspraak van de rechter vastleggen"),
    "default_notice": gettext_lazy("Ingebrekestelling registreren (Awb 4:17)"),
    "settle_penalty": gettext_lazy("Dwangsom vaststellen"),
}
STEP_SUCCESS = {
    "acknowledge": gettext_lazy("De ontvangstbevestiging is vastgelegd."),
    "assign": gettext_lazy("De behandelaar is toegewezen."),
    "informal": gettext_lazy("Het informele contact is vastgelegd."),
    "complete": gettext_lazy("De aanvulling van de gronden is vastgelegd."),
    "judge_late": gettext_lazy("Het oordeel over de termijnoverschrijding is vastgelegd."),
    "extend": gettext_lazy("De beslissing is verdaagd. Stuur de indiener de schriftelijke mededeling."),
    "postpone": gettext_lazy("Het uitstel is vastgelegd."),
    "plan_hearing": gettext_lazy("De hoorzitting is gepland. Stuur de uitnodiging."),
    "record_hearing": gettext_lazy("De hoorzitting is vastgelegd."),
    "waive_hearing": gettext_lazy("Vastgelegd dat van horen is afgezien."),
    "advise": gettext_lazy("Het advies is vastgelegd."),
    "decide": gettext_lazy("De beslissing op bezwaar is vastgelegd. Stuur de brief."),
    "withdraw": gettext_lazy("Het bezwaar is ingetrokken."),
    "appeal": gettext_lazy("Het beroep is geregistreerd."),
    "judgment": gettext_lazy("De uitspraak is vastgelegd."),
    "default_notice": gettext_lazy("De ingebrekestelling is geregistreerd."),
    "settle_penalty": gettext_lazy("De dwangsom is vastgesteld."),
}
AFTER_RECEIPT = (ObjectionStatus.ACKNOWLEDGED, ObjectionStatus.INFORMAL)
BEFORE_HEARING = (ObjectionStatus.RECEIVED, ObjectionStatus.ACKNOWLEDGED, ObjectionStatus.INFORMAL)


def steps_open(objection, hearings, appeals, notices) -> list[str]:
    """The steps the objection may take now, in the order of the procedure."""
    steps: list[str] = []
    if objection.is_open:
        if objection.acknowledged_on is None:
            steps.append("acknowledge")
        steps.append("assign")
        if objection.pro_forma and objection.completed_on is None:
            steps.append("complete")
        if objection.late and objection.late_excusable is None:
            steps.append("judge_late")
        if objection.status == ObjectionStatus.ACKNOWLEDGED:
            steps.append("informal")
        if objection.status in AFTER_RECEIPT:
            steps.append("plan_hearing")
        if objection.status in BEFORE_HEARING:
            steps.append("waive_hearing")
        if any(h.held_on is None and not h.waived_reason for h in hearings):
            steps.append("record_hearing")
        if objection.committee and objection.status == ObjectionStatus.HEARD:
            steps.append("advise")
        steps.append("decide")
        if objection.extended_on is None:
            steps.append("extend")
        steps += ["postpone", "default_notice", "withdraw"]
    elif objection.status == ObjectionStatus.DECIDED:
        steps.append("appeal")
        if any(a.judgment_on is None for a in appeals):
            steps.append("judgment")
    if any(n.penalty_decided_on is None for n in notices):
        steps.append("settle_penalty")
    return steps


def step_form(name: str, objection, data=None, provisions: list | None = None):
    kwargs: dict = {"prefix": name}
    if name == "assign":
        kwargs["organisation_id"] = objection.organisation_id
    elif name in ("record_hearing", "judgment", "settle_penalty"):
        kwargs["objection"] = objection
    elif name == "decide":
        kwargs["provisions"] = provisions or []
    return STEP_FORMS[name](data, **kwargs)


def _call(step: str, actor, objection, form) -> object:
    """One service call per step: the form's cleaned data are its keyword arguments."""
    from .services import appeals as appeal_services
    from .services import objections as services

    data = dict(form.cleaned_data)
    if step == "decide":
        return services.objection_decide(actor=actor, objection=objection, **form.service_data())
    if step == "record_hearing":
        return services.hearing_record(actor=actor, hearing=data.pop("hearing"), **data)
    if step == "judgment":
        return appeal_services.appeal_judgment(actor=actor, appeal=data.pop("appeal"), **data)
    if step == "settle_penalty":
        return services.default_penalty_settle(actor=actor, notice=data.pop("notice"), **data)
    if step == "appeal":
        return appeal_services.appeal_register(actor=actor, objection=objection, **data)
    function = {
        "acknowledge": services.objection_acknowledge,
        "assign": services.objection_assign,
        "informal": services.objection_informal_contact,
        "complete": services.objection_complete,
        "judge_late": services.objection_late_judge,
        "extend": services.objection_extend,
        "postpone": services.objection_postpone,
        "plan_hearing": services.hearing_plan,
        "waive_hearing": services.hearing_waive,
        "advise": services.objection_advise,
        "withdraw": services.objection_withdraw,
        "default_notice": services.default_notice_register,
    }[step]
    return function(actor=actor, objection=objection, **data)


def _handler_id(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


@permission_required("legal.view_objections", raise_exception=True)
@require_GET
def objection_list(request: HttpRequest) -> HttpResponse:
    on = timezone.localdate()
    handlers = objection_handlers(user=request.user, on=on)
    form = ObjectionFilterForm(request.GET or None, handlers=handlers)
    filters = form.cleaned_data if form.is_valid() else {}
    page, rows = objection_page(
        user=request.user,
        on=on,
        status=filters.get("status") or "",
        handler_id=filters.get("handler"),
        law=filters.get("law") or "",
        page_number=request.GET.get("pagina"),
    )
    query = request.GET.copy()
    query.pop("pagina", None)
    context = {"form": form, "page": page, "rows": rows, "query": query.urlencode()}
    return render(request, "legal/objection_list.html", context)


@permission_required("legal.register_objection", raise_exception=True)
@require_http_methods(["GET", "POST"])
def objection_register(request: HttpRequest) -> HttpResponse:
    from .services import objections as services

    form = RegisterForm(request.POST or None)
    response = service_form_submit(
        request,
        form,
        lambda data: services.objection_register_by_reference(actor=request.user, **data),
        success=lambda objection: _("Bezwaar %(reference)s is geregistreerd.") % {"reference": objection.reference},
        then=lambda objection: reverse("legal:objection_detail", args=[objection.pk]),
    )
    if response is not None:
        return response
    status = 400 if form.errors else 200
    return render(request, "legal/objection_register.html", {"form": form}, status=status)


def _detail(request: HttpRequest, objection_id: int, bound: dict | None = None, status: int = 200) -> HttpResponse:
    file = objection_get(user=request.user, objection_id=objection_id)
    objection = file.objection
    decision = decision_summary(objection)
    bound = bound or {}
    may_handle = request.user.has_perm("legal.handle_objections")
    names = steps_open(objection, file.hearings, file.appeals, file.notices) if may_handle else []
    provisions = decision.provisions if decision else []
    steps = [
        {
            "name": name,
            "title": STEP_TITLES[name],
            "form": bound.get(name) or step_form(name, objection, provisions=provisions),
        }
        for name in [*(name for name in bound if name not in names), *names]
    ]  # a refused step's form stays on the page with its errors, also when the step is not open now
    context = {
        "file": file,
        "objection": objection,
        "decision": decision,
        "steps": steps,
        "may_handle": may_handle,
        "letters": letters_available(objection) if may_handle else [],
    }
    return render(request, "legal/objection_detail.html", context, status=status)


@permission_required("legal.view_objections", raise_exception=True)
@require_GET
def objection_detail(request: HttpRequest, objection_id: int) -> HttpResponse:
    return _detail(request, objection_id)


@permission_required("legal.handle_objections", raise_exception=True)
@require_POST
def objection_step(request: HttpRequest, objection_id: int, step: str) -> HttpResponse:
    if step not in STEP_FORMS:
        raise Http404
    file = objection_get(user=request.user, objection_id=objection_id, timeline=False)
    objection = file.objection
    decision = decision_summary(objection) if step == "decide" else None
    form = step_form(step, objection, request.POST, provisions=decision.provisions if decision else [])
    response = service_form_submit(
        request,
        form,
        lambda data: _call(step, request.user, objection, form),
        success=STEP_SUCCESS[step],
        then=reverse("legal:objection_detail", args=[objection.pk]),
    )
    if response is not None:
        return response
    return _detail(request, objection.pk, {step: form}, status=400)


@permission_required("legal.handle_objections", raise_exception=True)
@require_GET
def objection_letter(request: HttpRequest, objection_id: int, kind: str) -> HttpResponse:
    """One of the objection's letters as PDF (the read is logged by objection_get); 404 for a letter it has not."""
    if kind not in LETTER_KINDS:
        raise Http404
    file = objection_get(user=request.user, objection_id=objection_id, timeline=False)
    try:
        pdf = letter_pdf(file.objection, kind)
    except LetterNotYet:
        raise Http404 from None
    except LetterUnavailable as unavailable:
        return render(request, "legal/letter_unavailable.html", {"message": unavailable.message}, status=503)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{file_name(file.objection, kind)}"'
    return response
