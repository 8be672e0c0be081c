"""The forecast figures download with every small group suppressed, in each format, as they show on the page."""

import csv
import io
from datetime import date

import pyarrow.parquet as pq
import pytest
from django.urls import reverse

from routekaart.insights.refresh import RefreshContext
from routekaart.insights.refresh_forecasts import refresh
from routekaart.organisations.roles import Role

from .factories_forecasts import route_series

pytestmark = pytest.mark.django_db

START = date(2025, 12, 1)
PERIOD = {"van": "2025-12", "tot": "2026-11"}


@pytest.fixture
def flows():
    route_series([4] * 12, start=START)  # werk: 4 a month, never shown
    route_series([30] * 12, start=START, key="mbo", label="Mbo")
    refresh(RefreshContext(full=True, as_of=date(2026, 12, 6), from_month=date(2000, 1, 1), watermark=0))


def download(client, code: str, fmt: str):
    response = client.get(reverse("insights:export", args=[code, fmt]), PERIOD)
    assert response.status_code == 200
    return response.content


@pytest.mark.usefixtures("flows")
def test_the_csv_of_the_inflow_forecast_shows_no_number_for_a_small_route(staff_client):
    client, _user = staff_client(Role.POLICY)
    text = download(client, "forecast_inflow", "csv").decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][:6] == ["Route", "Maand", "Werkelijk", "Prognose", "Ondergrens", "Bovengrens"]
    werk = [row for row in rows if row and row[0] == "Werk"]
    assert len(werk) == 12 + 12  # the history in the period and twelve forecast months
    for row in werk:
        assert set(row[2:6]) <= {"minder dan 10", ""}, row
        assert "4" not in row[2:6]
    mbo = [row for row in rows if row and row[0] == "Mbo"]
    assert [row[2] for row in mbo[:12]] == ["30"] * 12


@pytest.mark.usefixtures("flows")
def test_the_parquet_of_the_inflow_forecast_has_null_and_a_flag_for_a_small_route(staff_client):
    client, _user = staff_client(Role.POLICY)
    table = pq.read_table(io.BytesIO(download(client, "forecast_inflow", "parquet"))).to_pylist()
    werk = [row for row in table if row["route"] == "Werk"]
    assert all(row["actual"] is None and row["actual_onderdrukt"] for row in werk[:12])
    assert all(row["forecast"] is None and row["forecast_onderdrukt"] for row in werk[12:])
    mbo = [row for row in table if row["route"] == "Mbo"]
    assert [row["forecast"] for row in mbo[12:]] == [30.0] * 12


@pytest.mark.usefixtures("flows")
def test_the_error_table_and_the_caseload_download_as_xlsx(staff_client):
    from openpyxl import load_workbook

    client, _user = staff_client(Role.POLICY)
    for code in ("forecast_error", "forecast_caseload", "forecast_outflow"):
        sheet = load_workbook(io.BytesIO(download(client, code, "xlsx"))).active
        values = [cell for row in sheet.iter_rows(values_only=True) for cell in row]
        assert 4 not in values  # werk's count, in any column
    errors = load_workbook(io.BytesIO(download(client, "forecast_error", "xlsx"))).active
    werk = [row for row in errors.iter_rows(values_only=True) if row[0] == "Werk"]
    assert werk[0][5] == "minder dan 10"  # no error for a series never shown
