"""Template filters of the insights pages: a cell as it may be shown."""

from decimal import Decimal

from django import template
from django.utils.formats import number_format

from ..suppression import TOO_FEW
from ..tables import SUPPRESSED

register = template.Library()


@register.filter
def cell(value, kind: str = "text") -> str:
    """A table cell: "minder dan 10" for a suppressed group, a dash for nothing, numbers in Dutch notation."""
    if value is SUPPRESSED:
        return str(TOO_FEW)
    if value is None or value == "":
        return "-"
    if kind == "percent":
        return f"{number_format(value, 1)} %"
    if kind == "money":
        return f"€ {number_format(value, 0, force_grouping=True)}"
    if kind == "ratio":
        return number_format(value, 2)
    if kind == "month" and hasattr(value, "strftime"):
        return value.strftime("%Y-%m")
    if isinstance(value, int | Decimal | float):
        return number_format(value, force_grouping=True)
    return str(value)
