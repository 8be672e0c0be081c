"""HTML to PDF through WeasyPrint: the one place that loads it, for every app's letters.

WeasyPrint needs the Pango libraries of the operating system (Debian: `libpango-1.0-0` and `libpangoft2-1.0-0`,
which the CI installs). It is imported when a PDF is made, never at start-up, so the rest of the product runs
without them; where they are missing the caller's own `PartUnavailable` answers a Dutch 503, never a 500.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext as _

from .outage import PartUnavailable


class LetterPdfUnavailable(PartUnavailable):
    """A letter cannot be made as PDF on this machine: the Dutch 503 every app's letters answer."""

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


def weasyprint_html() -> Any:
    """WeasyPrint's HTML class, imported on first use (the import fails with OSError without Pango)."""
    from weasyprint import HTML

    return HTML


def pdf_from_html(html: str, *, unavailable: type[Exception], load: Callable[[], Any] = weasyprint_html) -> bytes:
    """The PDF of `html`; `unavailable(reason)` is raised where WeasyPrint or its system libraries are missing
    (`load` lets a caller keep its own patchable loader)."""
    try:
        html_class = load()
    except (ImportError, OSError) as error:  # cffi could not load libpango / libgobject
        raise unavailable(str(error)) from error
    return html_class(string=html).write_pdf()
