"""A figure's table as a file: CSV for a spreadsheet, XLSX with typed numbers, Parquet for an analytics engine.

All three are written from the same `FigureTable` as the page, so a download shows what the page shows. A cell of
a group under 10 residents is "minder dan 10" in CSV and XLSX and null in Parquet (with a `<key>_onderdrukt`
column saying so), never the number. Only aggregates are exported, no personal data: an export is therefore not
written to the processing log (which records reads of personal data), and needs no purpose.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from .filters import FilterForm, Filters
from .suppression import TOO_FEW
from .tables import NUMERIC_KINDS, FigureTable, cell_state, month_text, typed_value

SUPPRESSED_SUFFIX = "_onderdrukt"
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class ExportFormat:
    extension: str
    content_type: str


FORMATS = {
    "csv": ExportFormat("csv", "text/csv; charset=utf-8"),
    "xlsx": ExportFormat("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "parquet": ExportFormat("parquet", "application/vnd.apache.parquet"),
}

# Spreadsheet number formats by column kind (percentages are stored as 12.5, not 0.125, as on the page).
_XLSX_FORMATS = {
    "count": "#,##0",
    "percent": '0.0" %"',
    "money": '"€" #,##0',
    "ratio": "0.00",
    "month": "yyyy-mm",
}


def filter_lines(form: FilterForm, filters: Filters) -> list[tuple[str, str]]:
    """The filters a file was made with, in words (label, value): written under the table in CSV and XLSX and into
    the Parquet metadata, so a file read later says what it covers."""
    choices = {
        name: {str(value): str(label) for value, label in form.fields[name].choices} for name in ("gemeente", "wijk")
    }
    municipality = choices["gemeente"].get(str(filters.municipality_id or ""), "")
    district = choices["wijk"].get(str(filters.district_id or ""), "")
    return [
        (str(form.fields["van"].label), month_text(filters.month_from)),
        (str(form.fields["tot"].label), month_text(filters.month_to)),
        (str(form.fields["gemeente"].label), municipality),
        (str(form.fields["wijk"].label), district),
    ]


def file_name(table: FigureTable, filters: Filters, fmt: str) -> str:
    """`<code>-<from>-<to>.<ext>`: the figure and its period, nothing about a person."""
    return f"{table.code}-{month_text(filters.month_from)}-{month_text(filters.month_to)}.{FORMATS[fmt].extension}"


def _safe_text(text: str) -> str:
    """A text a spreadsheet will not run as a formula (a provider's name that starts with "=" or "@")."""
    return f"'{text}" if text.startswith(_FORMULA_STARTS) else text


def _csv_text(value: Any, kind: str) -> str:
    plain, suppressed = cell_state(value)
    if suppressed:
        return str(TOO_FEW)
    if plain is None:
        return ""
    if kind == "month" or isinstance(plain, date):
        return month_text(plain)
    if isinstance(plain, int | Decimal | float) and not isinstance(plain, bool):
        # A decimal comma and no grouping: what a Dutch spreadsheet reads as a number in a ;-separated file.
        return str(plain).replace(".", ",")
    return _safe_text(str(plain))


def csv_rows(table: FigureTable) -> list[list[str]]:
    """The header and the rows as the CSV writes them (the API's test compares against these)."""
    kinds = [column.kind for column in table.columns]
    rows = [[_safe_text(str(column.label)) for column in table.columns]]
    rows += [[_csv_text(value, kind) for value, kind in zip(row, kinds, strict=True)] for row in table.rows]
    return rows


def _footer(table: FigureTable, filters: list[tuple[str, str]]) -> list[list[str]]:
    lines = [[str(table.title)]]
    if table.note:
        lines.append([_("Toelichting"), str(table.note)])
    if table.reference:
        lines.append([_("Maatstaf"), str(table.reference)])
    lines += [[label, value or _("alle")] for label, value in filters]
    return [[_safe_text(text) for text in line] for line in lines]


def to_csv(table: FigureTable, filters: list[tuple[str, str]]) -> bytes:
    """`;`-separated UTF-8 with a byte-order mark (Excel then opens it as UTF-8), Dutch headers, the table's title,
    note and filters in rows after an empty line."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerows(csv_rows(table))
    writer.writerow([])
    writer.writerows(_footer(table, filters))
    return buffer.getvalue().encode("utf-8")


def _xlsx_value(value: Any, kind: str) -> Any:
    plain, suppressed = cell_state(value)
    if suppressed:
        return str(TOO_FEW)
    if plain is None:
        return None
    if kind in NUMERIC_KINDS and isinstance(plain, int | Decimal | float):
        return typed_value(plain, kind)
    if kind == "month" and isinstance(plain, date):
        return plain
    return _safe_text(str(plain))


def to_xlsx(table: FigureTable, filters: list[tuple[str, str]]) -> bytes:
    """One sheet: a bold header row, the rows with typed numbers in the column's format, then the title, note and
    filters in rows under it."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = table.code[:31]
    sheet.append([_safe_text(str(column.label)) for column in table.columns])
    for header in sheet[1]:
        header.font = Font(bold=True)
    for row in table.rows:
        sheet.append([_xlsx_value(value, column.kind) for value, column in zip(row, table.columns, strict=True)])
    for index, column in enumerate(table.columns, start=1):
        number_format_ = _XLSX_FORMATS.get(column.kind)
        if number_format_:
            for (item,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                if not isinstance(item.value, str):
                    item.number_format = number_format_
        sheet.column_dimensions[get_column_letter(index)].width = max(12, min(48, len(str(column.label)) + 4))
    sheet.append([])
    for line in _footer(table, filters):
        sheet.append(line)
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


_ARROW_TYPES = {
    "count": pa.int64(),
    "percent": pa.float64(),
    "money": pa.float64(),
    "ratio": pa.float64(),
    "number": pa.float64(),
    "month": pa.date32(),
    "text": pa.string(),
}


def to_parquet(table: FigureTable, filters: list[tuple[str, str]]) -> bytes:
    """Typed columns (a count int64, other numbers float64, a month a date, text a string); a suppressed cell is
    null and `<key>_onderdrukt` (boolean, one per column) marks it; title, note and filters in the file's
    metadata."""
    arrays, fields = [], []
    for index, column in enumerate(table.columns):
        arrow_type = _ARROW_TYPES.get(column.kind, pa.string())
        values, flags = [], []
        for row in table.rows:
            plain, suppressed = cell_state(row[index])
            flags.append(suppressed)
            value = typed_value(plain, column.kind if column.kind in _ARROW_TYPES else "text")
            if column.kind == "month" and value is not None and not isinstance(value, date):
                value = None
            values.append(value)
        arrays += [pa.array(values, type=arrow_type), pa.array(flags, type=pa.bool_())]
        fields += [
            pa.field(column.key, arrow_type, metadata={"label": str(column.label), "kind": column.kind}),
            pa.field(f"{column.key}{SUPPRESSED_SUFFIX}", pa.bool_()),
        ]
    metadata = {
        "code": table.code,
        "title": str(table.title),
        "note": str(table.note),
        "reference": str(table.reference),
        "filters": json.dumps(dict(filters), ensure_ascii=False),
        "suppression": _("Groepen van minder dan 10 inwoners staan er zonder getal in (null)."),
    }
    schema = pa.schema(fields, metadata=metadata)
    buffer = io.BytesIO()
    pq.write_table(pa.Table.from_arrays(arrays, schema=schema), buffer)
    return buffer.getvalue()


WRITERS = {"csv": to_csv, "xlsx": to_xlsx, "parquet": to_parquet}


def export_bytes(table: FigureTable, filters: list[tuple[str, str]], fmt: str) -> bytes:
    """The table as a file of format `fmt` (a key of FORMATS)."""
    return WRITERS[fmt](table, filters)
