"""The decision letter: plain Dutch, one page where it can, with the objection clause; rendered by WeasyPrint
through core.pdf, which imports it when a letter is made (so the rest of the product runs without Pango).
"""

from django.template.loader import render_to_string
from django.utils import timezone

from ..core.pdf import LetterPdfUnavailable, pdf_from_html
from ..core.pdf import pango_missing as pango_missing
from ..core.pdf import weasyprint_html as _weasyprint_html
from .models import Decision


class LetterUnavailable(LetterPdfUnavailable):
    """WeasyPrint or its system libraries are missing on this machine: a page and the API answer a Dutch 503."""


def decision_letter_html(decision: Decision) -> str:
    provisions = list(decision.provisions.all())
    case = decision.case
    organisation = case.coordinator_organisation
    municipality = getattr(organisation, "municipality", None) or organisation
    return render_to_string(
        "access/letters/decision.html",
        {
            "decision": decision,
            "provisions": provisions,
            "granted": [p for p in provisions if p.outcome == "granted"],
            "refused": [p for p in provisions if p.outcome == "refused"],
            "organisation": organisation,
            "municipality": municipality,
            "coordinator": case.coordinator,
            "today": timezone.localdate(),
        },
    )


def decision_letter_pdf(decision: Decision) -> bytes:
    # The loader is looked up here, at call time, so a test can stand in for a machine without Pango.
    return pdf_from_html(decision_letter_html(decision), unavailable=LetterUnavailable, load=_weasyprint_html)
