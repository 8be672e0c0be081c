"""A figure's table written as CSV, XLSX and Parquet and read back: Dutch headers, typed numbers, the note and the
filters under the table, and a group under 10 as "minder dan 10" (CSV, XLSX) or null with its flag (Parquet),
never the number."""

import csv
import io
from datetime import date

import pyarrow.parquet as pq
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from ..charts import chart_spec
from ..exports import csv_rows, to_csv, to_parquet, to_xlsx
from ..suppression import count
from ..tables import SUPPRESSED, Chart, Column, FigureTable
from .factories_exports import sample_table

FILTERS = [("Van maand", "2026-01"), ("Tot en met maand", "2026-02"), ("Gemeente", "Zaanstad"), ("Wijk", "")]


def _csv(content: bytes) -> list[list[str]]:
    assert content.startswith("\ufeff".encode())  # Excel opens it as UTF-8
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def test_the_csv_has_dutch_headers_decimal_commas_and_no_number_for_a_small_group():
    rows = _csv(to_csv(sample_table(), FILTERS))
    assert rows[0] == ["Route", "Maand", "Instroom", "Aandeel (%)", "Kosten", "Baten per euro"]
    assert rows[1] == ["Basisroute", "2026-01", "1234", "60,0", "1500", "1,10"]
    # the Maatwerkroute is a group under 10: no count, no share, no ratio; its cost (not a count of people) stays
    assert rows[2] == ["Maatwerkroute", "2026-01", "minder dan 10", "minder dan 10", "800", "minder dan 10"]
    # rate(10, 20): 10 / 20 = 50.0 %; an empty ratio is an empty field
    assert rows[3] == ["Netwerkroute", "2026-02", "10", "50,0", "1234567", ""]


def test_the_csv_carries_the_title_note_reference_and_filters_under_the_table():
    rows = _csv(to_csv(sample_table(), FILTERS))
    assert rows[4] == []
    assert rows[5] == ["Instroom per route"]
    assert ["Toelichting", "Bron: proefgegevens."] in rows
    assert ["Maatstaf", "Startnotitie: ter vergelijking."] in rows
    assert ["Gemeente", "Zaanstad"] in rows
    assert ["Wijk", "alle"] in rows


def test_csv_rows_are_the_rows_the_file_holds():
    table = sample_table()
    assert _csv(to_csv(table, FILTERS))[: len(table.rows) + 1] == csv_rows(table)


def test_the_xlsx_has_a_bold_header_typed_numbers_and_minder_dan_10_for_a_small_group():
    sheet = load_workbook(io.BytesIO(to_xlsx(sample_table(), FILTERS))).active
    assert [c.value for c in sheet[1]] == ["Route", "Maand", "Instroom", "Aandeel (%)", "Kosten", "Baten per euro"]
    assert all(c.font.bold for c in sheet[1])
    first = [c.value for c in sheet[2]]
    assert first[0] == "Basisroute"
    assert first[1].date() == date(2026, 1, 1)
    assert first[2] == 1234 and isinstance(first[2], int)
    assert first[3] == 60.0 and first[4] == 1500 and first[5] == 1.1
    assert sheet["C2"].number_format == "#,##0"
    assert sheet["B2"].number_format == "yyyy-mm"
    assert [c.value for c in sheet[3]] == [
        "Maatwerkroute",
        sheet["B3"].value,
        "minder dan 10",
        "minder dan 10",
        800,
        "minder dan 10",
    ]
    assert sheet["D4"].value == 50.0  # rate(10, 20)
    assert sheet["F4"].value is None


def test_the_xlsx_has_the_note_and_the_filters_in_rows_under_the_table():
    sheet = load_workbook(io.BytesIO(to_xlsx(sample_table(), FILTERS))).active
    below = [[c.value for c in row if c.value is not None] for row in sheet.iter_rows(min_row=5)]
    assert ["Instroom per route"] in below
    assert ["Toelichting", "Bron: proefgegevens."] in below
    assert ["Van maand", "2026-01"] in below
    assert ["Wijk", "alle"] in below


def test_the_parquet_has_typed_columns_null_for_a_small_group_and_a_flag_column():
    table = pq.read_table(io.BytesIO(to_parquet(sample_table(), FILTERS)))
    assert str(table.schema.field("instroom").type) == "int64"
    assert str(table.schema.field("aandeel").type) == "double"
    assert str(table.schema.field("maand").type) == "date32[day]"
    assert str(table.schema.field("instroom_onderdrukt").type) == "bool"
    data = table.to_pydict()
    assert data["instroom"] == [1234, None, 10]
    assert data["instroom_onderdrukt"] == [False, True, False]
    assert data["aandeel"] == [60.0, None, 50.0]
    assert data["verhouding"] == [1.1, None, None]
    # an empty cell is null too, but not suppressed
    assert data["verhouding_onderdrukt"] == [False, True, False]
    assert data["maand"] == [date(2026, 1, 1), date(2026, 1, 1), date(2026, 2, 1)]


def test_the_parquet_metadata_holds_the_note_and_the_filters():
    metadata = pq.read_schema(io.BytesIO(to_parquet(sample_table(), FILTERS))).metadata
    assert metadata[b"note"].decode() == "Bron: proefgegevens."
    assert metadata[b"title"].decode() == "Instroom per route"
    assert '"Gemeente": "Zaanstad"' in metadata[b"filters"].decode()


def test_a_text_that_looks_like_a_formula_is_written_as_text():
    table = sample_table()
    table.rows = [('=HYPERLINK("http://x")', *table.rows[0][1:])]
    assert _csv(to_csv(table, FILTERS))[1][0] == '\'=HYPERLINK("http://x")'
    cell = load_workbook(io.BytesIO(to_xlsx(table, FILTERS))).active["A2"]
    assert cell.data_type == "s" and cell.value == '\'=HYPERLINK("http://x")'


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=40), min_size=1, max_size=12))
def test_no_file_and_no_chart_carries_a_group_under_10(totals):
    """Whatever the counts, a group of 1 to 9 is "minder dan 10" in the CSV, null and flagged in Parquet, and left
    out of the chart, which counts what it left out; 0 and 10 or more are shown as they are."""
    table = FigureTable(
        code="eigen",
        title="Groepen",
        columns=[Column("groep", "Groep"), Column("n", "Aantal", "count")],
        rows=[(f"Groep {i}", SUPPRESSED if count(n) is None else n) for i, n in enumerate(totals)],
        chart=Chart("bar", "groep", ("n",)),
    )
    small = [0 < n < 10 for n in totals]
    shown = [row[1] for row in csv_rows(table)[1:]]
    assert shown == ["minder dan 10" if s else str(n) for n, s in zip(totals, small, strict=True)]
    data = pq.read_table(io.BytesIO(to_parquet(table, FILTERS))).to_pydict()
    assert data["n"] == [None if s else n for n, s in zip(totals, small, strict=True)]
    assert data["n_onderdrukt"] == small
    spec = chart_spec(table)
    assert spec["series"][0]["data"] == data["n"]
    assert spec["left_out"] == sum(small)
