"""The simulation's pages: beleid computes and saves a named scenario (one event, no personal data); bad input and
a duplicate name are refused in Dutch with nothing saved; only beleid saves; the saved scenario's page and every
download show no number for a group under 10; the calculation runs a fixed number of queries."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from routekaart.audit.event_labels import event_label
from routekaart.audit.models import Event, ProcessingLogEntry
from routekaart.insights.demo import DEMO_SCENARIO, demo_scenario_ensure
from routekaart.insights.models import Scenario
from routekaart.insights.tables import SUPPRESSED
from routekaart.organisations.tests.factories import UserFactory

from .factories_simulation import AS_OF, NormVersionFactory, district_in_new_municipality, household, regulations

pytestmark = pytest.mark.django_db
URL = reverse("insights:simulation")


@pytest.fixture
def town():
    """Eleven singles at 90 % of the minimum using the energy allowance; ten single parents and nine couples above
    the limit (the nine show no number, and so the ten do not either: 30 households minus 11 singles minus 10
    single parents would give the nine away)."""
    NormVersionFactory()
    regs = regulations()
    district = district_in_new_municipality()
    for _ in range(11):
        household(district=district, income="900", uses=(regs["energy_allowance"],))
    for _ in range(10):
        household(district=district, income="2500", children=1)
    for _ in range(9):
        household(district=district, income="2500", partner=True)
    return district.municipality


def query(municipality, **extra) -> dict:
    values = {
        "gemeente": municipality.pk,
        "regelingen": ["energy_allowance", "individual_income_supplement"],
        "grens": 120,
        "toeslag": "1000",
        "per_kind": "100",
        "peildatum": AS_OF.isoformat(),
    }
    values.update(extra)
    return values


def test_beleid_sees_the_form_and_no_results_before_choosing(staff_client, town):
    client, _ = staff_client("policy")
    response = client.get(URL)
    assert response.status_code == 200
    assert "Bereken" in response.text and "Uitkomsten" not in response.text


def test_beleid_computes_the_results_on_the_caseload(staff_client, town):
    client, _ = staff_client("policy")
    response = client.get(URL, query(town))
    assert response.status_code == 200
    tables = {t.code: t for t in response.context["tables"]}
    summary = tables["simulation_summary"]
    assert summary.rows[0][1] == 30  # 11 singles + 10 single parents + 9 couples known to income
    assert summary.rows[1][1] == 11 and summary.rows[1][2] == Decimal("11000.00")  # 11 x EUR 1,000
    assert summary.rows[2][1] == 11 and summary.rows[2][2] == Decimal("14300.00")  # 11 x EUR 1,300 now
    by_type = {row[0]: row for row in tables["simulation_winners_losers"].rows}
    assert by_type["Alleenstaande"][1:] == (11, 11, 0, 11, 0)  # every single loses EUR 300
    assert by_type["Paar zonder kinderen"][1] is SUPPRESSED  # nine couples
    assert by_type["Alleenstaande ouder"][1:] == (SUPPRESSED,) * 5  # ten, but 30 - 11 - 10 would show the nine
    assert "Bewaar als scenario" in response.text
    assert ProcessingLogEntry.objects.filter(activity_id="management-information").count() == 1  # names no one


def test_a_group_of_nine_shows_minder_dan_10_on_the_page_and_in_the_download(staff_client, town):
    client, _ = staff_client("policy")
    response = client.get(URL, query(town))
    assert "minder dan 10" in response.text  # the nine couples
    download = client.get(URL, {**query(town), "figuur": "simulation_winners_losers", "formaat": "csv"})
    assert download.status_code == 200
    rows = list(csv.reader(io.StringIO(download.content.decode("utf-8-sig")), delimiter=";"))
    couples = next(row for row in rows if row and row[0] == "Paar zonder kinderen")
    assert couples[1:] == ["minder dan 10"] * 5
    assert "9" not in couples


def test_bad_parameters_answer_400_in_dutch(staff_client, town):
    client, _ = staff_client("policy")
    response = client.get(URL, query(town, grens="49", toeslag="0", regelingen=[], peildatum="2999-01-01"))
    assert response.status_code == 400
    assert "Kies ten minste één regeling om te vervangen." in response.text
    # the model's plausible dates answer a day ahead before the form's own check does
    assert "Vul een datum in die niet na vandaag ligt; dit is nog niet gebeurd." in response.text
    assert set(response.context["form"].errors) == {"grens", "toeslag", "regelingen", "peildatum"}
    assert "Uitkomsten" not in response.text


def test_the_form_starts_from_the_municipality_the_user_works_for(staff_client, town):
    client, user = staff_client("policy")
    user.affiliations.update(organisation=town)
    response = client.get(URL)
    assert response.context["form"].fields["gemeente"].initial == town.pk


def test_beleid_saves_a_named_scenario_with_one_event_and_no_personal_data(staff_client, town):
    client, user = staff_client("policy")
    response = client.post(URL, {**query(town), "naam": "Eén toeslag tot 120 %"})
    scenario = Scenario.objects.get()
    assert response.status_code == 302 and response.url == reverse("insights:scenario_detail", args=[scenario.pk])
    assert (scenario.threshold_percent, scenario.allowance, scenario.child_supplement) == (
        120,
        Decimal("1000.00"),
        Decimal("100.00"),
    )
    assert scenario.results["reached"] == 11 and scenario.results["cost_allowance"] == "11000.00"
    couples = next(row for row in scenario.results["by_type"] if row["type"] == "couple")
    assert couples["households"] is None  # nine: stored without a number
    event = Event.objects.get(action="scenario.saved")
    assert event.actor_id == user.pk and event.household_id is None
    assert event_label("scenario.saved") == "Beleidsscenario opgeslagen"
    entry = ProcessingLogEntry.objects.get(activity_id="management-information")
    assert entry.actor_id == user.pk
    detail = client.get(response.url)
    assert detail.status_code == 200 and "Eén toeslag tot 120 %" in detail.text and "minder dan 10" in detail.text


def test_bad_input_saves_nothing_and_answers_in_dutch(staff_client, town):
    client, _ = staff_client("policy")
    response = client.post(
        URL, {**query(town, grens="201", toeslag="10000.01", regelingen=["bestaat_niet"]), "naam": " "}
    )
    assert response.status_code == 400
    assert Scenario.objects.count() == 0
    errors = response.context["save_form"].errors
    assert {"naam", "grens", "toeslag", "regelingen"} <= set(errors)
    assert "Kies regelingen uit de lijst." in response.text
    assert not Event.objects.filter(action="scenario.saved").exists()


def test_a_duplicate_name_is_refused_in_dutch(staff_client, town):
    client, _ = staff_client("policy")
    client.post(URL, {**query(town), "naam": "Variant A"})
    response = client.post(URL, {**query(town, grens="110"), "naam": "Variant A"})
    assert response.status_code == 400
    assert "Er is al een scenario met deze naam voor deze gemeente; kies een andere naam." in response.text
    assert Scenario.objects.count() == 1
    assert Scenario.objects.get().threshold_percent == 120


def test_the_market_manager_reads_but_does_not_save(staff_client, town):
    client, _ = staff_client("market_manager")
    assert client.get(URL, query(town)).status_code == 200
    response = client.post(URL, {**query(town), "naam": "Variant B"})
    assert response.status_code == 403
    assert Scenario.objects.count() == 0


def test_a_coordinator_sees_no_simulation(staff_client, town):
    client, _ = staff_client("coordinator")
    assert client.get(URL).status_code == 403


def test_an_unknown_download_is_404(staff_client, town):
    client, _ = staff_client("policy")
    assert client.get(URL, {**query(town), "figuur": "bestaat_niet", "formaat": "csv"}).status_code == 404
    assert client.get(URL, {**query(town), "figuur": "simulation_summary", "formaat": "pdf"}).status_code == 404


def test_the_saved_scenario_downloads_as_xlsx_and_parquet(staff_client, town):
    client, _ = staff_client("policy")
    detail_url = client.post(URL, {**query(town), "naam": "Variant C"}).url
    for fmt in ("xlsx", "parquet"):
        response = client.get(detail_url, {"figuur": "simulation_summary", "formaat": fmt})
        assert response.status_code == 200 and response["Content-Disposition"].endswith(f'.{fmt}"')


def test_the_calculation_page_runs_a_fixed_number_of_queries(staff_client, town, django_assert_max_num_queries):
    client, _ = staff_client("policy")
    client.get(URL, query(town))  # warm the session and the user's affiliations
    # session, user, affiliations, the form's two choice lists, six reads of the caseload (the seventh, the
    # non-take-up, only when a check exists), the save form's two choice lists, the saved scenarios, the processing
    # log entry and the savepoint of the request: 17 at most, whatever the number of households
    with django_assert_max_num_queries(17):
        client.get(URL, query(town))


def test_a_saved_scenario_page_runs_a_fixed_number_of_queries(staff_client, town, django_assert_max_num_queries):
    client, _ = staff_client("policy")
    detail_url = client.post(URL, {**query(town), "naam": "Variant E"}).url
    with django_assert_max_num_queries(6):  # session, user, affiliations, the scenario: no caseload is read
        client.get(detail_url)


def test_the_demo_saves_its_scenario_once(town):
    town.code = "gemeente-weidebeek"
    town.save()
    UserFactory(username="beleid", role="policy")
    scenario = demo_scenario_ensure()
    assert scenario is not None and scenario.name == DEMO_SCENARIO and scenario.threshold_percent == 120
    assert demo_scenario_ensure() is None
    assert Scenario.objects.count() == 1


def test_the_page_shows_what_the_results_rest_on_and_each_regulations_amount(staff_client, town):
    client, _ = staff_client("policy")
    response = client.get(URL, query(town))
    assert "Normbedragen vanaf 1 januari 2026 (Testnormen)" in response.text
    assert "Nog geen regelingencheck op of voor de peildatum" in response.text
    tables = {t.code: t for t in response.context["tables"]}
    energy = next(row for row in tables["simulation_amounts"].rows if row[0] == "Energy allowance")
    # EUR 1,300 for every type (insights/data/simulation.yaml, the energy allowance of 2022 and 2023)
    assert energy[1:5] == (Decimal("1300"),) * 4 and "Divosa" in energy[5]
    used = next(row for row in tables["simulation_regulations"].rows if row[0] == "Energy allowance")
    assert used[1:] == (11, Decimal("14300.00"))  # 11 singles x EUR 1,300


def test_the_stored_results_are_aggregates_only(staff_client, town):
    client, _ = staff_client("policy")
    client.post(URL, {**query(town), "naam": "Variant D"})
    results = Scenario.objects.get().results
    assert set(results) == {
        "households",
        "reached",
        "users_now",
        "cost_now",
        "cost_allowance",
        "cost_difference",
        "non_take_up_before",
        "non_take_up_gone",
        "by_type",
        "by_regulation",
        "norms_from",
        "norms_source",
        "check_on",
        "amounts_version",
    }
    assert {row["type"] for row in results["by_type"]} == {"single", "single_parent", "couple", "couple_with_children"}
