"""Household screens for staff. Every view asks `access.household_access_check` before it reads anything.

A refused check is answered with a rendered 403 *response*, not a raised exception, so that the request's
transaction (ATOMIC_REQUESTS) commits the log entry of the refused attempt.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ..organisations.roles import Domain
from ..web.forms import service_errors_to_form
from . import selectors, services
from .access import AccessDenied, household_access_check
from .forms import BreakGlassForm, ConsentForm
from .life_phase import age_on
from .models import Consent, Household

PAGE_SIZE = 25
SUMMARY_SIZE = 5


def access_denied_as_403(view):
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except AccessDenied as denied:
            context = {
                "message": str(denied),
                "household_id": kwargs.get("household_id"),
                "may_break_glass": request.user.has_perm("residents.break_glass"),
            }
            return render(request, "residents/denied.html", context, status=403)

    return wrapper


@permission_required("residents.view_households", raise_exception=True)
@require_GET
def household_list(request: HttpRequest) -> HttpResponse:
    """The coordinator's worklist: households they (or their organisation) are involved with now."""
    page = Paginator(selectors.my_households(user=request.user), PAGE_SIZE).get_page(request.GET.get("pagina"))
    selectors.households_read_log(user=request.user, households=page.object_list)
    return render(request, "residents/household_list.html", {"page": page})


@permission_required("residents.view_households", raise_exception=True)
@require_GET
def household_summary(request: HttpRequest) -> HttpResponse:
    """htmx-only: the first few households for a home page, loaded after the page so the home stays light."""
    if not request.htmx:
        return redirect("residents:household_list")
    rows = list(selectors.my_households(user=request.user)[: SUMMARY_SIZE + 1])
    selectors.households_read_log(user=request.user, households=rows[:SUMMARY_SIZE])
    context = {"households": rows[:SUMMARY_SIZE], "more": len(rows) > SUMMARY_SIZE}
    return render(request, "residents/components/my_households.html", context)


@login_required
@access_denied_as_403
@require_GET
def household_detail(request: HttpRequest, household_id: int) -> HttpResponse:
    access = household_access_check(user=request.user, household_id=household_id, purpose="household-file")
    file = selectors.household_file_get(access=access)
    return render(
        request,
        "residents/household_detail.html",
        {
            "file": file,
            "domains": [label for value, label in Domain.choices if access.sees(value)],
            "may_record_consent": request.user.has_perm("residents.record_consent"),
        },
    )


@permission_required("residents.break_glass", raise_exception=True)
@require_http_methods(["GET", "POST"])
def break_glass(request: HttpRequest, household_id: int) -> HttpResponse:
    """Urgent access without involvement: a written reason first; the privacy officer reviews every use."""
    household = get_object_or_404(Household, pk=household_id)
    form = BreakGlassForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.break_glass_start(user=request.user, household=household, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.warning(
                request, _("Noodtoegang geopend voor vier uur. De privacy officer beoordeelt deze toegang.")
            )
            return redirect("residents:household_detail", household_id=household.pk)
    status = 400 if form.errors else 200
    return render(request, "residents/break_glass.html", {"form": form, "household": household}, status=status)


@permission_required("residents.record_consent", raise_exception=True)
@access_denied_as_403
@require_http_methods(["GET", "POST"])
def consent_create(request: HttpRequest, household_id: int) -> HttpResponse:
    access = household_access_check(user=request.user, household_id=household_id, purpose="consent")
    members = [
        m.resident
        for m in selectors.household_composition_get(access=access, on=access.on)
        if age_on(m.resident.birth_date, access.on) >= services.CONSENT_MIN_AGE
    ]
    form = ConsentForm(request.POST or None, members=members)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        resident = next(r for r in members if r.pk == data["resident"])
        try:
            services.consent_record(
                actor=request.user,
                household=Household(pk=household_id),
                resident=resident,
                organisation=data["organisation"],
                domain=data["domain"],
                scope=data["scope"],
                valid_to=data["valid_to"],
            )
        except ValidationError as error:
            service_errors_to_form(form, error)
        else:
            messages.success(request, _("De toestemming is vastgelegd."))
            return redirect("residents:household_detail", household_id=household_id)
    status = 400 if form.errors else 200
    return render(request, "residents/consent_form.html", {"form": form, "household_id": household_id}, status=status)


@permission_required("residents.record_consent", raise_exception=True)
@access_denied_as_403
@require_POST
def consent_withdraw(request: HttpRequest, household_id: int, consent_id: int) -> HttpResponse:
    access = household_access_check(user=request.user, household_id=household_id, purpose="consent")
    consent = get_object_or_404(Consent, pk=consent_id, household_id=household_id)
    if not access.sees(consent.domain):
        household_access_check(user=request.user, household_id=household_id, domain=consent.domain, purpose="consent")
    try:
        services.consent_withdraw(actor=request.user, consent=consent)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("De toestemming is ingetrokken. Vanaf nu geeft zij geen toegang meer."))
    return redirect("residents:household_detail", household_id=household_id)
