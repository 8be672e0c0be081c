"""Portal pages: privacy. "Wie zag mijn gegevens" (the processing log of the person shown) and "Mijn gegevens
downloaden" (the AVG art. 15 inzage export, as JSON and as PDF)."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from ..audit import selectors as audit_selectors
from ..audit import services as audit
from . import privacy_export
from .privacy_export import export_document
from .privacy_forms import ProcessingLogFilterForm
from .privacy_log import log_rows, period_start
from .reads import CHANNEL, portal_read
from .render import portal_render
from .session import portal_view

PAGE_SIZE = 25
FILE_NAME = "mijn-gegevens-routekaart"  # never the BSN or a name: file names end up in logs and browsers' history


@require_GET
@portal_view
def processing_log(request: HttpRequest, **kwargs) -> HttpResponse:
    """Who processed the person's data, newest first, 25 a page.

    Looking at the log is a processing too (processing-log-review), so each visit adds an entry. Folding those
    into one line a day would make a page's rows no longer the log's entries (and its pages of unequal cost); the
    resident's own portal reads are left out instead, with a choice to show them ("ook mijn eigen bezoeken"):
    every row shown stays one real entry, and nothing is hidden that the resident cannot bring back.
    """
    scope = request.portal
    form = ProcessingLogFilterForm(request.GET if "periode" in request.GET else None)
    entries = audit_selectors.processing_log_of_subject(
        pseudonym=audit.pseudonym(scope.person.bsn),
        since=period_start(form.period(), on=scope.on),
        hide_portal_reads_of=None if form.own_visits() else request.user.pk,
    )
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("pagina"))
    rows = log_rows(page.object_list, me_id=request.user.pk)
    portal_read(request, activity="processing-log-review")
    query = request.GET.copy()
    query.pop("pagina", None)
    context = {"form": form, "page": page, "rows": rows, "query": query.urlencode()}
    return portal_render(request, "portal/processing_log.html", context)


@require_GET
@portal_view
def export(request: HttpRequest, **kwargs) -> HttpResponse:
    """What the inzage holds and how to get it; shows no personal data itself (the files do, and log it)."""
    return portal_render(request, "portal/export.html")


@never_cache  # the file holds the BSN: no browser or proxy keeps a copy
@require_GET
@portal_view
def export_json(request: HttpRequest, **kwargs) -> HttpResponse:
    """The inzage as a JSON file (AVG art. 15 lid 3: in a common electronic form), logged as an export."""
    document = export_document(request.portal.person, request.portal.on)
    _export_logged(request)
    response = JsonResponse(document, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = f'attachment; filename="{FILE_NAME}.json"'
    return response


@never_cache
@require_GET
@portal_view
def export_pdf(request: HttpRequest, **kwargs) -> HttpResponse:
    """The inzage as a PDF to keep or print; a Dutch page instead when this server cannot make PDFs."""
    document = export_document(request.portal.person, request.portal.on)
    context = {"document": privacy_export.readable(document), "made": timezone.localtime()}
    html = render_to_string("portal/export_pdf.html", context, request=request)
    try:
        pdf = privacy_export.export_pdf(html)
    except privacy_export.PdfUnavailable:
        return portal_render(request, "portal/export_unavailable.html", status=503)
    _export_logged(request)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{FILE_NAME}.pdf"'
    return response


def _export_logged(request: HttpRequest) -> None:
    """Handing out everything held about the person is one processing: an export, through the portal."""
    audit.processing_record(
        actor=request.user,
        activity="processing-log-review",
        data_subjects=[audit.pseudonym(request.portal.person.bsn)],
        operation="export",
        channel=CHANNEL,
    )
