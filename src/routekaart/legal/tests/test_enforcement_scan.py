"""The enforcement scan: each rule fires on a hand-made case and not on its near miss; a second run adds nothing;
the reads are set-based (the same queries for one household or many)."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command
from freezegun import freeze_time

from routekaart.audit.models import Event
from routekaart.income.tests.factories import IncomeReportFactory, SocialAssistanceFactory
from routekaart.residents.tests.factories import MembershipFactory, ResidentFactory

from ..models import EnforcementSignal, SignalSource
from ..services.enforcement_scan import enforcement_scan

pytestmark = [pytest.mark.django_db]

ON = date(2026, 12, 1)


@pytest.fixture(autouse=True)
def frozen():
    with freeze_time("2026-12-01 10:00:00"):
        yield


def _income_signals():
    return EnforcementSignal.objects.filter(source=SignalSource.INCOME_REPORT)


def _address_signals():
    return EnforcementSignal.objects.filter(source=SignalSource.ADDRESS)


def test_earnings_for_a_benefit_whose_file_knows_no_work_raise_one_signal():
    report = IncomeReportFactory(net_earnings=Decimal("600.00"))
    result = enforcement_scan(on=ON)
    signal = _income_signals().get()
    assert result.income_report == 1
    assert (signal.origin_kind, signal.origin_id, signal.household_id) == (
        "income.incomereport",
        report.pk,
        report.benefit.household_id,
    )
    assert signal.resident_id == report.benefit.client_id and signal.organisation_id == report.benefit.organisation_id
    assert signal.recorded_by is None and Event.objects.filter(action="enforcement_signal.detected").count() == 1


def test_earnings_under_a_surplus_settlement_are_known_and_raise_nothing():
    IncomeReportFactory(benefit=SocialAssistanceFactory(surplus_settlement=True), net_earnings=Decimal("600.00"))
    enforcement_scan(on=ON)
    assert not _income_signals().exists()


def test_a_report_without_earnings_from_work_raises_nothing():
    IncomeReportFactory(net_earnings=Decimal("0.00"), other_income=Decimal("50.00"))
    enforcement_scan(on=ON)
    assert not _income_signals().exists()


def test_an_adult_registered_at_the_address_outside_the_household_raises_one_signal():
    benefit = SocialAssistanceFactory()
    ResidentFactory(address=benefit.client.address, birth_date=date(1990, 1, 1))
    result = enforcement_scan(on=ON)
    signal = _address_signals().get()
    assert result.address == 1
    assert (signal.origin_kind, signal.origin_id) == ("residents.address", benefit.client.address_id)
    assert signal.household_id == benefit.household_id
    assert "2 volwassenen" in signal.description and "telt er 1" in signal.description


def test_a_child_at_the_address_raises_nothing():
    benefit = SocialAssistanceFactory()
    ResidentFactory(address=benefit.client.address, birth_date=date(2008, 12, 2))  # 18 tomorrow
    enforcement_scan(on=ON)
    assert not _address_signals().exists()


def test_an_adult_turning_18_today_counts():
    benefit = SocialAssistanceFactory()
    ResidentFactory(address=benefit.client.address, birth_date=date(2008, 12, 1))
    enforcement_scan(on=ON)
    assert _address_signals().count() == 1


def test_an_adult_who_is_a_member_of_the_household_raises_nothing():
    benefit = SocialAssistanceFactory()
    partner = ResidentFactory(address=benefit.client.address, birth_date=date(1990, 1, 1))
    MembershipFactory(household=benefit.household, resident=partner, role="partner")
    enforcement_scan(on=ON)
    assert not _address_signals().exists()


def test_a_household_without_a_running_benefit_is_not_scanned():
    benefit = SocialAssistanceFactory(ended_on=date(2026, 6, 1))
    ResidentFactory(address=benefit.client.address, birth_date=date(1990, 1, 1))
    enforcement_scan(on=ON)
    assert not _address_signals().exists()


def test_running_the_scan_twice_adds_nothing():
    IncomeReportFactory(net_earnings=Decimal("600.00"))
    benefit = SocialAssistanceFactory()
    ResidentFactory(address=benefit.client.address, birth_date=date(1990, 1, 1))
    assert enforcement_scan(on=ON).total == 2
    events = Event.objects.count()
    assert enforcement_scan(on=ON).total == 0
    assert EnforcementSignal.objects.count() == 2 and Event.objects.count() == events


def _households(n):
    for _ in range(n):
        IncomeReportFactory(benefit=SocialAssistanceFactory(surplus_settlement=True))


def test_the_scan_reads_with_the_same_queries_for_one_household_or_many(django_assert_max_num_queries):
    _households(1)
    with django_assert_max_num_queries(6):
        enforcement_scan(on=ON)
    _households(5)
    with django_assert_max_num_queries(6):
        enforcement_scan(on=ON)


def test_the_command_prints_only_counts(capsys):
    IncomeReportFactory(net_earnings=Decimal("600.00"))
    call_command("legal_enforcement_scan", "--op", "2026-12-01")
    assert "1 nieuwe signalen: 1 uit inkomstenopgaven, 0 uit adressen." in capsys.readouterr().out
