"""The search page: find a person among the households the user may see, and emergency access by BSN.

Both pages answer POSTs only: the terms are in the body, never in a URL (a GET shows the empty form, whatever its
query string). Nothing here logs the terms; the selector logs the read of the results shown.
"""

from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods, require_POST

from ..core.forms import service_errors_to_form
from .search import NOTHING_FOUND, BreakGlassByBsnForm, ResidentSearchForm, break_glass_by_bsn, resident_search

TEMPLATE = "residents/search.html"


@permission_required("residents.view_households", raise_exception=True)
@require_http_methods(["GET", "POST"])
def search(request: HttpRequest) -> HttpResponse:
    form = ResidentSearchForm(request.POST if request.method == "POST" else None)
    context: dict = {"form": form, "nothing_found": NOTHING_FOUND}
    if request.method == "POST" and form.is_valid():
        criteria = form.criteria()
        result = resident_search(user=request.user, criteria=criteria)
        context["result"] = result
        # The offer depends on the user's right and the typed BSN only, never on whether anyone has it.
        if not result.rows and criteria.bsn and request.user.has_perm("residents.break_glass"):
            context["break_glass_form"] = BreakGlassByBsnForm(initial={"bsn": criteria.bsn})
    return render(request, TEMPLATE, context, status=400 if form.errors else 200)


@permission_required("residents.break_glass", raise_exception=True)
@require_POST
def search_break_glass(request: HttpRequest) -> HttpResponse:
    """Emergency access to the household of the person with the posted BSN.

    The answer is the same page for a BSN that is known and one that is not (only the CSRF token differs): the
    search form again, with the BSN filled in, and a notice to search once more. Only that search shows the
    household, and only to whom the access was opened for.
    """
    form = BreakGlassByBsnForm(request.POST)
    if form.is_valid():
        bsn = form.cleaned_data["bsn"]
        try:
            break_glass_by_bsn(user=request.user, bsn=bsn, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            service_errors_to_form(form, error)
        else:
            context = {"form": ResidentSearchForm(initial={"bsn": bsn}), "break_glass_done": True}
            return render(request, TEMPLATE, context)
    bsn = form.cleaned_data.get("bsn", "") if hasattr(form, "cleaned_data") else ""
    context = {"form": ResidentSearchForm(initial={"bsn": bsn}), "break_glass_form": form}
    return render(request, TEMPLATE, context, status=400)
