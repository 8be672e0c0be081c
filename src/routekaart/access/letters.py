"""The decision letter: plain Dutch, one page where it can, with the objection clause; rendered by WeasyPrint.

WeasyPrint needs the Pango libraries of the operating system (Debian: `libpango-1.0-0` and `libpangoft2-1.0-0`,
which the CI installs). It is imported when a letter is made, so the rest of the product runs without them.
"""

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from ..core.outage import PartUnavailable
from .models import Decision


class LetterUnavailable(PartUnavailable):
    """WeasyPrint or its system libraries are missing on this machine: a page and the API answer a Dutch 503."""

    @property
    def message(self) -> str:
        return _(
            "De brief kan nu niet als PDF worden gemaakt. Probeer het later opnieuw of meld het aan functioneel beheer."
        )


def pango_missing() -> str:
    """Why WeasyPrint cannot load its system libraries here ("" when it can).

    Only the operating system's libraries count: WeasyPrint itself is a requirement, and its absence is an error.
    """
    try:
        import weasyprint  # noqa: F401
    except OSError as error:  # cffi could not load libpango / libgobject
        return str(error)
    return ""


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


def _weasyprint_html():
    from weasyprint import HTML

    return HTML


def decision_letter_pdf(decision: Decision) -> bytes:
    try:
        html = _weasyprint_html()
    except (ImportError, OSError) as error:
        raise LetterUnavailable(str(error)) from error
    return html(string=decision_letter_html(decision)).write_pdf()
