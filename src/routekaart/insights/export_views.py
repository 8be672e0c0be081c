"""Downloads of the steering figures: each figure as CSV, XLSX or Parquet, and every figure on one printable page
(in the browser, or as a PDF made by WeasyPrint).

A figure is found by its code in the registry (`insights.figures`), so every figure on a page downloads without a
view of its own. Aggregates only, no personal data: the downloads and the print view are not written to the
processing log (which records reads of personal data).
"""

from __future__ import annotations

from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template import loader
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from ..core.outage import PartUnavailable, part_unavailable_response
from ..core.pdf import pdf_from_html
from .exports import FORMATS, export_bytes, file_name, filter_lines
from .figures import figure_builder, figure_codes
from .filters import FilterForm, Filters, filters_from
from .tables import FigureTable


class OverviewPdfUnavailable(PartUnavailable):
    """WeasyPrint or its system libraries are missing on this machine: a Dutch 503, never a 500."""

    @property
    def message(self) -> str:
        return _(
            "Het overzicht kan nu niet als PDF worden gemaakt. Druk de pagina af vanuit de browser, of probeer het "
            "later opnieuw."
        )


def _refusal(request: HttpRequest, status: int, message: str) -> HttpResponse:
    """The site's Dutch error page with this refusal's own message (it never repeats the address)."""
    body = loader.get_template(f"{status}.html").render({"message": message}, request)
    return HttpResponse(body, status=status)


def _filter_errors(form: FilterForm) -> str:
    """The form's Dutch messages in one sentence, or "" when the filters are fine (or none were given)."""
    if not form.is_bound or not form.errors:
        return ""
    messages = [str(message) for errors in form.errors.values() for message in errors]
    return _("De filters kloppen niet: {messages}").format(messages=" ".join(messages))


@permission_required("insights.view_insights", raise_exception=True)
@require_GET
def export(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    """One figure as a file; 404 for a figure or format that does not exist, 400 for filters that do not parse."""
    if fmt not in FORMATS:
        return _refusal(request, 404, _("Dit bestandsformaat bestaat niet. Kies CSV, XLSX of Parquet."))
    builder = figure_builder(code)
    if builder is None:
        return _refusal(request, 404, _("Dit cijfer bestaat niet (meer)."))
    form, filters = filters_from(request.GET)
    errors = _filter_errors(form)
    if errors:
        return _refusal(request, 400, errors)
    table = builder(filters)
    content = export_bytes(table, filter_lines(form, filters), fmt)
    response = HttpResponse(content, content_type=FORMATS[fmt].content_type)
    response["Content-Disposition"] = f'attachment; filename="{file_name(table, filters, fmt)}"'
    return response


def _tables(filters: Filters) -> list[FigureTable]:
    tables = []
    for code in figure_codes():
        builder = figure_builder(code)
        if builder is not None:
            tables.append(builder(filters))
    return tables


def _print_context(form: FilterForm, filters: Filters, *, errors: str) -> dict:
    return {
        "filter_form": form,
        "filters": filter_lines(form, filters),
        "query": urlencode(filters.query()),
        "tables": [] if errors else _tables(filters),
        "errors": errors,
        "made_on": timezone.localdate(),
    }


@permission_required("insights.view_insights", raise_exception=True)
@require_GET
def print_view(request: HttpRequest) -> HttpResponse:
    """Every figure's table on one page with the filters, for the browser's print (insights.css: no navigation, a
    page per figure). Bad filters: the form with its Dutch message, a 400, no figures."""
    form, filters = filters_from(request.GET)
    errors = _filter_errors(form)
    context = _print_context(form, filters, errors=errors)
    return render(request, "insights/print.html", context, status=400 if errors else 200)


@permission_required("insights.view_insights", raise_exception=True)
@require_GET
def print_pdf(request: HttpRequest) -> HttpResponse:
    """The print view's figures as a PDF download (WeasyPrint through core.pdf; a Dutch 503 without Pango)."""
    form, filters = filters_from(request.GET)
    errors = _filter_errors(form)
    if errors:
        return _refusal(request, 400, errors)
    context = {**_print_context(form, filters, errors=""), "pdf": True}
    html = render_to_string("insights/print_document.html", context)
    try:
        pdf = pdf_from_html(html, unavailable=OverviewPdfUnavailable)
    except OverviewPdfUnavailable as unavailable:
        return part_unavailable_response(request, unavailable)
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"sturing-{filters.month_from:%Y-%m}-{filters.month_to:%Y-%m}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
