"""The chart drawn beside a figure's table: its data leaves a group under 10 out and says so, a flow back in a Sankey
is drawn as two columns instead of a cycle, the description is Dutch, and the figure component carries the chart's
JSON (no inline script), a role="img" container and the table's cells formatted by their column's kind."""

from datetime import date
from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory

from ..charts import chart_spec
from ..suppression import rate
from ..tables import SUPPRESSED, Chart, Column, FigureTable
from ..templatetags.insights import cell
from .factories_exports import SAMPLE_CODE, sample_table, sankey_figure, stacked_figure


def test_a_bar_chart_leaves_a_suppressed_count_out_and_says_so():
    spec = chart_spec(sample_table())
    assert spec["kind"] == "bar"
    assert spec["categories"] == ["Basisroute", "Maatwerkroute", "Netwerkroute"]
    assert spec["series"] == [{"name": "Instroom", "data": [1234, None, 10]}]
    assert spec["left_out"] == 1
    assert "De grafiek laat 1 waarde weg" in spec["left_out_text"]
    assert spec["left_out_text"] in spec["description"]


def test_a_stacked_bar_chart_has_a_series_per_column_with_months_on_the_axis():
    spec = chart_spec(stacked_figure(None))
    assert spec["categories"] == ["2026-01", "2026-02"]
    assert [s["name"] for s in spec["series"]] == ["Regulier werk", "Beschut werk", "Dagbesteding"]
    assert spec["series"][2]["data"] == [None, 11]
    assert spec["left_out"] == 1
    assert spec["description"].startswith("Gestapeld staafdiagram: Uitstroom naar bestemming (proef)")


def test_a_sankey_with_a_flow_back_draws_targets_apart_and_leaves_the_small_link_out():
    spec = chart_spec(sankey_figure(None))
    links = {(link["source"], link["target"]): link["value"] for link in spec["links"]}
    # Basisroute -> Maatwerkroute and back is a cycle: the targets bear an invisible mark, so they are other nodes
    assert links == {
        ("Basisroute", "Maatwerkroute\u200b"): 40,
        ("Maatwerkroute", "Basisroute\u200b"): 12,
        ("Basisroute", "Regulier werk"): 25,
    }
    assert len({node["name"] for node in spec["nodes"]}) == len(spec["nodes"]) == 5
    assert spec["left_out"] == 1


def test_a_sankey_without_a_cycle_keeps_its_stages():
    table = FigureTable(
        code="x",
        title="Stromen",
        columns=[Column("van", "Van"), Column("naar", "Naar"), Column("n", "Aantal", "count")],
        rows=[("Start", "Basisroute", 30), ("Basisroute", "Werk", 20)],
        chart=Chart("sankey", "van", ("naar", "n")),
    )
    spec = chart_spec(table)
    assert [node["name"] for node in spec["nodes"]] == ["Start", "Basisroute", "Werk"]
    assert spec["left_out"] == 0 and spec["left_out_text"] == ""


def test_a_figure_without_a_chart_or_rows_has_no_chart():
    table = sample_table()
    table.chart = None
    assert chart_spec(table) is None
    empty = sample_table()
    empty.rows = []
    assert chart_spec(empty) is None
    unknown = sample_table()
    unknown.chart = Chart("pie", "route", ("instroom",))
    assert chart_spec(unknown) is None


@pytest.mark.parametrize(
    ("value", "kind", "shown"),
    [
        (SUPPRESSED, "count", "minder dan 10"),
        (rate(3, 9), "percent", "minder dan 10"),
        (rate(10, 20), "percent", "50,0 %"),
        (Decimal("12.25"), "percent", "12,3 %"),  # half up, not cut off
        (Decimal("1500.5"), "money", "€ 1.501"),
        (Decimal("1.105"), "ratio", "1,11"),
        (1234567, "count", "1.234.567"),
        (Decimal("1500.4"), "money", "€ 1.500"),
        (Decimal("1.1"), "ratio", "1,10"),
        (date(2026, 3, 1), "month", "2026-03"),
        (None, "count", "-"),
        ("Basisroute", "text", "Basisroute"),
    ],
)
def test_a_cell_is_formatted_by_its_column_kind(value, kind, shown):
    assert cell(value, kind) == shown


@pytest.mark.django_db
def test_the_figure_component_carries_the_chart_json_a_labelled_image_and_typed_cells():
    request = RequestFactory().get("/sturing/")
    html = render_to_string(
        "insights/components/figure.html", {"table": sample_table(), "query": "van=2026-01"}, request=request
    )
    assert f'<script id="figuur-{SAMPLE_CODE}-grafiekdata" type="application/json">' in html
    assert f'role="img" aria-label="Instroom per route" data-chart="figuur-{SAMPLE_CODE}-grafiekdata"' in html
    assert "De grafiek laat 1 waarde weg" in html
    assert '<td class="utrecht-table__cell utrecht-table__cell--numeric-data">1.234</td>' in html
    assert "€ 1.234.567" in html and "1,10" in html and "2026-01" in html
    assert html.count("minder dan 10</td>") == 3
    assert f"/sturing/export/{SAMPLE_CODE}.parquet?van=2026-01" in html
    assert "Bron: proefgegevens." in html and "Startnotitie: ter vergelijking." in html
