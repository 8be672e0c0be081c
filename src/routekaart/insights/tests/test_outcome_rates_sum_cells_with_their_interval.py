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
    OutcomeCellFactory(residents=12, observed=10, work_found=3, distance_reduced=6, closed_without_return=0)
    OutcomeCellFactory(residents=13, observed=10, work_found=5, distance_reduced=6, closed_without_return=0)
    (row,) = outcome_rates(filters=YEARS_2025, kind=INSTRUMENT)
    assert (row.residents, row.observed) == (25, 20)  # 12 + 13, 10 + 10
    work = row.rates["work_found"]
    # 8 of 20 = 40.0 %. Wilson, z = 1.96, z² = 3.8415: centre (0.4 + 3.8415/40) / (1 + 3.8415/20) = 0.41612,
    # half 1.96 √(0.4·0.6/20 + 3.8415/1600) / 1.19207 = 0.19731: 21.9 % to 61.3 %.
    assert (work.percent, work.lower, work.upper) == (Decimal("40.0"), Decimal("21.9"), Decimal("61.3"))
    distance = row.rates["distance_reduced"]
    # 12 of 20 = 60.0 %: the mirror image of 40 %, 100 - 61.3 to 100 - 21.9
    assert (distance.percent, distance.lower, distance.upper) == (Decimal("60.0"), Decimal("38.7"), Decimal("78.1"))
    closed = row.rates["closed_without_return"]
    # 0 of 20: centre = half = (3.8415/40) / 1.19207 = 0.08057, so 0.0 % to 16.1 %
    assert (closed.percent, closed.lower, closed.upper) == (Decimal("0.0"), Decimal("0.0"), Decimal("16.1"))


def test_the_cohort_years_municipality_and_profile_narrow_the_sum():
    OutcomeCellFactory(residents=10, observed=10, work_found=1)
    OutcomeCellFactory(residents=30, observed=30, work_found=30, cohort_year=2023)  # outside the years
    OutcomeCellFactory(residents=30, observed=30, work_found=30, age_band="55+")  # another profile
    profile = Profile(age_band="27-34", distance_category="bridgeable_small", education="low", benefit_duration="1-2")
    (row,) = outcome_rates(filters=YEARS_2025, kind=INSTRUMENT, profile=profile)
    assert row.rates["work_found"].percent == Decimal("10.0")  # 1 of 10


def test_split_by_age_band_gives_a_row_per_band_in_the_bands_order():
    OutcomeCellFactory(residents=20, observed=20, work_found=5, age_band="55+")
    OutcomeCellFactory(residents=10, observed=10, work_found=5, age_band="18-26")
    rows = outcome_rates(filters=YEARS_2025, kind=INSTRUMENT, by="age_band")
    assert [(r.band, r.rates["work_found"].percent) for r in rows] == [
        (("18-26",), Decimal("50.0")),  # 5 of 10
        (("55+",), Decimal("25.0")),  # 5 of 20
    ]
    assert rows[0].band_label == "18 tot en met 26 jaar"


def test_work_and_distance_of_a_wmo_provision_read_not_applicable():
    OutcomeCellFactory(
        intervention_kind=InterventionKind.PROVISION,
        intervention_key="support.individual_guidance:W",
        residents=15,
        observed=15,
        work_found=None,
        distance_reduced=None,
        closed_without_return=9,
    )
    table = what_works_table(YEARS_2025, kind=InterventionKind.PROVISION)
    row = dict(zip(table.column_keys(), table.rows[0], strict=True))
    assert row["work_found"].percent is None and not row["work_found"].suppressed
    assert row["closed_without_return"].percent == Decimal("60.0")  # 9 of 15


@pytest.mark.parametrize(("residents", "shown"), [(9, False), (10, True), (11, True)])
def test_a_group_under_10_shows_no_number_in_the_figure(residents, shown):
    OutcomeCellFactory(residents=residents, observed=residents, work_found=5)
    table = figure_builder("what_works_instruments")(YEARS_2025)
    row = dict(zip(table.column_keys(), table.rows[0], strict=True))
    if shown:
        assert row["residents"] == residents
        # 5 of 10 = 50.0 % (23.7 to 76.3); 5 of 11 = 45.5 % (21.3 to 72.0)
        expected = {10: ("50.0", "23.7", "76.3"), 11: ("45.5", "21.3", "72.0")}[residents]
        assert (str(row["work_found"].percent), str(row["work_found_lower"]), str(row["work_found_upper"])) == expected
    else:
        assert row["residents"] is SUPPRESSED and row["observed"] is SUPPRESSED
        assert row["work_found"].suppressed and row["work_found_lower"] is SUPPRESSED
        assert row["work_found_upper"] is SUPPRESSED


@pytest.mark.parametrize(("residents", "shown"), [(9, False), (10, True), (11, True)])
def test_a_group_under_10_shows_no_number_in_the_export(staff_client, residents, shown):
    OutcomeCellFactory(residents=residents, observed=residents, work_found=5)
    client, _user = staff_client(Role.POLICY)
    url = reverse("insights:export", args=["what_works_instruments_age_band", "csv"])
    response = client.get(url, {"van": "2025-01", "tot": "2025-12"})
    assert response.status_code == 200
    line = response.content.decode("utf-8-sig").splitlines()[1].split(";")
    assert line[0] == "Jobcoach" and line[2] == "27 tot en met 34 jaar"
    if shown:
        assert line[3] == str(residents)
        assert line[5] == {10: "50,0", 11: "45,5"}[residents]
    else:
        assert line[3] == "minder dan 10" and line[5] == "minder dan 10"
        assert "5" not in line[3:]


def test_the_full_profile_lists_only_groups_of_10_and_says_how_many_it_left_out():
    OutcomeCellFactory(residents=10, observed=10, work_found=5)
    OutcomeCellFactory(residents=9, observed=9, work_found=9, education="high")
    OutcomeCellFactory(residents=3, observed=3, work_found=3, education="middle")
    table = figure_builder("what_works_instruments_profile")(YEARS_2025)
    assert len(table.rows) == 1 and table.rows[0][3] == 10
    assert "2 profielen met minder dan 10 inwoners staan niet in de tabel." in str(table.note)
