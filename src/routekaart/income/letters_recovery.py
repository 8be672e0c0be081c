"""Recovery's letters as PDF: the recovery decision (terugvorderingsbesluit: reason, period, amount, legal basis and
the objection clause) and the confirmation of a payment plan or settlement. Rendered by WeasyPrint through
core.pdf, imported when a letter is made so the product runs without its system libraries; without them the page
answers a Dutch 503.
"""

from __future__ import annotations

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy

from ..core.pdf import LetterPdfUnavailable, pdf_from_html
from . import recovery_rules
from .selectors_recovery import ClaimFile

LETTERS = {
    "besluit": ("income/letters/recovery_decision.html", gettext_lazy("terugvorderingsbesluit")),
    "regeling": ("income/letters/recovery_arrangement.html", gettext_lazy("aflossingsafspraak")),
}
LEGAL_BASIS = {
    "recovery": gettext_lazy("artikel 58 van de Participatiewet (terugvordering), met artikel 60 (invordering)"),
    "fine": gettext_lazy("artikel 18a van de Participatiewet (bestuurlijke boete), met artikel 60 (invordering)"),
}


class RecoveryLetterUnavailable(LetterPdfUnavailable):
    """WeasyPrint or its system libraries are missing on this machine: a Dutch 503, never a 500."""


def letter_html(*, file: ClaimFile, letter: str) -> str:
    """The letter's HTML: the same text on screen, in the PDF and in the tests."""
    template, _title = LETTERS[letter]
    claim = file.claim
    organisation = claim.organisation
    municipality = getattr(organisation, "municipality", None) or organisation
    return render_to_string(
        template,
        {
            "file": file,
            "claim": claim,
            "debtor": claim.debtor,
            "arrangement": file.arrangement or (file.arrangements[-1] if file.arrangements else None),
            "organisation": organisation,
            "municipality": municipality,
            "legal_basis": LEGAL_BASIS.get(claim.kind, LEGAL_BASIS["recovery"]),
            "objection_weeks": recovery_rules.value("objection_weeks"),
            "today": timezone.localdate(),
        },
    )


def letter_pdf(*, file: ClaimFile, letter: str) -> bytes:
    return pdf_from_html(letter_html(file=file, letter=letter), unavailable=RecoveryLetterUnavailable)


def letter_response(*, file: ClaimFile, letter: str) -> HttpResponse:
    """The letter as an inline PDF download named after the claim."""
    pdf = letter_pdf(file=file, letter=letter)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{letter}-{file.claim.reference}.pdf"'
    return response
