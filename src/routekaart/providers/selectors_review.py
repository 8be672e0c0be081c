"""Contract review (contractevaluatie) for Beheer markt: per provider and product, what was assigned, started,
stopped, delivered, waited, complained about and spent in a period, and each contract's spending against its budget.

Aggregates only: no resident, no name, no number of a person leaves this module. Beheer markt sees the exact counts
(the policy's suppression of small numbers, issue 22, is for the policy pages). The number of queries is fixed
whatever the data (each figure is one grouped query; the median waiting time is computed from one list of pairs of
days, as SQLite has no percentile).

What each figure counts, in the period (both ends included):
- sent, started, stopped: assignments sent, started, stopped on a day in the period; a stop with reason WJ588 "19"
  (levering volgens plan beëindigd) counts as goal reached, any other reason as stopped otherwise;
- assigned volume: each assignment's volume over the days it runs in the period (until its stop), pro rata by its
  frequency (per day; per week = days / 7; per month = days x 12 / 365; in total = share of its own days), in the
  product's unit; assignments withdrawn before they started (ended, never started) assigned nothing;
- delivered volume and spending: approved declaration lines that start in the period (volume, amount);
- median waiting days: from the day an assignment was sent to the day it started, over those started in the period;
- complaints received in the period, and of those the ones decided (partly) founded.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from .models import (
    Assignment,
    AssignmentStatus,
    Complaint,
    ComplaintOutcome,
    Contract,
    DeclarationLine,
    Product,
)

GOAL_REACHED_REASONS = frozenset({"19"})  # WJ588 RedenBeeindiging 19: levering volgens plan beëindigd
CENT = Decimal("0.01")
ZERO = Decimal("0")


@dataclass(frozen=True)
class ReviewPeriod:
    starts_on: date
    ends_on: date

    @property
    def days(self) -> int:
        return (self.ends_on - self.starts_on).days + 1


@dataclass
class ReviewRow:
    """One provider and one product (product None: complaints about the provider as a whole)."""

    provider_id: int
    provider_name: str
    product_id: int | None
    product_label: str
    sent: int = 0
    started: int = 0
    stopped_goal_reached: int = 0
    stopped_otherwise: int = 0
    volume_assigned: Decimal = ZERO
    volume_delivered: Decimal = ZERO
    median_wait_days: float | None = None
    complaints_received: int = 0
    complaints_founded: int = 0
    spent: Decimal = ZERO
    _waits: list[int] = field(default_factory=list, repr=False)

    @property
    def stopped(self) -> int:
        return self.stopped_goal_reached + self.stopped_otherwise

    @property
    def delivered_share(self) -> int | None:
        """Delivered volume as a whole percentage of the assigned volume (None when nothing was assigned)."""
        return _percentage(self.volume_delivered, self.volume_assigned)


@dataclass(frozen=True)
class ContractSpending:
    contract_id: int
    reference: str
    provider_name: str
    budget: Decimal | None
    spent: Decimal

    @property
    def share(self) -> int | None:
        """Spent as a whole percentage of the budget (None without a budget)."""
        return _percentage(self.spent, self.budget)


@dataclass(frozen=True)
class ContractReview:
    period: ReviewPeriod
    rows: list[ReviewRow]
    contracts: list[ContractSpending]


def _percentage(part: Decimal, whole: Decimal | None) -> int | None:
    if not whole:
        return None
    return int((Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def _product_label(category_code: str | None, code: str | None, name: str | None) -> str:
    return f"{category_code}{code} {name}" if code else ""


def default_period(on: date | None = None) -> ReviewPeriod:
    """The calendar year so far: what a review starts with."""
    on = on or timezone.localdate()
    return ReviewPeriod(date(on.year, 1, 1), on)


def assigned_volume(
    *, volume: Decimal, frequency: str, starts_on: date, ends_on: date, period: ReviewPeriod
) -> Decimal:
    """The part of an assignment's volume that falls in the period, pro rata by its frequency (WJ757)."""
    first, last = max(starts_on, period.starts_on), min(ends_on, period.ends_on)
    days = (last - first).days + 1
    if days <= 0:
        return ZERO
    if frequency == "1":  # per dag
        return volume * days
    if frequency == "2":  # per week
        return volume * days / 7
    if frequency == "4":  # per maand
        return volume * days * 12 / 365
    total_days = (ends_on - starts_on).days + 1  # "6": totaal binnen geldigheidsduur
    return volume * days / total_days


