"""Registering a resident and household from the BRP (or by hand, with a reason), and comparing a household's
members with the BRP on request. A BSN is only ever posted: no address of these pages holds one.

Registration is a coordinator's task (`residents.register_resident`); the comparison is for staff
(`residents.view_households`) with the household's composition (the access check's `household-composition`
purpose), as changing a member's data is.
"""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ..core.forms import service_errors_to_form
from ..core.views import access_denied_as_403
from . import registration, selectors
from .access import household_access_check
from .registration_forms import BrpApplyForm, BrpLookupForm, ManualRegistrationForm

COMPOSITION = "household-composition"


@permission_required("residents.register_resident", raise_exception=True)
@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    """Step 1 posts the BSN and shows what the BRP says; step 2 (`bevestigen`) registers it all at once."""
    form = BrpLookupForm(request.POST or None)
    preview, brp_unavailable = None, False
    if request.method == "POST" and form.is_valid():
        bsn = form.cleaned_data["bsn"]
        try:
            if "bevestigen" in request.POST:
                household = registration.household_register_from_brp(actor=request.user, bsn=bsn)
                messages.success(request, _("De inwoner en het huishouden zijn ingeschreven vanuit de BRP."))
                return redirect("residents:household_detail", household_id=household.pk)
            preview = registration.brp_lookup(user=request.user, bsn=bsn)
        except ValidationError as error:
            brp_unavailable = getattr(error, "code", None) == "brp_unavailable"
            service_errors_to_form(form, error)
    context = {"form": form, "preview": preview, "brp_unavailable": brp_unavailable}
    return render(request, "residents/register.html", context, status=400 if form.errors else 200)


@permission_required("residents.register_resident", raise_exception=True)
@require_http_methods(["GET", "POST"])
def register_manual(request: HttpRequest) -> HttpResponse:
    """Manual entry when the BRP has no answer: the same data by hand, and why (recorded with the registration)."""
    form = ManualRegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            household = registration.household_register_manual(
                actor=request.user,
                entry=registration.ManualEntry(**data),
            )
        except ValidationError as error:
            service_errors_to_form(form, error)
        else:
            messages.success(request, _("De inwoner en het huishouden zijn handmatig ingeschreven."))
            return redirect("residents:household_detail", household_id=household.pk)
    return render(request, "residents/register_manual.html", {"form": form}, status=400 if form.errors else 200)


@permission_required("residents.view_households", raise_exception=True)
@access_denied_as_403
@require_http_methods(["GET", "POST"])
def brp_compare(request: HttpRequest, household_id: int) -> HttpResponse:
    """Each member's data beside the BRP's; a member's differences are taken over only when confirmed (POST)."""
    access = household_access_check(user=request.user, household_id=household_id, purpose=COMPOSITION)
    members = [m.resident for m in selectors.household_composition_get(access=access, on=access.on)]
    error = ""
    if request.method == "POST":
        form = BrpApplyForm(request.POST)
        by_id = {r.pk: r for r in members}
        if not form.is_valid() or form.cleaned_data["resident"] not in by_id:
            error = _("Kies een lid van dit huishouden.")
        else:
            try:
                registration.resident_brp_apply(
                    actor=request.user,
                    resident=by_id[form.cleaned_data["resident"]],
                    fields=form.cleaned_data["changed"],
                )
            except ValidationError as refusal:
                error = " ".join(refusal.messages)
            else:
                messages.success(request, _("De gegevens uit de BRP zijn overgenomen."))
                return redirect("residents:brp_compare", household_id=household_id)
    rows, unavailable = [], ""
    try:
        differences = registration.residents_brp_compare(residents=members)
    except ValidationError as refusal:
        unavailable = " ".join(refusal.messages)
        differences = {}
    for resident in members:
        found = differences.get(resident.pk)
        rows.append(
            {
                "resident": resident,
                "differences": found or [],
                "unknown": not unavailable and found is None,
                "changed": ",".join(d.field for d in found or []),
            }
        )
    context = {"household_id": household_id, "rows": rows, "unavailable": unavailable, "error": error}
    return render(request, "residents/brp_compare.html", context, status=400 if error else 200)
