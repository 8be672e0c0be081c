"""What the Mijn inkomen tests share: today fixed, the norms loaded, and a household with a benefit."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from ...income.tests.factories import IncomeReportFactory, SocialAssistanceFactory
from ...residents.tests.factories import ResidentFactory

TODAY = "2026-03-02 10:00:00"  # the norms of 1 January 2026 apply


@pytest.fixture
def income_today(db):
    """Monday 2 March 2026 with bestaanszekerheid's configuration (norms, practice) loaded."""
    from freezegun import freeze_time

    from ...income.configuration import income_configuration_load

    with freeze_time(TODAY):
        income_configuration_load()
        yield date(2026, 3, 2)


def benefit_household(*, born: date = date(1980, 1, 1), **kwargs):
    """A benefit whose client (head of the household since 2015) is an adult the calculation covers."""
    return SocialAssistanceFactory(client=ResidentFactory(birth_date=born), **kwargs)


def reports(benefit, *months_and_amounts: tuple[date, str]) -> None:
    for month, amount in months_and_amounts:
        IncomeReportFactory(benefit=benefit, month=month, net_earnings=Decimal(amount))
