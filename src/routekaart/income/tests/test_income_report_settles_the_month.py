"""Earnings reported by the client; for part-time workers in the surplus scheme each month is settled at once."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from routekaart.audit.models import Event
from routekaart.income import selectors, services
from routekaart.income.models import SurplusSettlement
from routekaart.residents.tests.factories import ResidentFactory

from .factories import SocialAssistanceFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("march_2026")]


def report(benefit, month, earnings):
    return services.income_report_submit(
        actor=benefit.coordinator, benefit=benefit, month=month, net_earnings=Decimal(earnings)
    )


def test_a_surplus_month_is_settled_against_last_months_earnings():
    benefit = SocialAssistanceFactory(surplus_settlement=True, client=ResidentFactory(birth_date=date(1980, 1, 1)))
    report(benefit, date(2026, 1, 1), "600.00")
    february = report(benefit, date(2026, 2, 1), "800.00")
    settlement = SurplusSettlement.objects.get(benefit=benefit, month=date(2026, 2, 1))
    # Norm 1407.65 (single, 2026). Advance on January's 600: 1407.65 - (600 - 150) = 957.65.
    # February 800, month 2 of the disregard: due 1407.65 - (800 - 200) = 807.65; settle -150.00.
    assert settlement.advance == Decimal("957.65")
    assert settlement.due == Decimal("807.65")
    assert settlement.settlement == Decimal("-150.00")
    assert settlement.income == Decimal("1607.65")
    assert february.benefit.earnings_disregard_from == date(2026, 1, 1)


def test_a_second_report_for_the_month_corrects_it():
    benefit = SocialAssistanceFactory(surplus_settlement=True)
    report(benefit, date(2026, 2, 1), "800.00")
    report(benefit, date(2026, 2, 1), "500.00")
    assert SurplusSettlement.objects.get(benefit=benefit).earnings == Decimal("500.00")
    assert Event.objects.filter(action="income_report.corrected").count() == 1


@pytest.mark.parametrize(
    ("month", "earnings", "field"),
    [
        (date(2026, 4, 1), "10.00", "month"),
        (date(2026, 2, 1), "-1.00", "net_earnings"),
        (date(2019, 1, 1), "1", "month"),
    ],
)
def test_bad_reports_are_refused(month, earnings, field):
    benefit = SocialAssistanceFactory()
    with pytest.raises(ValidationError) as refused:
        report(benefit, month, earnings)
    assert field in refused.value.message_dict


def test_the_calculation_explains_each_line_with_earnings():
    benefit = SocialAssistanceFactory(client=ResidentFactory(birth_date=date(1980, 1, 1)))
    report(benefit, date(2026, 3, 1), "400.00")
    calculation = selectors.benefit_calculation_get(benefit=benefit, month=date(2026, 3, 1))
    assert [(line.label, line.amount) for line in calculation.lines] == [
        ("Normbedrag alleenstaande", Decimal("1407.65")),
        ("Inkomsten uit werk", Decimal("400.00")),
        ("Inkomstenvrijlating", Decimal("100.00")),
        ("Uitkering deze maand", Decimal("1107.65")),
    ]
