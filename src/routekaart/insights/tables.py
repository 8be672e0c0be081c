"""One figure of the dashboard as data: a titled table with typed columns and, optionally, how to chart it.

Every page shows a figure as a chart with its data table beside it, and every figure downloads as CSV, XLSX and
Parquet from the same object (`insights.exports`), so what is shown, charted and exported can never differ. A cell
that must not be shown (a group under 10, `insights.suppression`) holds `SUPPRESSED`; every renderer writes
"minder dan 10" for it and no number.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise


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
