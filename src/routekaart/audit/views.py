from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import selectors, services
from .filters import PersonSearchForm, ProcessingLogFilter
from .forms import BreakGlassReviewForm
from .models import Operation, ProcessingLogEntry, Result

PAGE_SIZE = 50


@permission_required("organisations.view_processing_log", raise_exception=True)
@require_http_methods(["GET", "POST"])
def processing_log(request: HttpRequest) -> HttpResponse:
    """The privacy officer's search. A search by BSN is a processing itself, so it is logged too."""
    person_form = PersonSearchForm(request.POST or None)
    if request.method == "POST" and person_form.is_valid():
        subject = services.pseudonym(person_form.cleaned_data["bsn"])
        services.processing_record(
            actor=request.user, activity="processing-log-review", data_subjects=[subject], operation=Operation.SEARCH
        )
        return redirect(f"{reverse('audit:processing_log')}?{urlencode({'data_subject': subject})}")
    log_filter = ProcessingLogFilter(request.GET or None, queryset=selectors.processing_log_list())
    page = Paginator(log_filter.qs, PAGE_SIZE).get_page(request.GET.get("pagina"))
    query = request.GET.copy()
    query.pop("pagina", None)
    context = {"filter": log_filter, "person_form": person_form, "page": page, "query": query.urlencode()}
    return render(request, "audit/processing_log.html", context, status=400 if person_form.errors else 200)


@permission_required("organisations.view_processing_log", raise_exception=True)
@require_GET
def break_glass_report(request: HttpRequest) -> HttpResponse:
    return _break_glass_page(request, page_number=request.GET.get("pagina"))


def _break_glass_page(
    request: HttpRequest, *, page_number: str | None, bound: BreakGlassReviewForm | None = None, status: int = 200
) -> HttpResponse:
    """Each unreviewed entry gets its own form, prefixed so that field ids stay unique on the page."""
    page = Paginator(selectors.break_glass_list(), PAGE_SIZE).get_page(page_number)
    rows = []
    for entry in page:
        reviewed = hasattr(entry, "review")
        form = None if reviewed else BreakGlassReviewForm(prefix=f"e{entry.pk}")
        if bound is not None and bound.prefix == f"e{entry.pk}":
            form = bound
        rows.append((entry, form))
    return render(request, "audit/break_glass_report.html", {"page": page, "rows": rows}, status=status)


@permission_required("organisations.view_processing_log", raise_exception=True)
@require_POST
def break_glass_review(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = get_object_or_404(ProcessingLogEntry, pk=entry_id, result=Result.BREAK_GLASS)
    form = BreakGlassReviewForm(request.POST, prefix=f"e{entry.pk}")
    if form.is_valid():
        try:
            services.break_glass_review(entry=entry, reviewer=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("De beoordeling is vastgelegd."))
            return redirect("audit:break_glass_report")
    return _break_glass_page(request, page_number=request.POST.get("pagina"), bound=form, status=400)
