"""The contract review's figures equal the ones counted by hand on a small fixed market, and its number of queries
does not grow with the data."""

import datetime
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from routekaart.providers.models import (
    Assignment,
    AssignmentStatus,
    ComplaintOutcome,
    Declaration,
    DeclarationLine,
    DeclarationStatus,
)
from routekaart.providers.selectors_review import ReviewPeriod, assigned_volume, contract_review
from routekaart.providers.tests.factories import (
    AssignmentFactory,
    ComplaintFactory,
    ContractFactory,
    ContractProductFactory,
    ProviderFactory,
)
from routekaart.residents.tests.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db

PERIOD = ReviewPeriod(date(2026, 1, 1), date(2026, 6, 30))


def _sent(assignment: Assignment, on: date) -> Assignment:
    moment = timezone.make_aware(datetime.datetime.combine(on, datetime.time(10)))
    Assignment.objects.filter(pk=assignment.pk).update(sent_at=moment)
    return assignment


def _assignment(contract_product, sent_on: date, **values) -> Assignment:
    return _sent(AssignmentFactory(contract_product=contract_product, **values), sent_on)


def _line(declaration, assignment, starts_on, volume, amount, approved=True, product=None):
    return DeclarationLine.objects.create(
        declaration=declaration,
        reference=f"R{DeclarationLine.objects.count() + 1}",
        assignment=assignment,
        product=product,
        starts_on=starts_on,
        ends_on=starts_on + datetime.timedelta(days=27),
        volume=Decimal(volume),
        unit="04",
        tariff=Decimal("62.50"),
        amount=Decimal(amount),
        approved=approved,
    )


def _declaration(provider, number):
    return Declaration.objects.create(
        number=number,
        provider=provider,
        municipality=MunicipalityFactory(),
        period_start=date(2026, 1, 1),
        period_end=date(2026, 6, 30),
        claimed=Decimal("0"),
        approved=Decimal("0"),
        status=DeclarationStatus.PARTLY,
    )


def market(prefix: str = "") -> dict:
    """Two providers, each one contract with one product; the assignments, declarations and complaints of the
    module docstring of selectors_review, chosen so every figure is easy to count by hand."""
    linde = ProviderFactory(name=f"{prefix}De Linde")
    berk = ProviderFactory(name=f"{prefix}De Berk")
    cp1 = ContractProductFactory(contract=ContractFactory(provider=linde, budget=Decimal("10000")))
    cp2 = ContractProductFactory(contract=ContractFactory(provider=berk, budget=Decimal("5000")))
    ContractFactory(provider=berk, starts_on=date(2024, 1, 1), ends_on=date(2025, 12, 31))  # ended before
    week = {"frequency": "2"}
    a1 = _assignment(
        cp1,
        date(2026, 1, 5),
        volume=4,
        starts_on=date(2026, 1, 12),
        ends_on=date(2026, 12, 31),
        **week,
        status=AssignmentStatus.STARTED,
        started_on=date(2026, 1, 19),
    )  # waited 14 days; 170 days in the period: 4 x 170 / 7
    a2 = _assignment(
        cp1,
        date(2026, 2, 2),
        volume=2,
        starts_on=date(2026, 2, 9),
        ends_on=date(2026, 12, 31),
        **week,
        status=AssignmentStatus.STOPPED,
        started_on=date(2026, 2, 9),
        stopped_on=date(2026, 3, 8),
        stop_reason="19",
    )  # waited 7 days; goal reached; 28 days: 2 x 28 / 7 = 8
    _assignment(
        cp1,
        date(2026, 3, 2),
        volume=3,
        starts_on=date(2026, 3, 9),
        ends_on=date(2026, 9, 30),
        **week,
        status=AssignmentStatus.STOPPED,
        started_on=date(2026, 4, 1),
        stopped_on=date(2026, 5, 31),
        stop_reason="22",
    )  # waited 30 days; stopped otherwise; 84 days: 3 x 84 / 7 = 36
    _assignment(cp1, date(2026, 6, 1), starts_on=date(2026, 7, 1), ends_on=date(2026, 12, 31))  # sent, later
    _assignment(
        cp1, date(2026, 1, 10), starts_on=date(2026, 1, 15), ends_on=date(2026, 12, 31), status=AssignmentStatus.ENDED
    )  # sent, withdrawn before it started: assigned nothing
    a6 = _assignment(
        cp2,
        date(2025, 12, 1),
        volume=10,
        frequency="6",
        starts_on=date(2025, 12, 1),
        ends_on=date(2026, 1, 31),
        status=AssignmentStatus.STARTED,
        started_on=date(2025, 12, 10),
    )  # 10 in total over 62 days, 31 of them in the period: 5
    d1 = _declaration(linde, f"{prefix}D1")
    _line(d1, a1, date(2026, 2, 1), "16", "1000", product=cp1.product)
    _line(d1, a1, date(2026, 3, 1), "4", "250", approved=False)
    _line(d1, a2, date(2026, 2, 15), "6", "375")
    _line(d1, a1, date(2025, 12, 1), "100", "6250")  # before the period
    _line(_declaration(berk, f"{prefix}D2"), a6, date(2026, 1, 1), "5", "500")
    for received_on, outcome in [
        (date(2026, 3, 1), ComplaintOutcome.FOUNDED),
        (date(2026, 4, 1), ComplaintOutcome.PARTLY_FOUNDED),
        (date(2026, 4, 2), ComplaintOutcome.UNFOUNDED),
        (date(2025, 12, 1), ComplaintOutcome.FOUNDED),  # before the period
    ]:
        ComplaintFactory(provider=linde, product=cp1.product, received_on=received_on, outcome=outcome)
    ComplaintFactory(provider=linde, received_on=date(2026, 5, 1))  # about the provider, still open
    return {"linde": linde, "berk": berk, "p1": cp1.product, "p2": cp2.product}


