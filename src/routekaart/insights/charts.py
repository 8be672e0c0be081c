"""A figure's chart as the JSON that `static/insights/charts.js` draws with Apache ECharts.

Built here rather than in the browser so that the chart cannot show what the table does not: the values come from
the same `FigureTable`, a suppressed cell (a group under 10) is left out, and the chart's Dutch description (the
canvas's accessible text) and its "N values left out" sentence are translated like every other text on the page.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .suppression import MIN_GROUP
from .tables import Column, FigureTable, cell_state, month_text, typed_value

CHART_KINDS = ("bar", "stacked_bar", "line", "sankey")
# Sankey targets that bear a source's name get this invisible mark, so a flow back (A to B and B to A) is drawn
# as two columns instead of a cycle, which ECharts cannot lay out.
_TARGET_MARK = "\u200b"


def _kind_names() -> dict[str, str]:
    return {
        "bar": _("Staafdiagram"),
        "stacked_bar": _("Gestapeld staafdiagram"),
        "line": _("Lijndiagram"),
        "sankey": _("Stroomdiagram (Sankey)"),
    }


def _label(value: Any, column: Column) -> str:
    plain, suppressed = cell_state(value)
    if suppressed:
        return _("minder dan 10")
    if plain is None:
        return "-"
    return month_text(plain) if column.kind == "month" else str(plain)


def _number(value: Any, column: Column) -> tuple[float | int | None, bool]:
    plain, suppressed = cell_state(value)
    if suppressed or plain is None:
        return None, suppressed
    typed = typed_value(plain, column.kind if column.kind in ("count", "percent", "money", "ratio") else "number")
    return (typed if isinstance(typed, int | float) else None), False


def _has_cycle(links: list[tuple[str, str]]) -> bool:
    graph: dict[str, set[str]] = {}
    for source, target in links:
        graph.setdefault(source, set()).add(target)
    state: dict[str, int] = {}  # 1 on the path being walked, 2 done

    def visit(node: str) -> bool:
        state[node] = 1
        for nxt in graph.get(node, ()):
            if state.get(nxt) == 1 or (nxt not in state and visit(nxt)):
                return True
        state[node] = 2
        return False

    return any(node not in state and visit(node) for node in list(graph))


def _sankey(table: FigureTable, columns: dict[str, Column], index: dict[str, int]) -> tuple[dict, int]:
    chart = table.chart
    target_key, value_key = chart.series[0], chart.series[1]
    links, left_out = [], 0
    for row in table.rows:
        value, suppressed = _number(row[index[value_key]], columns[value_key])
        if suppressed:
            left_out += 1
        if not value:
            continue
        source = _label(row[index[chart.x]], columns[chart.x])
        target = _label(row[index[target_key]], columns[target_key])
        links.append((source, target, value))
    pairs = [(s, t) for s, t, _v in links]
    if _has_cycle(pairs) or any(s == t for s, t in pairs):
        sources = {s for s, _t in pairs}
        links = [(s, t + _TARGET_MARK if t in sources else t, v) for s, t, v in links]
    names = list(dict.fromkeys(name for s, t, _v in links for name in (s, t)))
    data = {
        "nodes": [{"name": name} for name in names],
        "links": [{"source": s, "target": t, "value": v} for s, t, v in links],
    }
    return data, left_out


def _series(table: FigureTable, columns: dict[str, Column], index: dict[str, int]) -> tuple[dict, int]:
    chart = table.chart
    categories = [_label(row[index[chart.x]], columns[chart.x]) for row in table.rows]
    series, left_out = [], 0
    for key in chart.series:
        values = []
        for row in table.rows:
            value, suppressed = _number(row[index[key]], columns[key])
            left_out += suppressed
            values.append(value)
        series.append({"name": str(columns[key].label), "data": values})
    return {"categories": categories, "series": series}, left_out


def left_out_sentence(count: int) -> str:
    """What the chart says of the values it leaves out (also shown beside it)."""
    return ngettext(
        "De grafiek laat %(count)d waarde weg: een groep van minder dan %(min)d inwoners; de tabel toont daar "
        "'minder dan 10'.",
        "De grafiek laat %(count)d waarden weg: groepen van minder dan %(min)d inwoners; de tabel toont daar "
        "'minder dan 10'.",
        count,
    ) % {"count": count, "min": MIN_GROUP}


def chart_spec(table: FigureTable) -> dict | None:
    """The chart of `table` as JSON-ready data, or None when the figure has no (known) chart or no rows."""
    chart = table.chart
    if chart is None or chart.kind not in CHART_KINDS or not table.rows:
        return None
    columns = {column.key: column for column in table.columns}
    index = {key: i for i, key in enumerate(table.column_keys())}
    needed = (chart.x, *chart.series)
    if any(key not in columns for key in needed) or (chart.kind == "sankey" and len(chart.series) < 2):
        return None
    if chart.kind == "sankey":
        data, left_out = _sankey(table, columns, index)
        axes = _("van {source} naar {target}").format(
            source=columns[chart.x].label, target=columns[chart.series[0]].label
        )
    else:
        data, left_out = _series(table, columns, index)
        axes = _("{x} langs de horizontale as; {series}").format(
            x=columns[chart.x].label, series=", ".join(str(columns[key].label) for key in chart.series)
        )
    description = [
        f"{_kind_names()[chart.kind]}: {table.title} ({axes}).",
        _("De tabel bij de grafiek geeft elke waarde."),
    ]
    if left_out:
        description.append(left_out_sentence(left_out))
    return {
        "kind": chart.kind,
        "title": str(table.title),
        "y_label": str(chart.y_label),
        "description": " ".join(description),
        "left_out": left_out,
        "left_out_text": left_out_sentence(left_out) if left_out else "",
        **data,
    }
