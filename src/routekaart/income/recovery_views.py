"""Recovery's pages (/vorderingen/): the claims list with balances, establishing a claim (prefilled from late
income reports where income's calculation can recompute the months), one claim with its balance over time and
one POST per action, and the letters as PDF.

Thin: the forms shape the input, one service per action changes the claim (`service_form_submit`). Each page asks
the access check for benefit recovery in the P domain before it reads; a household the user may not see answers
the refusal page (403), an unknown claim 404.
"""

from __future__ import annotations

from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ..core.views import access_denied_as_403, service_form_submit
from ..organisations.roles import Domain
from ..residents.access import household_access_check
from ..residents.selectors import household_composition_get
from . import letters_recovery, recovery_permissions  # noqa: F401  (declares the permissions below)
from . import selectors as income_selectors
from . import selectors_recovery as selectors
from .models import ClaimStatus
from .recovery_forms import (
    ArrangementEndForm,
    ArrangementForm,
    ClaimEstablishForm,
    CorrectionForm,
    OverpaymentForm,
    PaymentForm,
    WriteOffForm,
)
from .services import recovery as services

PAGE_SIZE = 50
ACTIONS = {
    "arrangement": (
        ArrangementForm,
        gettext_lazy("Aflossingsafspraak maken"),
        gettext_lazy("De afspraak is vastgelegd."),
    ),
    "arrangement_end": (
        ArrangementEndForm,
        gettext_lazy("Afspraak beëindigen"),
        gettext_lazy("De afspraak is beëindigd."),
    ),
    "payment": (PaymentForm, gettext_lazy("Betaling vastleggen"), gettext_lazy("De betaling is vastgelegd.")),
    "correction": (CorrectionForm, gettext_lazy("Saldo corrigeren"), gettext_lazy("De correctie is vastgelegd.")),
    "write_off": (
        WriteOffForm,
        gettext_lazy("Buiten invordering stellen"),
        gettext_lazy("De vordering is buiten invordering gesteld."),
    ),
}


def _access(request: HttpRequest, household_id: int):
    return household_access_check(
        user=request.user, household_id=household_id, domain=Domain.PARTICIPATION, purpose=services.PURPOSE
    )


def _claim_or_404(claim_id: int):
    claim = selectors.claim_of(claim_id=claim_id)
    if claim is None:
        raise Http404
    return claim


@permission_required("income.view_claims", raise_exception=True)
@require_GET
def claim_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", ClaimStatus.OPEN)
    page = Paginator(selectors.claim_list(user=request.user, status=status), PAGE_SIZE).get_page(
        request.GET.get("pagina")
    )
    selectors.claims_read_log(user=request.user, claims=list(page.object_list))
    context = {"page": page, "status": status, "statuses": ClaimStatus.choices}
    return render(request, "income/recovery_claim_list.html", context)


def _proposal(request: HttpRequest, benefit):
    """The overpayment recomputed from late income reports, when the GET asks for months."""
    if benefit is None or "month_from" not in request.GET:
        return OverpaymentForm(), None
    form = OverpaymentForm(request.GET)
    if not form.is_valid():
        return form, None
    data = form.cleaned_data
    if data["month_to"] < data["month_from"]:
        form.add_error("month_to", _("De periode eindigt vóór zij begint."))
        return form, None
    return form, services.overpayment_from_income_reports(
        benefit=benefit, month_from=data["month_from"], month_to=data["month_to"]
    )


@permission_required("income.manage_claims", raise_exception=True)
@access_denied_as_403
@require_http_methods(["GET", "POST"])
def claim_establish(request: HttpRequest, household_id: int) -> HttpResponse:
    access = _access(request, household_id)
    today = timezone.localdate()
    members = [m.resident for m in household_composition_get(access=access, on=today)]
    benefit = income_selectors.benefit_for_household(household_id=household_id, on=today)
    overpayment_form, proposal = _proposal(request, benefit)
    initial = {"established_on": today, "kind": "recovery"}
    if benefit is not None:
        initial["debtor_id"] = benefit.client_id
    if proposal is not None and proposal.months and proposal.total > 0:
        initial |= {
            "reason": "income_report",
            "period_from": proposal.period_from,
            "period_to": min(proposal.period_to, today),
            "principal": proposal.total,
        }
    form = ClaimEstablishForm(request.POST or None, initial=initial, members=members)
    response = service_form_submit(
        request,
        form,
        lambda data: services.claim_establish(
            actor=request.user,
            household_id=household_id,
            benefit_id=benefit.pk if benefit is not None else None,
            **data,
        ),
        success=lambda claim: _("Vordering %(reference)s is vastgesteld.") % {"reference": claim.reference},
        then=lambda claim: reverse("recovery:claim_detail", args=[claim.pk]),
    )
    if response is not None:
        return response
    context = {
        "form": form,
        "household_id": household_id,
        "benefit": benefit,
        "overpayment_form": overpayment_form,
        "proposal": proposal,
    }
    return render(request, "income/recovery_claim_form.html", context, status=400 if form.errors else 200)


