"""Downloading a figure: each format's content type and file name, the filters applied, a group under 10 shown as
"minder dan 10" (9 suppressed, 10 and 11 shown), Dutch 404 and 400 refusals that change nothing, only for the
roles of steering, and a fixed number of queries."""

import csv
import io
from datetime import date

import pyarrow.parquet as pq
import pytest
from django.urls import reverse
from openpyxl import load_workbook

from routekaart.organisations.roles import Role
from routekaart.residents.tests.factories import MunicipalityFactory

from ..models import FlowCount
from .factories_exports import FLOW_CODE, SAMPLE_CODE, FlowCountFactory

pytestmark = [pytest.mark.django_db]

PERIOD = {"van": "2026-01", "tot": "2026-03"}


def _url(code: str, fmt: str) -> str:
    return reverse("insights:export", args=[code, fmt])


def _csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


@pytest.mark.parametrize(
    ("fmt", "content_type"),
    [
        ("csv", "text/csv; charset=utf-8"),
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("parquet", "application/vnd.apache.parquet"),
    ],
)
def test_each_format_has_its_content_type_and_a_file_name_with_the_figure_and_period(staff_client, fmt, content_type):
    client, _ = staff_client(Role.POLICY)
    response = client.get(_url(SAMPLE_CODE, fmt), PERIOD)
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == f'attachment; filename="{SAMPLE_CODE}-2026-01-2026-03.{fmt}"'


@pytest.mark.parametrize(("total", "shown"), [(9, "minder dan 10"), (10, "10"), (11, "11")])
def test_a_route_with_fewer_than_10_entries_has_no_number_in_the_csv(staff_client, total, shown):
    FlowCountFactory(key="basis", label="Basisroute", count=20)
    # the small route's entries are split over two months, so the sum is what is suppressed, not a row
    FlowCountFactory(key="maatwerk", label="Maatwerkroute", count=total - 4, month=date(2026, 1, 1))
    FlowCountFactory(key="maatwerk", label="Maatwerkroute", count=4, month=date(2026, 2, 1))
    client, _ = staff_client(Role.POLICY)
    rows = _csv(client.get(_url(FLOW_CODE, "csv"), PERIOD))
    assert rows[2][:2] == ["Maatwerkroute", shown]
    if total == 9:
        assert rows[2][2] == "minder dan 10"
        assert "9" not in rows[2][1:]
    else:
        # share: total / (20 + total), e.g. 10 / 30 = 33.3 %, 11 / 31 = 35.5 %
        assert rows[2][2] == {10: "33,3", 11: "35,5"}[total]


@pytest.mark.parametrize(("total", "suppressed"), [(9, True), (10, False), (11, False)])
def test_a_route_with_fewer_than_10_entries_is_null_in_parquet_and_minder_dan_10_in_xlsx(
    staff_client, total, suppressed
):
    FlowCountFactory(key="basis", label="Basisroute", count=20)
    FlowCountFactory(key="maatwerk", label="Maatwerkroute", count=total)
    client, _ = staff_client(Role.POLICY)
    data = pq.read_table(io.BytesIO(client.get(_url(FLOW_CODE, "parquet"), PERIOD).content)).to_pydict()
    assert data["instroom"][1] == (None if suppressed else total)
    assert data["instroom_onderdrukt"][1] is suppressed
    sheet = load_workbook(io.BytesIO(client.get(_url(FLOW_CODE, "xlsx"), PERIOD).content)).active
    assert sheet["B3"].value == ("minder dan 10" if suppressed else total)


def test_the_export_applies_the_municipality_and_period_filters(staff_client):
    zaanstad, purmerend = MunicipalityFactory(name="Zaanstad"), MunicipalityFactory(name="Purmerend")
    FlowCountFactory(key="basis", label="Basisroute", count=12, municipality=zaanstad)
    FlowCountFactory(key="basis", label="Basisroute", count=30, municipality=purmerend)
    FlowCountFactory(key="basis", label="Basisroute", count=50, municipality=zaanstad, month=date(2025, 6, 1))
    client, _ = staff_client(Role.POLICY)
    rows = _csv(client.get(_url(FLOW_CODE, "csv"), {**PERIOD, "gemeente": zaanstad.pk}))
    # only Zaanstad's 12 in 2026-01..03: Purmerend's 30 and the 50 of 2025-06 fall outside
    assert rows[1] == ["Basisroute", "12", "100,0"]
    assert ["Gemeente", "Zaanstad"] in rows


def test_an_unknown_figure_is_a_dutch_404(staff_client):
    client, _ = staff_client(Role.POLICY)
    response = client.get(_url("bestaat-niet", "csv"))
    assert response.status_code == 404
    assert "Dit cijfer bestaat niet (meer)." in response.content.decode()


def test_an_unknown_format_is_a_dutch_404(staff_client):
    client, _ = staff_client(Role.POLICY)
    response = client.get(_url(SAMPLE_CODE, "pdf"))
    assert response.status_code == 404
    assert "Dit bestandsformaat bestaat niet. Kies CSV, XLSX of Parquet." in response.content.decode()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"van": "januari"}, "Vul een maand in als jjjj-mm, bijvoorbeeld 2026-01."),
        ({"van": "2026-05", "tot": "2026-01"}, "De laatste maand ligt voor de eerste; kies een latere maand."),
        ({"gemeente": "999999"}, "Kies gemeente uit de lijst."),
    ],
)
def test_bad_filters_are_a_dutch_400_that_changes_nothing(staff_client, query, message):
    FlowCountFactory(count=15)
    client, _ = staff_client(Role.POLICY)
    response = client.get(_url(FLOW_CODE, "csv"), query)
    assert response.status_code == 400
    body = response.content.decode()
    assert "De filters kloppen niet" in body and message in body
    assert "Content-Disposition" not in response
    assert FlowCount.objects.count() == 1


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.PROVIDER, Role.RESIDENT])
def test_only_the_roles_of_steering_download_a_figure(staff_client, role):
    client, _ = staff_client(role)
    assert client.get(_url(SAMPLE_CODE, "csv")).status_code == 403


def test_a_market_manager_downloads_a_figure(staff_client):
    client, _ = staff_client(Role.MARKET_MANAGER)
    assert client.get(_url(SAMPLE_CODE, "csv")).status_code == 200


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "parquet"])
def test_an_export_runs_a_fixed_number_of_queries_whatever_the_rows(staff_client, django_assert_max_num_queries, fmt):
    for n in range(30):
        FlowCountFactory(key=f"route-{n}", label=f"Route {n:02d}", count=10 + n)
    client, _ = staff_client(Role.POLICY)
    # session, user, the request's savepoint and its release, the user's roles, the filter form's municipalities
    # and wijken, and the figure's one grouped query: 8, for 30 routes as for one
    with django_assert_max_num_queries(8):
        response = client.get(_url(FLOW_CODE, fmt), PERIOD)
    assert response.status_code == 200
