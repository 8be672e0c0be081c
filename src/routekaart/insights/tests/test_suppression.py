from datetime import date
from decimal import Decimal

import pytest
from django.db import IntegrityError

from routekaart.insights.models import FlowCount
from routekaart.insights.suppression import MIN_GROUP, count, rate, wilson
from routekaart.organisations.models import Organisation, OrganisationKind


@pytest.mark.parametrize(("whole", "shown"), [(MIN_GROUP - 1, False), (MIN_GROUP, True), (MIN_GROUP + 1, True)])
def test_a_group_under_ten_residents_shows_no_number(whole, shown):
    result = rate(0, whole)
    assert result.suppressed is not shown
    assert (result.percent is not None) is shown
    assert (count(whole) is not None) is shown
    assert str(result) == (f"{result.percent} %" if shown else "minder dan 10")


def test_the_wilson_interval_matches_a_hand_computed_value():
    # 5 of 10: p = 0.5, z = 1.96; centre 0.5, half-width 1.96*sqrt(0.025 + 0.0096)/1.384 = 0.2634
    lower, upper = wilson(5, 10)
    assert round(lower, 4) == 0.2366
    assert round(upper, 4) == 0.7634
    # 10 of 20: p = 0.5; z²/n = 0.192; half-width 1.96*sqrt(0.0125 + 0.0024)/1.192 = 0.2008
    shown = rate(10, 20)
    assert (shown.percent, shown.lower, shown.upper) == (Decimal("50.0"), Decimal("29.9"), Decimal("70.1"))


@pytest.mark.parametrize(
    ("part", "whole", "shown"),
    [
        (9, 40, False),
        (10, 40, True),
        (11, 40, True),
        (31, 40, False),
        (30, 40, True),
        (29, 40, True),
        (0, 40, True),
        (40, 40, True),
    ],
)
def test_a_rate_that_would_give_away_1_to_9_residents_is_not_shown(part, whole, shown):
    """25 % of 12 is 3 people: the residents counted, and those not counted, are each 0 or at least 10."""
    assert rate(part, whole).suppressed is not shown
    assert (rate(part, whole).percent is not None) is shown


def test_an_interval_stays_between_0_and_100_percent():
    assert rate(0, 12).lower == Decimal("0.0")
    assert rate(12, 12).upper == Decimal("100.0")


def test_nothing_counted_is_not_a_rate():
    assert rate(None, 20).percent is None
    assert rate(0, 0).percent is None and not rate(0, 0).suppressed


@pytest.mark.django_db
def test_a_flow_of_no_residents_is_never_stored():
    town = Organisation.objects.create(kind=OrganisationKind.MUNICIPALITY, code="t", name="T")
    with pytest.raises(IntegrityError):
        FlowCount.objects.create(
            dimension="route", key="r", label="R", direction="in", month=date(2026, 1, 1), municipality=town, count=0
        )
