"""The checks every complaint procedure of Awb chapter 9 makes on its steps, the same for a complaint about a
provider and one about staff conduct: a step's date (filled in, not in the future, not before the receipt nor the
earlier steps), a hearing waived only with a reason of 9:10 lid 2, and one postponement within the term (9:11 lid 2).

Each app keeps its own models, state machine, permissions and events; these functions only answer Dutch field
errors and never touch the database (core imports no app)."""

from __future__ import annotations

from datetime import date

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from .complaint_terms import decision_term_end
from .dates import After, not_before


def step_day_errors(field: str, day: date | None, received_on: date, *bounds: After) -> dict[str, str]:
    """A step's date is filled in, not in the future and not before the receipt (nor before the earlier steps)."""
    if day is None:
        return {field: _("Vul de datum in.")}
    if day > timezone.localdate():
        return {field: _("Vul een datum in die niet na vandaag ligt; dit is nog niet gebeurd.")}
    return not_before(day, field, After(received_on, _("de ontvangst van de klacht")), *bounds)


def waiver_errors(waived: bool, waiver_reason: str) -> dict[str, str]:
    """Hearing waived only with a reason of Awb 9:10 lid 2, and a reason only when it is waived."""
    if waived and not waiver_reason:
        return {
            "waiver_reason": _(
                "Vul in waarom u afziet van horen: de klacht is kennelijk ongegrond, de klager wil niet gehoord worden "
                "of heeft niet op tijd gezegd dat hij gehoord wil worden (Awb 9:10 lid 2)."
            )
        }
    if not waived and waiver_reason:
        return {"waiver_reason": _("Een reden vult u alleen in als u afziet van horen.")}
    return {}


def extension_errors(extended_on: date | None, *, received_on: date, committee: bool) -> dict[str, str]:
    """The postponement's date as a step's date, and within the first term (Awb 9:11 lid 2)."""
    errors = step_day_errors("extended_on", extended_on, received_on)
    term_end = decision_term_end(received_on=received_on, committee=committee, extended=False)
    if not errors and extended_on > term_end:
        errors["extended_on"] = _(
            "De termijn is op %(date)s verstreken; verdagen kan alleen binnen de termijn (Awb 9:11 lid 2)."
        ) % {"date": formats.date_format(term_end, "j F Y")}
    return errors
