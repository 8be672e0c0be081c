"""The rates of "what works for whom": summed cells, a 95 % Wilson interval, no number under 10, in the figure and
in its export alike."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from routekaart.insights.figures import figure_builder
from routekaart.insights.filters import Filters
from routekaart.insights.models import InterventionKind
from routekaart.insights.profile import Profile
from routekaart.insights.selectors_outcomes import outcome_rates, what_works_table
from routekaart.insights.tables import SUPPRESSED
from routekaart.organisations.roles import Role

from .factories_outcomes import OutcomeCellFactory

pytestmark = pytest.mark.django_db
D = datetime.date
YEARS_2025 = Filters(month_from=D(2025, 1, 1), month_to=D(2025, 12, 1))
INSTRUMENT = InterventionKind.INSTRUMENT


def test_cells_of_one_instrument_are_summed_into_one_rate_with_its_wilson_interval():
    OutcomeCellFactory(residents=15, observed=12, work_found=4, distance_reduced=8, closed_without_return=0)
    OutcomeCellFactory(residents=15, observed=13, work_found=6, distance_reduced=7, closed_without_return=0)
    (row,) = outcome_rates(filters=YEARS_2025, kind=INSTRUMENT)
    assert (row.residents, row.observed) == (30, 25)  # 15 + 15, 12 + 13
    work = row.rates["work_found"]
    # 4 + 6 = 10 of 25 = 40.0 % (part 10, rest 15: shown). Wilson, z = 1.96, z² = 3.8415:
    # centre (0.4 + 3.8415/50) / (1 + 3.8415/25) = 0.47683 / 1.15366 = 0.41332,
    # half 1.96 √(0.4·0.6/25 + 3.8415/2500) / 1.15366 = 1.96 · 0.10553 / 1.15366 = 0.17929: 23.4 % to 59.3 %.
    assert (work.percent, work.lower, work.upper) == (Decimal("40.0"), Decimal("23.4"), Decimal("59.3"))
    distance = row.rates["distance_reduced"]
    # 8 + 7 = 15 of 25 = 60.0 %: the mirror image of 40 %, 100 - 59.3 to 100 - 23.4
    assert (distance.percent, distance.lower, distance.upper) == (Decimal("60.0"), Decimal("40.7"), Decimal("76.6"))
    closed = row.rates["closed_without_return"]
    # 0 of 25: centre = half = (3.8415/50) / 1.15366 = 0.06660, so 0.0 % to 13.3 %
    assert (closed.percent, closed.lower, closed.upper) == (Decimal("0.0"), Decimal("0.0"), Decimal("13.3"))


def test_the_cohort_years_municipality_and_profile_narrow_the_sum():
    OutcomeCellFactory(residents=20, observed=20, work_found=10)
    OutcomeCellFactory(residents=30, observed=30, work_found=30, cohort_year=2023)  # outside the years
    OutcomeCellFactory(residents=30, observed=30, work_found=30, age_band="55+")  # another profile
    profile = Profile(age_band="27-34", distance_category="bridgeable_small", education="low", benefit_duration="1-2")
    (row,) = outcome_rates(filters=YEARS_2025, kind=INSTRUMENT, profile=profile)
    assert row.rates["work_found"].percent == Decimal("50.0")  # 10 of 20 (with either other cell: 40 of 50, 80 %)


def test_split_by_age_band_gives_a_row_per_band_in_the_bands_order():
    OutcomeCellFactory(residents=40, observed=40, work_found=10, age_band="55+")
    OutcomeCellFactory(residents=20, observed=20, work_found=10, age_band="18-26")
    rows = outcome_rates(filters=YEARS_2025, kind=INSTRUMENT, by="age_band")
    assert [(r.band, r.rates["work_found"].percent) for r in rows] == [
        (("18-26",), Decimal("50.0")),  # 10 of 20
        (("55+",), Decimal("25.0")),  # 10 of 40
    ]
    assert rows[0].band_label == "18 tot en met 26 jaar"


def test_work_and_distance_of_a_wmo_provision_read_not_applicable():
    OutcomeCellFactory(
        intervention_kind=InterventionKind.PROVISION,
        intervention_key="support.individual_guidance:W",
        residents=25,
        observed=25,
        work_found=None,
        distance_reduced=None,
        closed_without_return=15,
    )
    table = what_works_table(YEARS_2025, kind=InterventionKind.PROVISION)
    row = dict(zip(table.column_keys(), table.rows[0], strict=True))
    assert row["work_found"].percent is None and not row["work_found"].suppressed
    assert row["closed_without_return"].percent == Decimal("60.0")  # 15 of 25


@pytest.mark.parametrize(("residents", "shown"), [(9, False), (10, True), (11, True)])
def test_a_group_under_10_shows_no_number_in_the_figure(residents, shown):
    OutcomeCellFactory(residents=residents, observed=residents, work_found=residents)
    table = figure_builder("what_works_instruments")(YEARS_2025)
    row = dict(zip(table.column_keys(), table.rows[0], strict=True))
    if shown:
        assert row["residents"] == residents
        # all of them found work (rest 0: shown). 10 of 10: centre (1 + 3.8415/20) / (1 + 3.8415/10) = 0.86123,
        # half 1.96 √(3.8415/400) / 1.38415 = 0.13877: 72.2 to 100; 11 of 11: centre 1.17461 / 1.34923 = 0.87058,
        # half 1.96 √(3.8415/484) / 1.34923 = 0.12942: 74.1 to 100
        expected = {10: ("100.0", "72.2", "100.0"), 11: ("100.0", "74.1", "100.0")}[residents]
        assert (str(row["work_found"].percent), str(row["work_found_lower"]), str(row["work_found_upper"])) == expected
    else:
        assert row["residents"] is SUPPRESSED and row["observed"] is SUPPRESSED
        assert row["work_found"].suppressed and row["work_found_lower"] is SUPPRESSED
        assert row["work_found_upper"] is SUPPRESSED


@pytest.mark.parametrize(("residents", "shown"), [(9, False), (10, True), (11, True)])
def test_a_group_under_10_shows_no_number_in_the_export(staff_client, residents, shown):
    OutcomeCellFactory(residents=residents, observed=residents, work_found=residents)
    client, _user = staff_client(Role.POLICY)
    url = reverse("insights:export", args=["what_works_instruments_age_band", "csv"])
    response = client.get(url, {"van": "2025-01", "tot": "2025-12"})
    assert response.status_code == 200
    line = response.content.decode("utf-8-sig").splitlines()[1].split(";")
    assert line[0] == "Jobcoach" and line[2] == "27 tot en met 34 jaar"
    if shown:
        assert line[3] == str(residents)
        assert line[5] == "100,0"  # all of them
    else:
        assert line[3] == "minder dan 10" and line[5] == "minder dan 10"
        assert "9" not in line[3:]


# part and rest around 10: shown only when both are 10 or more; 10 of 20 = 50.0 %, 10 of 21 = 47.6 %,
# 11 of 21 = 52.4 %, 11 of 22 = 50.0 %
SHARES = [
    (part, rest, {(10, 10): "50.0", (10, 11): "47.6", (11, 10): "52.4", (11, 11): "50.0"}.get((part, rest)))
    for part in (9, 10, 11)
    for rest in (9, 10, 11)
]


@pytest.mark.parametrize(("part", "rest", "percent"), SHARES)
def test_a_rate_whose_part_or_rest_is_under_10_shows_no_number_in_the_figure(part, rest, percent):
    OutcomeCellFactory(residents=part + rest, observed=part + rest, work_found=part)
    table = figure_builder("what_works_instruments")(YEARS_2025)
    row = dict(zip(table.column_keys(), table.rows[0], strict=True))
    assert row["residents"] == part + rest  # the group itself is 18 or more: shown
    if percent:
        assert str(row["work_found"].percent) == percent
    else:
        assert row["work_found"].suppressed and str(row["work_found"]) == "minder dan 10"
        assert row["work_found_lower"] is SUPPRESSED and row["work_found_upper"] is SUPPRESSED


@pytest.mark.parametrize(("part", "rest", "percent"), SHARES)
def test_a_rate_whose_part_or_rest_is_under_10_shows_no_number_in_the_export(staff_client, part, rest, percent):
    OutcomeCellFactory(residents=part + rest, observed=part + rest, work_found=part)
    client, _user = staff_client(Role.POLICY)
    url = reverse("insights:export", args=["what_works_instruments_age_band", "csv"])
    response = client.get(url, {"van": "2025-01", "tot": "2025-12"})
    line = response.content.decode("utf-8-sig").splitlines()[1].split(";")
    assert line[3] == str(part + rest)
    assert line[5] == (percent.replace(".", ",") if percent else "minder dan 10")


def test_the_full_profile_lists_only_groups_of_10_and_says_how_many_it_left_out():
    OutcomeCellFactory(residents=10, observed=10, work_found=5)
    OutcomeCellFactory(residents=9, observed=9, work_found=9, education="high")
    OutcomeCellFactory(residents=3, observed=3, work_found=3, education="middle")
    table = figure_builder("what_works_instruments_profile")(YEARS_2025)
    assert len(table.rows) == 1 and table.rows[0][3] == 10
    assert "2 profielen met minder dan 10 inwoners staan niet in de tabel." in str(table.note)