def _detail(request: HttpRequest, claim, access, bound: dict | None = None, status: int = 200) -> HttpResponse:
    file = selectors.claim_get(access=access, claim=claim)
    bound = bound or {}
    actions = []
    if request.user.has_perm("income.manage_claims") and claim.status == ClaimStatus.OPEN:
        names = ["payment", "correction", "write_off"]
        names.insert(0, "arrangement_end" if file.arrangement is not None else "arrangement")
        today = timezone.localdate()
        initial = {
            "arrangement": {"starts_on": today.replace(day=1), "agreed_on": today},
            "payment": {"received_on": today},
            "correction": {"corrected_on": today},
            "write_off": {"written_off_on": today},
            "arrangement_end": {"ends_on": today},
        }
        for name in names:
            form_class, title, _success = ACTIONS[name]
            form = bound.get(name) or form_class(prefix=name, initial=initial[name])
            actions.append({"name": name, "title": title, "form": form})
    limit = None
    if claim.status == ClaimStatus.OPEN and file.arrangement is None:
        protected, room, _problem = services.arrangement_limit(claim=claim, starts_on=timezone.localdate())
        limit = {"protected": protected, "room": room} if protected is not None else None
    context = {"file": file, "claim": claim, "actions": actions, "limit": limit}
    return render(request, "income/recovery_claim_detail.html", context, status=status)


@permission_required("income.view_claims", raise_exception=True)
@access_denied_as_403
@require_GET
def claim_detail(request: HttpRequest, claim_id: int) -> HttpResponse:
    claim = _claim_or_404(claim_id)
    return _detail(request, claim, _access(request, claim.household_id))


def _run(action: str, request: HttpRequest, claim, file_arrangement, data: dict):
    user = request.user
    if action == "arrangement":
        return services.arrangement_agree(actor=user, claim=claim, **data)
    if action == "arrangement_end":
        return services.arrangement_end(actor=user, arrangement=file_arrangement, **data)
    if action == "payment":
        return services.payment_record(actor=user, claim=claim, **data)
    if action == "correction":
        return services.claim_correct(actor=user, claim=claim, **data)
    return services.claim_write_off(actor=user, claim=claim, **data)


@permission_required("income.manage_claims", raise_exception=True)
@access_denied_as_403
@require_POST
def claim_action(request: HttpRequest, claim_id: int, action: str) -> HttpResponse:
    if action not in ACTIONS:
        raise Http404
    claim = _claim_or_404(claim_id)
    access = _access(request, claim.household_id)
    arrangement = selectors.claim_file(claim=claim).arrangement if action == "arrangement_end" else None
    form_class, _title, success = ACTIONS[action]
    form = form_class(request.POST, prefix=action)
    if action == "arrangement_end" and arrangement is None:
        form.is_valid()
        form.add_error(None, _("Deze vordering heeft geen lopende afspraak."))
        return _detail(request, claim, access, {action: form}, status=400)
    response = service_form_submit(
        request,
        form,
        lambda data: _run(action, request, claim, arrangement, data),
        success=success,
        then=reverse("recovery:claim_detail", args=[claim.pk]),
    )
    if response is not None:
        return response
    claim.refresh_from_db()
    return _detail(request, claim, access, {action: form}, status=400)


@permission_required("income.view_claims", raise_exception=True)
@access_denied_as_403
@require_GET
def claim_letter(request: HttpRequest, claim_id: int, letter: str) -> HttpResponse:
    claim = _claim_or_404(claim_id)
    access = _access(request, claim.household_id)
    if letter not in letters_recovery.LETTERS:
        raise Http404
    file = selectors.claim_get(access=access, claim=claim)
    return letters_recovery.letter_response(file=file, letter=letter)