def _figures(row):
    return (
        row.sent,
        row.started,
        row.stopped_goal_reached,
        row.stopped_otherwise,
        row.volume_assigned,
        row.volume_delivered,
        row.median_wait_days,
        row.complaints_received,
        row.complaints_founded,
        row.spent,
    )


def test_the_review_counts_what_was_counted_by_hand():
    data = market()
    review = contract_review(period=PERIOD)
    rows = {(r.provider_id, r.product_id): r for r in review.rows}
    assert set(rows) == {(data["linde"].pk, data["p1"].pk), (data["linde"].pk, None), (data["berk"].pk, data["p2"].pk)}
    assert _figures(rows[data["linde"].pk, data["p1"].pk]) == (
        5,
        3,
        1,
        1,
        Decimal("141.14"),
        Decimal("22"),
        14,
        3,
        2,
        Decimal("1375"),
    )
    assert _figures(rows[data["linde"].pk, None]) == (0, 0, 0, 0, Decimal("0"), Decimal("0"), None, 1, 0, Decimal("0"))
    assert _figures(rows[data["berk"].pk, data["p2"].pk]) == (
        0,
        0,
        0,
        0,
        Decimal("5.00"),
        Decimal("5"),
        None,
        0,
        0,
        Decimal("500"),
    )
    assert [(c.provider_name, c.spent, c.share) for c in review.contracts] == [
        ("De Berk", Decimal("500"), 10),
        ("De Linde", Decimal("1375"), 14),  # 13.75 %
    ]


def test_the_review_of_one_provider_and_one_product():
    data = market()
    review = contract_review(period=PERIOD, provider_id=data["linde"].pk, product_id=data["p1"].pk)
    assert [(r.provider_id, r.product_id) for r in review.rows] == [(data["linde"].pk, data["p1"].pk)]
    assert [c.provider_name for c in review.contracts] == ["De Linde"]


def test_the_review_names_no_resident():
    market()
    review = contract_review(period=PERIOD)
    text = repr(review)
    assert "resident" not in text and "Klager" not in text


@pytest.mark.parametrize(
    ("frequency", "expected"),
    [
        ("1", Decimal("31")),  # per day: 31 days of January
        ("2", Decimal("31") / 7),  # per week
        ("4", Decimal("31") * 12 / 365),  # per month
        ("6", Decimal("0.5")),  # in total: 31 of its 62 days
    ],
)
def test_a_volume_is_counted_pro_rata_by_its_frequency(frequency, expected):
    volume = assigned_volume(
        volume=Decimal("1"),
        frequency=frequency,
        starts_on=date(2025, 12, 1),
        ends_on=date(2026, 1, 31),
        period=ReviewPeriod(date(2026, 1, 1), date(2026, 1, 31)),
    )
    assert volume == expected


def _queries() -> int:
    with CaptureQueriesContext(connection) as queries:
        contract_review(period=PERIOD)
    return len(queries)


def test_the_review_runs_a_fixed_number_of_queries_whatever_the_data():
    market()
    small = _queries()
    for n in range(3):
        market(prefix=f"{n} ")
    assert _queries() == small == 6
