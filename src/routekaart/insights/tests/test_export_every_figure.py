"""Every registered figure (each page's, not only the tests'): its chart names columns it has and a kind the charts
draw, its columns have known kinds, and it downloads in each format, here on an empty database with the default
filters; so a figure a page shows can always be charted, printed and downloaded."""

import pytest

from ..charts import CHART_KINDS, chart_spec
from ..exports import FORMATS, export_bytes
from ..figures import figure_builder, figure_codes
from ..filters import default_filters
from . import factories_exports  # noqa: F401  (registers the test figures too)

pytestmark = [pytest.mark.django_db]

KINDS = {"text", "count", "percent", "money", "ratio", "month", "number"}


def test_every_registered_figure_charts_its_own_columns_and_downloads_in_each_format():
    problems = []
    for code in figure_codes():
        table = figure_builder(code)(default_filters())
        keys = table.column_keys()
        if table.code != code:
            problems.append(f"{code}: the table calls itself {table.code}")
        problems += [f"{code}: column {c.key} has kind {c.kind}" for c in table.columns if c.kind not in KINDS]
        if any(len(row) != len(keys) for row in table.rows):
            problems.append(f"{code}: a row has not one value per column")
        chart = table.chart
        if chart is not None:
            if chart.kind not in CHART_KINDS:
                problems.append(f"{code}: chart kind {chart.kind}")
            missing = [key for key in (chart.x, *chart.series) if key not in keys]
            if missing:
                problems.append(f"{code}: the chart names columns it has not: {missing}")
            chart_spec(table)
        for fmt in FORMATS:
            assert export_bytes(table, [], fmt), (code, fmt)
    assert not problems, "\n".join(problems)
