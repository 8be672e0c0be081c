"""The AVG inzage (art. 15) as one document: every section the apps register (residents.subject_export), and the
processing log of the person, in the words of "Wie zag mijn gegevens".

The processing log's section is registered here, not in audit: audit sits below organisations and residents, so it
can neither name an organisation and role nor reach the registry; the portal shares the rows with its log page.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..audit import selectors as audit_selectors
from ..audit import services as audit
from ..residents.subject_export import ExportSection, export_sections, export_value
from .privacy_log import log_rows

ORDER = 90
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
ISO_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}:\d{2}|Z)$")


class PdfUnavailable(RuntimeError):
    """WeasyPrint's system libraries (Pango) are missing on this machine."""


def processing_log_section(resident, on: date) -> ExportSection:
    """Every entry of the person's processing log, newest first (three queries: the entries, the organisations'
    names, the actors' roles). Reads by the person's own account are theirs: "U zelf"."""
    entries = audit_selectors.processing_log_of(audit.pseudonym(resident.bsn)).prefetch_related(None)
    rows = [{_("soort"): _("Verwerking"), **row.as_json()} for row in log_rows(entries, me_id=resident.user_id)]
    return ExportSection(title=gettext_lazy("Wie zag uw gegevens (verwerkingenlogboek)"), rows=rows)


def export_document(resident, on: date) -> dict:
    """The whole inzage as JSON-ready data: when it was made, whose it is, and one part per registered section."""
    return {
        "gemaakt_op": timezone.localtime().isoformat(),
        "persoon": {
            "naam": resident.full_name,
            "bsn": resident.bsn,
            "geboortedatum": export_value(resident.birth_date),
        },
        "onderdelen": [section.as_json(key) for key, section in export_sections(resident, on)],
    }


def readable(document: dict) -> dict:
    """The document for the PDF: ISO dates and moments as a reader writes them ("5 januari 2026, 14:30")."""

    def value(item):
        if isinstance(item, str) and ISO_DATE.fullmatch(item):
            return date_format(date.fromisoformat(item), "j F Y")
        if isinstance(item, str) and ISO_MOMENT.match(item):
            return date_format(timezone.localtime(datetime.fromisoformat(item)), "j F Y, H:i")
        return item

    parts = [
        {**part, "rijen": [{label: value(item) for label, item in row.items()} for row in part["rijen"]]}
        for part in document["onderdelen"]
    ]
    person = {label: value(item) for label, item in document["persoon"].items()}
    return {**document, "persoon": person, "onderdelen": parts}


def export_pdf(html: str) -> bytes:
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as error:  # cffi could not load libpango / libgobject
        raise PdfUnavailable(str(error)) from error
    return HTML(string=html).write_pdf()
