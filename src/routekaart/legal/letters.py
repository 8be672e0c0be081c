"""The letters of an objection, as PDF (WeasyPrint through core.pdf, with access.letters' 503 when the system
libraries are missing): the receipt confirmation with the decision term (Awb 6:14), the hearing invitation
(Awb 7:2), the decision on the objection with what changes and the appeal clause (Awb 7:12, 6:7), and the penalty
decision (Awb 4:18). Staff download them from the objection's page; the resident from Mijn bezwaren.

The letters hold the objector's name and address and the decision's facts; never the BSN.
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..access.letters import LetterUnavailable
from ..core.pdf import pdf_from_html
from . import terms
from .decision_read import decision_summary
from .models import Objection

__all__ = ["LETTER_KINDS", "LETTER_TITLES", "LetterUnavailable", "letter_html", "letter_pdf", "letters_available"]

LETTER_TITLES = {
    "receipt": _("Ontvangstbevestiging"),
    "hearing": _("Uitnodiging hoorzitting"),
    "decision": _("Beslissing op bezwaar"),
    "penalty": _("Besluit over de dwangsom"),
}
LETTER_KINDS = tuple(LETTER_TITLES)
FILE_NAMES = {
    "receipt": "ontvangstbevestiging",
    "hearing": "uitnodiging-hoorzitting",
    "decision": "beslissing-op-bezwaar",
    "penalty": "besluit-dwangsom",
}


class LetterNotYet(LookupError):
    """The objection has no such letter (yet): no hearing planned, not decided, no penalty fixed."""


def _context(objection: Objection, kind: str) -> dict:
    organisation = objection.organisation
    municipality = getattr(organisation, "municipality", None) or organisation
    hearings = [h for h in objection.hearings.all() if not h.waived_reason]
    notices = [n for n in objection.default_notices.all() if n.penalty_decided_on]
    context = {
        "objection": objection,
        "objector": objection.objector,
        "organisation": organisation,
        "municipality": municipality,
        "today": timezone.localdate(),
        "title": LETTER_TITLES[kind],
    }
    if kind == "hearing":
        if not hearings:
            raise LetterNotYet(kind)
        context["hearing"] = hearings[-1]
    elif kind == "decision":
        if objection.status != "decided":
            raise LetterNotYet(kind)
        context["decision"] = decision_summary(objection)
        context["appeal_weeks"] = terms.value("appeal_weeks")
        context["appeal_ends_on"] = terms.appeal_term_end(objection.decided_on)
    elif kind == "penalty":
        if not notices:
            raise LetterNotYet(kind)
        context["notice"] = notices[-1]
        context["appeal_weeks"] = terms.value("appeal_weeks")
    return context


def letter_html(objection: Objection, kind: str) -> str:
    """The letter `kind` of the objection as HTML (the PDF's source; the tests read it)."""
    if kind not in LETTER_TITLES:
        raise LetterNotYet(kind)
    return render_to_string(f"legal/letters/{kind}.html", _context(objection, kind))


def letter_pdf(objection: Objection, kind: str) -> bytes:
    """The letter as PDF; LetterUnavailable (a 503) where WeasyPrint's system libraries are missing."""
    return pdf_from_html(letter_html(objection, kind), unavailable=LetterUnavailable)


def letters_available(objection: Objection) -> list[tuple[str, str]]:
    """The letters this objection has now, as (kind, title); its hearings and notices must be loaded."""
    kinds = ["receipt"]
    if any(not hearing.waived_reason for hearing in objection.hearings.all()):
        kinds.append("hearing")
    if objection.status == "decided":
        kinds.append("decision")
    if any(notice.penalty_decided_on for notice in objection.default_notices.all()):
        kinds.append("penalty")
    return [(kind, str(LETTER_TITLES[kind])) for kind in kinds]


def file_name(objection: Objection, kind: str) -> str:
    return f"{FILE_NAMES[kind]}-{objection.reference}.pdf"
