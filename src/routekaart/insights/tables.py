"""One figure of the dashboard as data: a titled table with typed columns and, optionally, how to chart it.

Every page shows a figure as a chart with its data table beside it, and every figure downloads as CSV, XLSX and
Parquet from the same object (`insights.exports`), so what is shown, charted and exported can never differ. A cell
that must not be shown (a group under 10, `insights.suppression`) holds `SUPPRESSED`; every renderer writes
"minder dan 10" for it and no number.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils.functional import Promise

from .suppression import Rate


class _Suppressed:
    """A cell of a group too small to show."""

    _instance: _Suppressed | None = None

    def __new__(cls) -> _Suppressed:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "SUPPRESSED"

    def __bool__(self) -> bool:
        return False


SUPPRESSED = _Suppressed()


@dataclass(frozen=True)
class Column:
    key: str
    label: str | Promise
    kind: str = "text"  # text / count / percent / money / ratio / month / number


@dataclass(frozen=True)
class Chart:
    """How the table is charted: `kind` bar, stacked_bar, line or sankey; `x` the column of the categories (or of
    the link's source for a Sankey), `series` the columns plotted (for a Sankey: [target column, value column])."""

    kind: str
    x: str
    series: tuple[str, ...]
    y_label: str | Promise = ""


@dataclass
class FigureTable:
    """A figure: `code` names it in export URLs (see `insights.figures`), `rows` hold one value per column."""

    code: str
    title: str | Promise
    columns: list[Column]
    rows: list[tuple[Any, ...]] = field(default_factory=list)
    chart: Chart | None = None
    note: str | Promise = ""  # the source, the definition, the assumptions: shown under the table and exported
    reference: str | Promise = ""  # a seed's yardstick shown beside the figure

    def column_keys(self) -> list[str]:
        return [column.key for column in self.columns]

    def as_dicts(self) -> list[dict[str, Any]]:
        keys = self.column_keys()
        return [dict(zip(keys, row, strict=True)) for row in self.rows]


NUMERIC_KINDS = ("count", "percent", "money", "ratio", "number")


def cell_state(value: Any) -> tuple[Any, bool]:
    """The value behind a cell as plain data (None when empty or suppressed), and whether it is suppressed.

    One reading for the chart, the exports and the API alike: a `Rate` is its percentage, a lazy text its text."""
    if value is SUPPRESSED:
        return None, True
    if isinstance(value, Rate):
        return (None, True) if value.suppressed else (value.percent, False)
    if value is None or value == "":
        return None, False
    if isinstance(value, Promise):
        return str(value), False
    return value, False


def typed_value(value: Any, kind: str) -> Any:
    """A plain value as the column's kind types it: an int for a count, a float for the other numbers, a date for
    a month (None stays None). Typed files (XLSX, Parquet) and the JSON of the API and the chart use it."""
    if value is None:
        return None
    if kind == "count":
        return int(value)
    if kind in NUMERIC_KINDS:
        return float(value) if isinstance(value, Decimal | int | float) else value
    if kind == "month":
        return value if isinstance(value, date) else str(value)
    return str(value)


def month_text(value: Any) -> str:
    """A month as 2026-01 (what the filters, the CSV and the chart's axis read)."""
    return value.strftime("%Y-%m") if hasattr(value, "strftime") else str(value)