def contract_review(
    *, period: ReviewPeriod, provider_id: int | None = None, product_id: int | None = None
) -> ContractReview:
    """The review of the period, optionally of one provider and/or one product: seven queries, whatever the data."""
    start, end = period.starts_on, period.ends_on
    rows: dict[tuple[int, int | None], ReviewRow] = {}

    def row(values: dict) -> ReviewRow:
        key = (values["provider_id"], values["product_id"])
        if key not in rows:
            rows[key] = ReviewRow(
                provider_id=values["provider_id"],
                provider_name=values["provider__name"],
                product_id=values["product_id"],
                product_label=_product_label(values["category"], values["code"], values["name"]),
            )
        return rows[key]

    assignments = Assignment.objects.all()
    if provider_id:
        assignments = assignments.filter(provider_id=provider_id)
    if product_id:
        assignments = assignments.filter(product_id=product_id)
    names = {"category": F("product__category_code"), "code": F("product__code"), "name": F("product__name")}

    # 1. sent, started and stopped
    in_period = Q(sent_at__date__range=(start, end)) | Q(started_on__range=(start, end))
    in_period |= Q(stopped_on__range=(start, end))
    stopped = Q(stopped_on__range=(start, end))
    goal = Q(stop_reason__in=GOAL_REACHED_REASONS)
    for values in (
        assignments.filter(in_period)
        .values("provider_id", "provider__name", "product_id")
        .annotate(
            **names,
            sent=Count("pk", filter=Q(sent_at__date__range=(start, end))),
            started=Count("pk", filter=Q(started_on__range=(start, end))),
            goal=Count("pk", filter=stopped & goal),
            other=Count("pk", filter=stopped & ~goal),
        )
        .order_by()
    ):
        item = row(values)
        item.sent, item.started = values["sent"], values["started"]
        item.stopped_goal_reached, item.stopped_otherwise = values["goal"], values["other"]

    # 2. assigned volume, and 3. waiting days (one list of the assignments that run in or started in the period)
    running = Q(starts_on__lte=end, ends_on__gte=start) & ~Q(status=AssignmentStatus.ENDED, started_on__isnull=True)
    for values in (
        assignments.filter(running | Q(started_on__range=(start, end)))
        .values(
            "provider_id",
            "provider__name",
            "product_id",
            "volume",
            "frequency",
            "starts_on",
            "ends_on",
            "stopped_on",
            "status",
            "sent_at",
            "started_on",
        )
        .annotate(**names)
        .order_by()
    ):
        item = row(values)
        never_started = values["status"] == AssignmentStatus.ENDED and values["started_on"] is None
        if values["starts_on"] <= end and values["ends_on"] >= start and not never_started:
            item.volume_assigned += assigned_volume(
                volume=values["volume"],
                frequency=values["frequency"],
                starts_on=values["starts_on"],
                ends_on=min(values["ends_on"], values["stopped_on"] or values["ends_on"]),
                period=period,
            )
        if values["started_on"] is not None and start <= values["started_on"] <= end:
            sent_on = timezone.localtime(values["sent_at"]).date()
            item._waits.append((values["started_on"] - sent_on).days)

    # 4. delivered volume and spending: approved declaration lines
    lines = DeclarationLine.objects.filter(approved=True, starts_on__range=(start, end)).annotate(
        line_product_id=Coalesce("product_id", "assignment__product_id")
    )
    if provider_id:
        lines = lines.filter(declaration__provider_id=provider_id)
    if product_id:
        lines = lines.filter(line_product_id=product_id)
    for values in (
        lines.values(
            line_provider_id=F("declaration__provider_id"),
            line_provider_name=F("declaration__provider__name"),
            line_product=F("line_product_id"),
        )
        .annotate(
            category=Coalesce("product__category_code", "assignment__product__category_code"),
            code=Coalesce("product__code", "assignment__product__code"),
            name=Coalesce("product__name", "assignment__product__name"),
            volume=Sum("volume"),
            amount=Sum("amount"),
        )
        .order_by()
    ):
        values.update(
            provider_id=values["line_provider_id"],
            provider__name=values["line_provider_name"],
            product_id=values["line_product"],
        )
        item = row(values)
        item.volume_delivered += values["volume"] or ZERO
        item.spent += values["amount"] or ZERO

    # 5. complaints received, and of those decided (partly) founded
    complaints = Complaint.objects.filter(received_on__range=(start, end))
    if provider_id:
        complaints = complaints.filter(provider_id=provider_id)
    if product_id:
        complaints = complaints.filter(product_id=product_id)
    founded = Q(outcome__in=[ComplaintOutcome.FOUNDED, ComplaintOutcome.PARTLY_FOUNDED])
    for values in (
        complaints.values("provider_id", "provider__name", "product_id")
        .annotate(**names, received=Count("pk"), founded=Count("pk", filter=founded))
        .order_by()
    ):
        item = row(values)
        item.complaints_received, item.complaints_founded = values["received"], values["founded"]

    for item in rows.values():
        item.volume_assigned = item.volume_assigned.quantize(CENT, rounding=ROUND_HALF_UP)
        item.median_wait_days = statistics.median(item._waits) if item._waits else None

    # 6. the contracts that run in the period, and 7. their approved spending in it
    contracts = Contract.objects.filter(starts_on__lte=end, ends_on__gte=start).select_related("provider")
    if provider_id:
        contracts = contracts.filter(provider_id=provider_id)
    if product_id:
        contracts = contracts.filter(products__product_id=product_id).distinct()
    contracts = list(contracts.order_by("provider__name", "reference"))
    spent = (
        dict(
            DeclarationLine.objects.filter(
                approved=True,
                starts_on__range=(start, end),
                assignment__contract_product__contract__in=[c.pk for c in contracts],
            )
            .values_list("assignment__contract_product__contract_id")
            .annotate(amount=Sum("amount"))
            .order_by()
        )
        if contracts
        else {}
    )
    spending = [
        ContractSpending(
            contract_id=c.pk,
            reference=c.reference,
            provider_name=c.provider.name,
            budget=c.budget,
            spent=spent.get(c.pk) or ZERO,
        )
        for c in contracts
    ]
    ordered = sorted(rows.values(), key=lambda r: (r.provider_name, r.product_id is None, r.product_label))
    return ContractReview(period=period, rows=ordered, contracts=spending)


def review_filter_choices() -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """The providers with a contract and the products on a contract, for the review's filters (two queries)."""
    providers = dict(Contract.objects.values_list("provider_id", "provider__name").order_by("provider__name"))
    products = [
        (pk, _product_label(category, code, name))
        for pk, category, code, name in Product.objects.filter(pk__in=Contract.objects.values("products__product_id"))
        .values_list("pk", "category_code", "code", "name")
        .order_by("law", "category_code", "code")
    ]
    return list(providers.items()), products
