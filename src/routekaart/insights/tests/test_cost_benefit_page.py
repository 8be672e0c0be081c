"""The page "Kosten en baten": per instrument and route the quantities and the ratio beside the seed's 1.1, the
assumptions with their sources, no number for a group under 10, a fixed number of queries, only for beleid."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from routekaart.income.models import NormVersion
from routekaart.insights.figures import figure_builder, figure_codes
from routekaart.insights.filters import Filters
from routekaart.insights.models import CostBenefitCell
from routekaart.insights.selectors_cost_benefit import cost_benefit_instruments, cost_benefit_routes
from routekaart.insights.tables import SUPPRESSED
from routekaart.organisations.roles import Role

from .factories_cost_benefit import CostBenefitCellFactory, MunicipalityFactory

URL = reverse("insights:cost_benefit")
YEAR_2025 = Filters(month_from=datetime.date(2025, 1, 1), month_to=datetime.date(2025, 12, 1))
QUERY_2025 = {"van": "2025-01", "tot": "2025-12"}


def row_of(table, label: str) -> dict:
    return next(row for row in table.as_dicts() if row["label"] == label)


@pytest.fixture
def town(db):
    assert not NormVersion.objects.exists()  # the ratio below uses the data file's monthly benefit of EUR 1407.65
    return MunicipalityFactory(name="Weidebeek")


def test_the_instrument_row_by_hand(town):
    CostBenefitCellFactory(
        municipality=town,
        participants=12,
        cost=Decimal("20000.00"),
        left_benefit=4,
        benefit_months_saved=Decimal("10.0"),
        work_months=Decimal("11.0"),
        earnings=Decimal("13400.00"),
    )

    row = row_of(cost_benefit_instruments(YEAR_2025), "Jobcoach")

    assert (row["participants"], row["cost"], row["benefit_months_saved"]) == (12, Decimal("20000.00"), 10)
    assert row["left_benefit"] is SUPPRESSED  # 4 residents left: a group under 10
    # financial: 10 x 1407.65 + 13400 x 1.0 = 14076.50 + 13400 = 27476.50; / 20000 = 1.373825 -> 1.37
    assert row["financial_ratio"] == Decimal("1.37")
    # social: 27476.50 x 1.10 = 30224.15; / 20000 = 1.5112075 -> 1.51
    assert row["social_benefits"] == Decimal("30224.15")
    assert row["social_ratio"] == Decimal("1.51")
    assert row["reference"] == Decimal("1.1")


def test_cells_of_the_chosen_years_and_municipality_are_summed(town):
    elsewhere = MunicipalityFactory(name="Elders")
    CostBenefitCellFactory(municipality=town, year=2025, participants=6, cost=Decimal("1000"))
    CostBenefitCellFactory(municipality=town, year=2024, participants=5, cost=Decimal("3000"))
    CostBenefitCellFactory(municipality=elsewhere, year=2025, participants=40, cost=Decimal("9000"))
    two_years = Filters(
        month_from=datetime.date(2024, 1, 1), month_to=datetime.date(2025, 12, 1), municipality_id=town.pk
    )

    row = row_of(cost_benefit_instruments(two_years), "Jobcoach")

    # 6 + 5 = 11 participants (each year alone would be under 10), 1000 + 3000 = 4000
    assert (row["participants"], row["cost"]) == (11, Decimal("4000.00"))
    # every municipality in 2025: 6 + 40 = 46
    assert row_of(cost_benefit_instruments(YEAR_2025), "Jobcoach")["participants"] == 46


@pytest.mark.parametrize(("participants", "shown"), [(9, False), (10, True), (11, True)])
def test_a_group_under_10_participants_shows_no_number(town, participants, shown):
    CostBenefitCellFactory(municipality=town, participants=participants, cost=Decimal("5000"), earnings=Decimal("6000"))

    row = cost_benefit_instruments(YEAR_2025).rows[0]

    assert row[0] == "Jobcoach"
    numbers = row[1:-1]  # everything but the name and the seed's reference
    if shown:
        assert numbers[0] == participants
        # 6000 x 1.0 x 1.10 = 6600 / 5000 = 1.32
        assert row[7] == Decimal("1.32")
    else:
        assert all(value is SUPPRESSED for value in numbers)


@pytest.mark.parametrize(("left", "shown"), [(9, False), (10, True), (11, True)])
def test_fewer_than_10_who_left_assistance_are_not_counted_on_screen(town, left, shown):
    CostBenefitCellFactory(municipality=town, participants=30, left_benefit=left)

    row = row_of(cost_benefit_instruments(YEAR_2025), "Jobcoach")

    assert row["left_benefit"] == (left if shown else SUPPRESSED)


def test_a_row_without_cost_shows_no_ratio(town):
    CostBenefitCellFactory(municipality=town, participants=15, cost=Decimal("0"), earnings=Decimal("900"))

    row = row_of(cost_benefit_instruments(YEAR_2025), "Jobcoach")

    assert row["social_ratio"] is None and row["financial_ratio"] is None
    assert row["social_benefits"] == Decimal("990.00")  # 900 x 1.10


def test_routes_have_their_own_figure(town):
    CostBenefitCellFactory(
        municipality=town, intervention_kind="route", intervention_key="basis", intervention_label="Basisroute"
    )
    CostBenefitCellFactory(municipality=town)

    assert [row[0] for row in cost_benefit_routes(YEAR_2025).rows] == ["Basisroute"]
    assert [row[0] for row in cost_benefit_instruments(YEAR_2025).rows] == ["Jobcoach"]


def test_the_figures_are_registered_for_export():
    assert {"cost_benefit_instruments", "cost_benefit_routes", "cost_benefit_assumptions"} <= set(figure_codes())
    assert figure_builder("cost_benefit_routes") is cost_benefit_routes


def test_beleid_sees_the_page_with_the_ratio_beside_the_seed_and_the_assumptions(staff_client, town):
    CostBenefitCellFactory(municipality=town, participants=12, cost=Decimal("5000"), earnings=Decimal("6000"))
    client, _ = staff_client(Role.POLICY)

    response = client.get(URL, QUERY_2025)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Kosten en baten per instrument" in page and "Kosten en baten per route" in page
    assert "Jobcoach" in page
    assert "1,32" in page  # 6000 x 1.10 / 5000
    assert "Aannames" in page
    assert "Startnotitie Zaanse visie" in page  # the source of the 1.1 beside the figures
    assert "1407,65" in page or "1.407,65" in page  # the monthly benefit the savings are valued at


def test_a_small_group_reads_minder_dan_10_on_the_page(staff_client, town):
    CostBenefitCellFactory(municipality=town, participants=9, cost=Decimal("12345"))
    client, _ = staff_client(Role.POLICY)

    page = client.get(URL, QUERY_2025).content.decode()

    assert "minder dan 10" in page
    assert "12.345" not in page and "12345" not in page


def test_the_page_runs_a_fixed_number_of_queries(staff_client, town, django_assert_max_num_queries):
    client, _ = staff_client(Role.POLICY)
    CostBenefitCellFactory(municipality=town, participants=12)
    with django_assert_max_num_queries(20) as few:
        client.get(URL, QUERY_2025)
    for n in range(30):
        CostBenefitCellFactory(municipality=town, intervention_key=f"i{n}", intervention_label=f"I {n}")
        CostBenefitCellFactory(
            municipality=town, intervention_kind="route", intervention_key=f"r{n}", intervention_label=f"R {n}"
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(URL, QUERY_2025).status_code == 200


def test_a_coordinator_may_not_see_the_page(staff_client, town):
    client, _ = staff_client(Role.COORDINATOR)

    response = client.get(URL)

    assert response.status_code == 403


def test_a_bad_month_is_refused_in_dutch_and_changes_nothing(staff_client, town):
    CostBenefitCellFactory(municipality=town)
    before = list(CostBenefitCell.objects.values_list("pk", "participants", "cost"))
    client, _ = staff_client(Role.POLICY)

    response = client.get(URL, {"van": "januari"})

    assert response.status_code == 400
    assert "Vul een maand in als jjjj-mm" in response.content.decode()
    assert list(CostBenefitCell.objects.values_list("pk", "participants", "cost")) == before


def test_the_saved_months_are_valued_at_the_single_norm_loaded_in_income(town):
    from routekaart.income.configuration import norms_load
    from routekaart.insights.cost_benefit import assumptions

    norms_load()
    CostBenefitCellFactory(municipality=town, participants=10, cost=Decimal("10000"), benefit_months_saved=Decimal("5"))

    on_2025 = assumptions(datetime.date(2025, 3, 1))
    # the single norm of 1 January 2025 in income/data/norms.yaml: EUR 1345.45
    assert on_2025.monthly_benefit == Decimal("1345.45")
    assert "01-01-2025" in on_2025.monthly_benefit_source
    # the page uses today's norm; whichever it is, 5 months x that norm x 1.10 / 10000 is the ratio shown
    today = assumptions(timezone.localdate())
    expected = (5 * today.monthly_benefit * Decimal("1.10") / 10000).quantize(Decimal("0.01"))
    assert row_of(cost_benefit_instruments(YEAR_2025), "Jobcoach")["social_ratio"] == expected
