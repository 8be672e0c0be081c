"""Klantbeheer's payment run pages. Thin: the forms shape the input, one service per action changes the run
(`service_form_submit`), the selectors read (a run of another Dienst answers 404)."""

from __future__ import annotations

from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ..core.views import service_form_submit
from . import payment_calculation as calc
from . import payment_rules  # noqa: F401  (declares the permission below)
from . import selectors_payments as selectors
from .models import PaymentRunStatus
from .payment_forms import PaymentRunConfirmForm, PaymentRunPrepareForm
from .services import payments as services

PERMISSION = "income.manage_payment_runs"


@permission_required(PERMISSION, raise_exception=True)
@require_GET
def run_list(request: HttpRequest) -> HttpResponse:
    page = selectors.run_page(user=request.user, page_number=request.GET.get("pagina"))
    return render(request, "income/payment_run_list.html", {"page": page, "runs": page.object_list})


def _proposed_execution_on(today):
    """The next month's run, paid on the execution day of payments.yaml (this month's if it is still ahead)."""
    day = int(calc.payment_number("execution_day"))
    this_month = today.replace(day=min(day, 28))
    return this_month if this_month >= today else (calc.month_next(today)).replace(day=min(day, 28))


@permission_required(PERMISSION, raise_exception=True)
@require_http_methods(["GET", "POST"])
def run_prepare(request: HttpRequest) -> HttpResponse:
    organisations = selectors.client_admin_organisations(request.user)
    today = timezone.localdate()
    execution_on = _proposed_execution_on(today)
    form = PaymentRunPrepareForm(
        request.POST or None,
        organisations=organisations,
        initial={
            "month": execution_on.replace(day=1),
            "execution_on": execution_on,
            "organisation": organisations[0].pk if organisations else None,
        },
    )
    chosen = {o.pk: o for o in organisations}
    response = service_form_submit(
        request,
        form,
        lambda data: services.payment_run_prepare(
            actor=request.user,
            organisation=chosen[data["organisation"]],
            month=data["month"],
            kind=data["kind"],
            execution_on=data["execution_on"],
        ),
        success=lambda run: (
            _("De betaalrun is klaargezet: %(count)d betalingen. Een collega fiatteert hem.")
            % {"count": run.line_count}
        ),
        then=lambda run: reverse("payments:run_detail", args=[run.pk]),
    )
    if response is not None:
        return response
    context = {"form": form, "back": reverse("payments:run_list")}
    return render(request, "income/payment_run_prepare.html", context, status=400 if form.errors else 200)


def _detail(request: HttpRequest, run, *, form=None, status: int = 200) -> HttpResponse:
    page, rows = selectors.run_lines_page(user=request.user, run=run, page_number=request.GET.get("pagina"))
    context = {
        "run": run,
        "page": page,
        "rows": rows,
        "summary": selectors.run_summary(run),
        "form": form or PaymentRunConfirmForm(),
        "may_approve": run.status == PaymentRunStatus.PREPARED and run.prepared_by_id != request.user.pk,
        "may_cancel": run.status == PaymentRunStatus.PREPARED,
        "skipped": run.skipped,
    }
    return render(request, "income/payment_run_detail.html", context, status=status)


@permission_required(PERMISSION, raise_exception=True)
@require_GET
def run_detail(request: HttpRequest, run_id: int) -> HttpResponse:
    return _detail(request, selectors.run_get(user=request.user, run_id=run_id))


def _step(request: HttpRequest, run_id: int, service, success: str) -> HttpResponse:
    run = selectors.run_get(user=request.user, run_id=run_id)
    form = PaymentRunConfirmForm(request.POST)
    response = service_form_submit(
        request,
        form,
        lambda data: service(actor=request.user, run=run),
        success=success,
        then=reverse("payments:run_detail", args=[run.pk]),
    )
    if response is not None:
        return response
    run.refresh_from_db()
    return _detail(request, run, form=form, status=400)


@permission_required(PERMISSION, raise_exception=True)
@require_POST
def run_approve(request: HttpRequest, run_id: int) -> HttpResponse:
    return _step(
        request, run_id, services.payment_run_approve, _("De betaalrun is gefiatteerd; het betaalbestand staat klaar.")
    )


@permission_required(PERMISSION, raise_exception=True)
@require_POST
def run_cancel(request: HttpRequest, run_id: int) -> HttpResponse:
    return _step(request, run_id, services.payment_run_cancel, _("De betaalrun is geannuleerd."))


@permission_required(PERMISSION, raise_exception=True)
@require_GET
def run_file(request: HttpRequest, run_id: int) -> HttpResponse:
    run = selectors.run_get(user=request.user, run_id=run_id)
    try:
        content = services.payment_run_file_download(actor=request.user, run=run)
    except ValidationError as error:
        form = PaymentRunConfirmForm(data={})
        form.is_valid()
        for message in error.messages:
            form.add_error(None, message)
        return _detail(request, run, form=form, status=400 if run.status == PaymentRunStatus.APPROVED else 404)
    response = HttpResponse(content, content_type="application/xml")
    response["Content-Disposition"] = f'attachment; filename="betaalrun-{run.month:%Y-%m}-{run.kind}-{run.pk}.xml"'
    return response
