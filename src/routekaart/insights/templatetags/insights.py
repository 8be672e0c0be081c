"""Template filters of the insights pages: a cell as it may be shown, a row with its columns' kinds, a chart's data."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django import template
from django.utils.formats import number_format

from ..charts import chart_spec
from ..suppression import TOO_FEW
from ..tables import NUMERIC_KINDS, Column, FigureTable, cell_state

register = template.Library()


def _rounded(value: int | Decimal | float, places: int) -> Decimal:
    """Rounded half up (Django's number_format cuts the digits off: 12.26 would show as 12,2)."""
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


@register.filter
def cell(value: Any, kind: str = "text") -> str:
    """A table cell: "minder dan 10" for a suppressed group, a dash for nothing, numbers in Dutch notation as the
    column's kind asks (percent with one decimal, money in whole euros, a ratio with two decimals, a month as
    2026-01)."""
    plain, suppressed = cell_state(value)
    if suppressed:
        return str(TOO_FEW)
    if plain is None:
        return "-"
    if kind == "month" and hasattr(plain, "strftime"):
        return plain.strftime("%Y-%m")
    if not isinstance(plain, int | Decimal | float):
        return str(plain)
    if kind == "percent":
        return f"{number_format(_rounded(plain, 1), 1)} %"
    if kind == "money":
        return f"€ {number_format(_rounded(plain, 0), 0, force_grouping=True)}"
    if kind == "ratio":
        return number_format(_rounded(plain, 2), 2)
    if kind == "count":
        return number_format(_rounded(plain, 0), 0, force_grouping=True)
    return number_format(plain, force_grouping=True)


@register.filter
def typed_cells(row: tuple, columns: list[Column]) -> list[dict[str, Any]]:
    """The cells of a row with their column's kind, so the table can format and align each by it."""
    return [
        {"value": value, "kind": column.kind, "numeric": column.kind in NUMERIC_KINDS}
        for value, column in zip(row, columns, strict=False)
    ]


@register.filter
def chart_data(table: FigureTable) -> dict | None:
    """The chart's data for `json_script` (insights.charts), None when the figure is not charted."""
    return chart_spec(table)
