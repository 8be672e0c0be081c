"""Each yardstick figure on a small fixed data set, its expected value computed by hand; data of another
municipality and outside the period does not count."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from freezegun import freeze_time

from routekaart.insights import selectors_yardsticks as yardsticks
from routekaart.insights.filters import Filters
from routekaart.insights.tables import SUPPRESSED

from . import factories_yardsticks as f

pytestmark = pytest.mark.django_db

YEAR_2025 = {"month_from": date(2025, 1, 1), "month_to": date(2025, 12, 1)}


@pytest.fixture
def categories(db):
    from routekaart.participation.configuration import participation_configuration_load

    participation_configuration_load()


@pytest.fixture
def town():
    return f.place("Weidebeek")


@pytest.fixture
def elsewhere():
    return f.place("Elders")


def _filters(town, **kwargs) -> Filters:
    return Filters(municipality_id=town.municipality.pk, **(YEAR_2025 | kwargs))


def _row(table, label):
    return next(row for row in table.rows if str(row[0]) == label)


def test_distance_shows_the_assessments_in_force_at_the_end_of_the_period_beside_sols_shares(
    categories, town, elsewhere
):
    for _ in range(11):
        f.assess(town.resident(), "bridgeable_long", date(2025, 3, 1), municipality=town.municipality)
    later = f.assess(town.resident(), "bridgeable_long", date(2025, 3, 1), municipality=town.municipality)
    # reassessed after the period: at its end this resident is still "longer than a year"
    f.assess(later.resident, "none_direct", date(2026, 2, 1), municipality=town.municipality, previous=later)
    for _ in range(10):
        f.assess(town.resident(), "not_bridgeable_social", date(2025, 6, 1), municipality=town.municipality)
    for _ in range(3):
        f.assess(town.resident(), "none_direct", date(2025, 6, 1), municipality=town.municipality)
    f.assess(town.resident(), "none_direct", date(2026, 1, 5), municipality=town.municipality)  # after the period
    f.assess(elsewhere.resident(), "none_direct", date(2025, 6, 1), municipality=elsewhere.municipality)

    table = yardsticks.distance(_filters(town))

    assert table.code == "yardstick_distance"
    assert [row[1] for row in table.rows] == [Decimal(v) for v in (1, 2, 5, 57, 5, 30)]  # Sol, seed 002
    # 12 + 10 + 3 = 25 residents. Longer than a year: 12/25 = 48.0 %; Wilson (z = 1.96, z² = 3.8415):
    # centre (0.48 + 3.8415/50) / (1 + 3.8415/25) = 0.55683/1.15366 = 0.48266,
    # half 1.96·sqrt(0.48·0.52/25 + 3.8415/2500)/1.15366 = 1.96·0.107334/1.15366 = 0.18235 → 30.0 % to 66.5 %
    assert _row(table, "Overbrugbare afstand, langer dan een jaar")[2:] == (
        12,
        25,
        Decimal("48.0"),
        Decimal("30.0"),
        Decimal("66.5"),
    )
    assert _row(table, "Niet overbrugbare afstand, maatschappelijke participatie")[2:5] == (10, 25, Decimal("40.0"))
    direct = _row(table, "Geen afstand, direct bemiddelbaar")
    # 3 residents: no count, and no share either (12.0 % of 25 would give the 3 away)
    assert direct[2:] == (SUPPRESSED,) * 5
    assert "1% 2% 5% 57% 5% 30%" in str(table.reference) and "002_7d8c69587f3eca5f.txt" in str(table.reference)


def test_walking_routes_show_the_running_trajectories_beside_the_maatwerkroute_share(town, elsewhere):
    routes = f.walking_routes()
    for _ in range(12):
        f.walk(town.resident(), routes["tailored"], date(2024, 5, 1))
    for _ in range(10):
        f.walk(town.resident(), routes["basic"], date(2025, 2, 1), ended_on=date(2026, 3, 1))
    f.walk(town.resident(), routes["tailored"], date(2024, 5, 1), ended_on=date(2025, 6, 1))  # ended in the period
    f.walk(town.resident(), routes["tailored"], date(2026, 1, 10))  # started after it
    f.walk(elsewhere.resident(), routes["tailored"], date(2024, 5, 1))

    table = yardsticks.walking_routes(_filters(town))

    # running on 31-12-2025: 12 tailored + 10 basic = 22; 12/22 = 54.5 %, 10/22 = 45.5 %
    assert _row(table, "Maatwerkroute")[1:5] == (Decimal(15), 12, 22, Decimal("54.5"))
    assert _row(table, "Basisroute")[1:5] == (None, 10, 22, Decimal("45.5"))
    assert _row(table, "Netwerkroute")[2:5] == (0, 22, Decimal("0.0"))
    assert "gemiddeld 15%" in str(table.reference)


def test_reassessment_shows_the_share_whose_distance_fell_beside_three_in_four(categories, town, elsewhere):
    changes = ["smaller"] * 30 + ["same"] * 9 + ["larger"]
    for change in changes:
        first = f.assess(town.resident(), "bridgeable_long", date(2024, 6, 1), municipality=town.municipality)
        f.assess(
            first.resident,
            "bridgeable_short",
            date(2025, 4, 1),
            municipality=town.municipality,
            previous=first,
            change=change,
        )
    f.assess(town.resident(), "bridgeable_long", date(2025, 5, 1), municipality=town.municipality)  # a first one
    other = f.assess(elsewhere.resident(), "bridgeable_long", date(2024, 6, 1), municipality=elsewhere.municipality)
    f.assess(
        other.resident,
        "bridgeable_short",
        date(2025, 4, 1),
        municipality=elsewhere.municipality,
        previous=other,
        change="larger",
    )

    table = yardsticks.reassessment(_filters(town))

    # 40 reassessments in 2025 (the first assessment does not count): smaller 30/40 = 75.0 % (rest 10: shown)
    smaller = _row(table, "Kleinere afstand")
    assert smaller[1] == Decimal(75) and smaller[2:5] == (30, 40, Decimal("75.0"))
    # same 9/40 and larger 1/40: fewer than 10 residents counted, so no count and no share
    assert _row(table, "Gelijke afstand")[2:5] == (SUPPRESSED, SUPPRESSED, SUPPRESSED)
    assert _row(table, "Grotere afstand")[2:5] == (SUPPRESSED, SUPPRESSED, SUPPRESSED)


@freeze_time("2026-01-15")
def test_youth_applications_show_the_share_kept_from_the_benefit_beside_half(town, elsewhere):
    received = date(2025, 3, 3)
    outcomes = ["after_20_days"] * 9 + ["before_10_days"] + ["after_200_days"] + ["none"] * 9
    for outcome in outcomes:
        household, young = town.household(born=date(2000, 1, 1))  # 25 on receipt
        f.application(household, young, received)
        if outcome == "after_20_days":
            f.benefit(household, young, received + timedelta(days=20))
        elif outcome == "before_10_days":
            f.benefit(household, young, received - timedelta(days=10))
        elif outcome == "after_200_days":
            f.benefit(household, young, received + timedelta(days=200))
    household, older = town.household(born=date(1995, 1, 1))  # 30: not young
    f.application(household, older, received)
    household, young = town.household(born=date(2001, 1, 1))
    f.application(household, young, received, domain="W")  # not the Participatiewet
    household, young = town.household(born=date(2001, 1, 1))
    f.application(household, young, date(2025, 12, 1))  # thirteen weeks not over on 15-01-2026
    household, young = elsewhere.household(born=date(2001, 1, 1))
    f.application(household, young, received)

    table = yardsticks.youth_applications(_filters(town))

    # 20 counted: 10 entered the benefit (9 after 20 days, 1 starting 10 days before), 10 did not
    # (9 without a benefit, 1 whose benefit started after 200 days): 10/20 = 50.0 %, the seed's half
    kept = _row(table, "Niet in de uitkering gekomen")
    assert kept[1] == Decimal(50) and kept[2:5] == (10, 20, Decimal("50.0"))
    assert _row(table, "Wel in de uitkering gekomen")[4] == Decimal("50.0")
    assert _row(table, "Nog binnen dertien weken na de aanvraag (telt nog niet mee)")[2] is SUPPRESSED  # 1


def test_annual_review_shows_per_year_the_benefits_with_a_conversation_held(town, elsewhere):
    dienst = f.DienstFactory()
    benefits = []
    for _ in range(20):
        household, client = town.household()
        benefits.append(f.benefit(household, client, date(2023, 5, 1), dienst=dienst))
    for running in benefits[:10]:
        f.review(running, 2025, date(2025, 9, 1))
    f.review(benefits[10], 2026, date(2026, 1, 20))  # held after the year
    f.review(benefits[11], 2025, None)  # planned, never held
    household, client = town.household()
    f.review(f.benefit(household, client, date(2025, 3, 1), dienst=dienst), 2025, date(2025, 10, 1))  # started in it
    household, client = town.household()
    f.benefit(household, client, date(2022, 1, 1), date(2025, 6, 1), dienst=dienst)  # ended in it
    household, client = elsewhere.household()
    f.benefit(household, client, date(2020, 1, 1), dienst=dienst)

    table = yardsticks.annual_review(_filters(town, month_from=date(2024, 1, 1)))

    # 20 benefits ran all of 2024 and 2025 (plus the one that ended in June 2025 in 2024: 21 in 2024);
    # 2024: 0 held of 21 = 0.0 %; 2025: 10 held of 20 = 50.0 % (8 without a review, 1 held late, 1 never held).
    # Wilson of 10/20: centre (0.5 + 3.8415/40) / (1 + 3.8415/20) = 0.59604 / 1.19207 = 0.5,
    # half 1.96 √(0.25/20 + 3.8415/1600) / 1.19207 = 1.96 · 0.12207 / 1.19207 = 0.20070: 29.9 % to 70.1 %
    assert table.rows == [
        ("2024", Decimal(100), 0, 21, Decimal("0.0"), Decimal("0.0"), table.rows[0][6]),
        ("2025", Decimal(100), 10, 20, Decimal("50.0"), Decimal("29.9"), Decimal("70.1")),
    ]


def test_non_take_up_shows_per_regulation_what_the_check_found_and_a_grant_resolved(town, elsewhere):
    supplement = f.regulation()
    run = f.check_run(date(2025, 3, 1))
    for index in range(20):
        household, _ = town.household()
        f.non_take_up(run, household, supplement)
        if index < 10:
            f.regulation_use(household, supplement, date(2025, 4, 1))
        elif index == 10:
            f.regulation_use(household, supplement, date(2025, 1, 10))  # granted before the check
        elif index == 11:
            f.regulation_use(household, supplement, date(2025, 4, 1), status="refused")
    household, _ = elsewhere.household()
    f.non_take_up(run, household, supplement)
    household, _ = town.household()
    f.non_take_up(f.check_run(date(2026, 1, 5)), household, supplement)  # a check after the period

    table = yardsticks.non_take_up(_filters(town))

    # 20 households found; 10 granted on an application after the check (1 before it, 1 refused, 8 not applied):
    # 10/20 = 50.0 %
    assert _row(table, "Individuele inkomenstoeslag")[1:5] == (None, 10, 20, Decimal("50.0"))
    assert _row(table, "Alle regelingen")[2:5] == (10, 20, Decimal("50.0"))


@pytest.fixture
def terms_and_objections(town, elsewhere):
    rule = f.deadline_rule(law="W")
    waiting = f.deadline_rule(kind="waiting_period", law="W")
    due = date(2025, 5, 1)
    outcomes = ["in_time"] * 10 + ["late"] * 5 + ["missed"] * 5 + ["fell_away"]
    for outcome in outcomes:
        household, _ = town.household()
        f.deadline(
            household,
            rule,
            due,
            met_on={"in_time": due, "late": due + timedelta(days=3)}.get(outcome),
            lapsed_on=due - timedelta(days=5) if outcome == "fell_away" else None,
        )
    household, _ = town.household()
    f.deadline(household, waiting, due)  # a waiting period, not a decision term
    household, _ = elsewhere.household()
    f.deadline(household, rule, due)
    decided = date(2025, 9, 1)
    for index in range(25):
        household, objector = town.household()
        outcome = "upheld" if index < 3 else "partly_upheld" if index < 10 else "dismissed"
        late_by = 7 if index >= 15 else 0
        f.objection(household, objector, decided, due_on=decided - timedelta(days=late_by), outcome=outcome)
    household, objector = town.household()
    f.objection(household, objector, decided, status="received")  # not decided
    household, objector = elsewhere.household()
    f.objection(household, objector, decided, outcome="upheld")


def test_terms_show_the_statutory_terms_met_in_time_beside_all_of_them(town, terms_and_objections):
    table = yardsticks.terms(_filters(town))

    # Wmo: 21 terms, 1 fell away before its last day: 20 ran out, 10 met in time: 10/20 = 50.0 % (rest 10: shown)
    wmo = _row(table, "Beslistermijn Wmo 2015")
    assert wmo[1] == Decimal(100) and wmo[2:5] == (10, 20, Decimal("50.0"))
    assert wmo[7:] == (SUPPRESSED, SUPPRESSED, SUPPRESSED)  # 5 late, 5 missed, 1 fell away
    # objections: 25 decided, 15 by the last day: 15/25 = 60.0 % (rest 10: shown)
    assert _row(table, "Beslissing op bezwaar (Awb 7:10)")[2:5] == (15, 25, Decimal("60.0"))


def test_objections_upheld_show_the_share_upheld_or_partly_upheld(town, terms_and_objections):
    table = yardsticks.objections_upheld(_filters(town))

    # 3 upheld + 7 partly upheld of 25 decided = 10/25 = 40.0 % (rest 15: shown); the seeds name no number
    assert _row(table, "Wmo 2015")[1:5] == (None, 10, 25, Decimal("40.0"))
    assert _row(table, "Alle wetten")[2:5] == (10, 25, Decimal("40.0"))
    assert "geen getal" in str(table.reference)


def test_a_wijk_filter_counts_only_the_residents_of_that_wijk(town):
    other_district = f.DistrictFactory(municipality=town.municipality, name="Weidebeek West")
    routes = f.walking_routes()
    for _ in range(10):
        f.walk(town.resident(), routes["tailored"], date(2024, 5, 1))
    west = f.Place(town.municipality, other_district)
    for _ in range(3):
        f.walk(west.resident(), routes["tailored"], date(2024, 5, 1))

    table = yardsticks.walking_routes(_filters(town, district_id=town.district.pk))

    assert _row(table, "Maatwerkroute")[2:5] == (10, 10, Decimal("100.0"))


@freeze_time("2026-03-10")
def test_distance_up_to_today_reads_the_current_assessments_and_agrees_with_the_history(categories, town, elsewhere):
    from routekaart.participation.selectors_facts_yardsticks import distance_category_counts

    for _ in range(10):
        first = f.assess(town.resident(), "bridgeable_long", date(2025, 3, 1), municipality=town.municipality)
        f.assess(first.resident, "bridgeable_short", date(2026, 2, 1), municipality=town.municipality, previous=first)
    for _ in range(10):
        f.assess(town.resident(), "not_bridgeable_social", date(2026, 1, 5), municipality=town.municipality)
    f.assess(elsewhere.resident(), "none_direct", date(2025, 6, 1), municipality=elsewhere.municipality)

    table = yardsticks.distance(_filters(town, month_from=date(2026, 1, 1), month_to=date(2026, 3, 1)))

    # 20 residents today: 10 reassessed to "within a year" (no longer "longer than a year"), 10 social: 50.0 % each
    assert _row(table, "Overbrugbare afstand, binnen een jaar")[2:5] == (10, 20, Decimal("50.0"))
    assert _row(table, "Overbrugbare afstand, langer dan een jaar")[2:5] == (0, 20, Decimal("0.0"))
    today = distance_category_counts(on=date(2026, 3, 10), municipality_id=town.municipality.pk)
    yesterday = distance_category_counts(on=date(2026, 3, 9), municipality_id=town.municipality.pk)
    assert today == yesterday  # the current assessments and the history agree when nothing happened today


# part and rest around 10: a share shows only when both are 10 or more (or the part or rest is 0)
@pytest.mark.parametrize("part", [9, 10, 11])
@pytest.mark.parametrize("rest", [9, 10, 11])
def test_a_share_whose_part_or_rest_is_under_10_shows_no_number(part, rest):
    row = yardsticks.share_row("Maatwerkroute", Decimal(15), part, part + rest)
    if part >= 10 and rest >= 10:
        # 10/20 = 50.0 %, 10/21 = 47.6 %, 11/21 = 52.4 %, 11/22 = 50.0 %
        expected = {(10, 10): "50.0", (10, 11): "47.6", (11, 10): "52.4", (11, 11): "50.0"}[part, rest]
        assert row[2:5] == (part, part + rest, Decimal(expected))
    else:
        # the count itself shows from 10 on; the group, the share and its interval do not
        assert row[2] == (SUPPRESSED if part < 10 else part)
        assert row[3:] == (SUPPRESSED,) * 4


@pytest.mark.parametrize(("part", "rest", "share"), [(9, 11, None), (11, 9, None), (10, 10, "50.0")])
def test_the_maatwerkroute_share_needs_10_on_each_side_of_it(town, part, rest, share):
    routes = f.walking_routes()
    for _ in range(part):
        f.walk(town.resident(), routes["tailored"], date(2024, 5, 1))
    for _ in range(rest):
        f.walk(town.resident(), routes["basic"], date(2024, 5, 1))

    table = yardsticks.walking_routes(_filters(town))

    tailored = _row(table, "Maatwerkroute")
    if share:
        assert tailored[2:5] == (10, 20, Decimal(share))  # 10 of 20
    else:
        assert tailored[3:] == (SUPPRESSED,) * 4  # 9 of 20 or 11 of 20: the other side is 9
