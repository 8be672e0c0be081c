"""Household screens for staff. Every view asks `access.household_access_check` before it reads anything.

A refused check is answered with the one 403 page (`core.views.access_denied_as_403`); the refusal's log entry
is written by the audit middleware whatever becomes of the request's transaction.
"""

import posixpath

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ..core.forms import service_errors_to_form
from ..core.views import access_denied_as_403
from ..organisations.roles import Domain
from . import rules_data, selectors, services
from .access import household_access_check
from .forms import BreakGlassForm, ConsentForm
from .household_blocks import household_block_groups
from .life_phase import age_on
from .models import Consent, Household

PAGE_SIZE = 25
SUMMARY_SIZE = 5


def denied_context(request: HttpRequest, view_kwargs: dict) -> dict:
    """What the 403 page (core.views.access_denied_as_403) adds: the offer of emergency access, for those who may.

    The link is relative to the refused address, so the page never prints a number from it (it may be a BSN).
    """
    if not request.user.has_perm("residents.break_glass"):
        return {}
    household_id = view_kwargs.get("household_id")
    if household_id is None and view_kwargs.get("resident_id") is not None:
        household_id = selectors.household_id_of(resident_id=view_kwargs["resident_id"])
    if household_id is None:
        return {}
    link = reverse("residents:break_glass", args=[household_id])
    typed = str(household_id) in request.path.split("/")
    if typed:  # the number came from the address: point to it relatively, or offer nothing
        here = request.path if request.path.endswith("/") else request.path.rsplit("/", 1)[0] + "/"
        link = posixpath.relpath(link, here) + "/"
        if str(household_id) in link.split("/"):
            return {}
    return {"break_glass_url": link}


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
            "blocks": household_block_groups(file),
            "domains": [label for value, label in Domain.choices if access.sees(value)],
            "may_record_consent": request.user.has_perm("residents.record_consent"),
        },
    )


@permission_required("residents.break_glass", raise_exception=True)
@require_http_methods(["GET", "POST"])
def break_glass(request: HttpRequest, household_id: int) -> HttpResponse:
    """Urgent access without involvement: a written reason first; the privacy officer reviews every use.

    The form looks the same for any number, existing or not, so it tells nothing about who lives where.
    """
    form = BreakGlassForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            opened = services.break_glass_start(
                user=request.user, household_id=household_id, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if opened is not None:
                messages.warning(
                    request, _("Noodtoegang geopend voor vier uur. De privacy officer beoordeelt deze toegang.")
                )
            return redirect("residents:household_detail", household_id=household_id)
    status = 400 if form.errors else 200
    return render(request, "residents/break_glass.html", {"form": form, "household_id": household_id}, status=status)


@permission_required("residents.record_consent", raise_exception=True)
@access_denied_as_403
@require_http_methods(["GET", "POST"])
def consent_create(request: HttpRequest, household_id: int) -> HttpResponse:
    access = household_access_check(user=request.user, household_id=household_id, purpose="consent")
    members = [m.resident for m in selectors.household_composition_get(access=access, on=access.on)]
    givers = [r for r in members if age_on(r.birth_date, access.on) >= rules_data.value("consent_min_age")]
    form = ConsentForm(request.POST or None, members=members, givers=givers)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        by_id = {r.pk: r for r in members}
        try:
            services.consent_record(
                actor=request.user,
                household=Household(pk=household_id),
                resident=by_id[data["resident"]],
                given_by=by_id.get(data["given_by"]),
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
    if not access.sees_person(consent.resident_id, consent.domain):
        household_access_check(user=request.user, household_id=household_id, domain=consent.domain, purpose="consent")
    try:
        services.consent_withdraw(actor=request.user, consent=consent)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("De toestemming is ingetrokken. Vanaf nu geeft zij geen toegang meer."))
    return redirect("residents:household_detail", household_id=household_id)
