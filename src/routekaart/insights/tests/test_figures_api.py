"""The figures API (/api/v1/sturing/figuren/<code>/): the same figure as its CSV download, typed, with null and
`onderdrukt` for a group under 10 (9 suppressed, 10 and 11 shown); the filters as query parameters; Dutch problem
details for an unknown figure or bad filters; only for the roles of steering."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse

from routekaart.organisations.roles import Role

from ..models import FlowCount
from .factories_exports import FLOW_CODE, SAMPLE_CODE, FlowCountFactory

pytestmark = [pytest.mark.django_db]

PERIOD = {"van": "2026-01", "tot": "2026-03"}


def _url(code: str) -> str:
    return reverse("insights-figure", args=[code])


def _as_csv_text(value, kind: str) -> str:
    """How the CSV writes a JSON value: a decimal comma, one decimal for a percentage, a month as 2026-01."""
    if value is None:
        return ""
    if kind == "percent":
        return f"{value:.1f}".replace(".", ",")
    if kind in ("money", "count"):
        return str(int(value)) if float(value).is_integer() else str(value).replace(".", ",")
    if kind == "ratio":
        return f"{value:.2f}".replace(".", ",")
    return str(value)


def test_the_api_gives_the_rows_of_the_csv_download(staff_client):
    client, _ = staff_client(Role.POLICY)
    answer = client.get(_url(SAMPLE_CODE), PERIOD).json()
    download = client.get(reverse("insights:export", args=[SAMPLE_CODE, "csv"]), PERIOD)
    rows = list(csv.reader(io.StringIO(download.content.decode("utf-8-sig")), delimiter=";"))
    kinds = {c["key"]: c["kind"] for c in answer["columns"]}
    assert [c["label"] for c in answer["columns"]] == rows[0]
    as_csv = [
        ["minder dan 10" if key in row["onderdrukt"] else _as_csv_text(row[key], kinds[key]) for key in kinds]
        for row in answer["rows"]
    ]
    assert as_csv == rows[1 : len(answer["rows"]) + 1]
    assert answer["rows"][0] == {
        "route": "Basisroute",
        "maand": "2026-01",
        "instroom": 1234,
        "aandeel": 60.0,
        "kosten": 1500.0,
        "verhouding": 1.1,
        "onderdrukt": [],
    }
    assert answer["rows"][1]["instroom"] is None
    assert answer["rows"][1]["onderdrukt"] == ["instroom", "aandeel", "verhouding"]
    assert answer["note"] == "Bron: proefgegevens."


@pytest.mark.parametrize(("total", "suppressed"), [(9, True), (10, False), (11, False)])
def test_a_route_with_fewer_than_10_entries_has_no_number_in_the_api(staff_client, total, suppressed):
    FlowCountFactory(key="basis", label="Basisroute", count=20)
    FlowCountFactory(key="maatwerk", label="Maatwerkroute", count=total, month=date(2026, 2, 1))
    client, _ = staff_client(Role.POLICY)
    row = client.get(_url(FLOW_CODE), PERIOD).json()["rows"][1]
    assert row["route"] == "Maatwerkroute"
    if suppressed:
        assert row["instroom"] is None and row["aandeel"] is None
        assert row["onderdrukt"] == ["instroom", "aandeel"]
    else:
        # share: total / (20 + total): 10 / 30 = 33.3 %, 11 / 31 = 35.5 %
        assert row["instroom"] == total
        assert row["aandeel"] == {10: 33.3, 11: 35.5}[total]


def test_the_filters_are_query_parameters_and_come_back_in_the_answer(staff_client):
    FlowCountFactory(label="Basisroute", count=12, month=date(2026, 2, 1))
    FlowCountFactory(label="Basisroute", count=40, month=date(2025, 2, 1))
    client, _ = staff_client(Role.POLICY)
    answer = client.get(_url(FLOW_CODE), {"van": "2026-01", "tot": "2026-02"}).json()
    assert answer["rows"] == [{"route": "Basisroute", "instroom": 12, "aandeel": 100.0, "onderdrukt": []}]
    assert {"label": "Van maand", "value": "2026-01"} in answer["filters"]


def test_an_unknown_figure_is_a_dutch_404(staff_client):
    client, _ = staff_client(Role.POLICY)
    response = client.get(_url("bestaat-niet"))
    assert response.status_code == 404
    assert response.json()["detail"] == "Dit cijfer bestaat niet (meer)."


def test_bad_filters_are_a_dutch_400_that_changes_nothing(staff_client):
    FlowCountFactory(count=15)
    client, _ = staff_client(Role.POLICY)
    response = client.get(_url(FLOW_CODE), {"van": "2026-13"})
    assert response.status_code == 400
    assert "Vul een maand in als jjjj-mm, bijvoorbeeld 2026-01." in response.content.decode()
    assert FlowCount.objects.count() == 1


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.RESIDENT])
def test_only_the_roles_of_steering_read_a_figure(staff_client, role):
    client, _ = staff_client(role)
    assert client.get(_url(SAMPLE_CODE)).status_code == 403
