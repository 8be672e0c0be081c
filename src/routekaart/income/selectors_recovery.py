"""Recovery's selectors: the claims a user may see with their balances (one query), a claim with its balance over
time, a household's open claims for the household page, a resident's own claims for Mijn Routekaart.

Which claims a user sees follows the access check for benefit recovery in the P domain (`households_visible`, one
EXISTS): klantbeheer of the Dienst involved, the household's coordinator, never a school or a job coach. The pages
pass the `HouseholdAccess` of the checked household as proof and each read is logged.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from ..audit import services as audit
from ..organisations.roles import Domain
from ..residents.access import HouseholdAccess, households_visible
from .models import ArrangementKind, Claim, ClaimArrangement, ClaimMovement, ClaimStatus
from .services.recovery import PURPOSE, balance_expression

ZERO = Decimal("0.00")


def claims_visible(*, user) -> QuerySet[Claim]:
    """The claims of the households the access check lets `user` into for benefit recovery (P), with balances."""
    households = households_visible(user=user, purpose=PURPOSE, domain=Domain.PARTICIPATION)
    return Claim.objects.filter(household__in=households).annotate(balance=balance_expression())


def claim_list(*, user, status: str = "") -> QuerySet[Claim]:
    """The claims list: each claim with its debtor and its balance, in one query (the balance a subquery)."""
    claims = claims_visible(user=user).select_related("debtor")
    if status in ClaimStatus.values:
        claims = claims.filter(status=status)
    return claims.order_by("-established_on", "-id")


def claims_read_log(*, user, claims) -> None:
    """The list's read, logged once for the debtors shown."""
    if not claims:
        return
    audit.processing_record(
        actor=user,
        activity=PURPOSE,
        data_subjects=[audit.pseudonym(c.debtor.bsn) for c in claims],
    )


def recovery_home_counts(user) -> dict[str, int]:
    """Claims open in the households the user may see for recovery."""
    if not getattr(user, "is_authenticated", False):
        return {"claims_open": 0}
    households = households_visible(user=user, purpose=PURPOSE, domain=Domain.PARTICIPATION)
    return {"claims_open": Claim.objects.filter(household__in=households, status=ClaimStatus.OPEN).count()}


@dataclass(frozen=True)
class BalanceRow:
    """One movement with the balance after it: the claim's balance over time."""

    movement: ClaimMovement
    balance: Decimal


@dataclass(frozen=True)
class ClaimFile:
    claim: Claim
    rows: list[BalanceRow]
    arrangements: list[ClaimArrangement]

    @property
    def balance(self) -> Decimal:
        return self.rows[-1].balance if self.rows else ZERO

    @property
    def paid_off(self) -> Decimal:
        """What has come in so far (deductions and payments), a positive amount."""
        return -sum(
            (r.movement.amount for r in self.rows if r.movement.kind in ("deduction", "payment")),
            ZERO,
        )

    @property
    def arrangement(self) -> ClaimArrangement | None:
        """The arrangement running today (or the one that starts next), if any."""
        today = timezone.localdate()
        running = [a for a in self.arrangements if a.ends_on is None or a.ends_on > today]
        return running[0] if running else None

    @property
    def chart_max(self) -> Decimal:
        return max((r.balance for r in self.rows), default=ZERO) or Decimal("1")

    @property
    def monthly(self) -> Decimal:
        """What is paid off each month under the running arrangement (0 without one or once settled)."""
        arrangement = self.arrangement
        if arrangement is None or self.claim.status != ClaimStatus.OPEN:
            return ZERO
        return min(arrangement.monthly_amount, self.balance)

    @property
    def settles(self) -> bool:
        arrangement = self.arrangement
        return arrangement is not None and arrangement.kind == ArrangementKind.SETTLEMENT


def _running_balance(movements: list[ClaimMovement]) -> list[BalanceRow]:
    rows, balance = [], ZERO
    for movement in movements:
        balance += movement.amount
        rows.append(BalanceRow(movement, balance))
    return rows


def claim_file(*, claim: Claim) -> ClaimFile:
    """A claim with its movements, the running balance after each, and its arrangements (two queries)."""
    movements = list(ClaimMovement.objects.filter(claim=claim).order_by("on", "id"))
    arrangements = list(ClaimArrangement.objects.filter(claim=claim).order_by("starts_on", "id"))
    return ClaimFile(claim=claim, rows=_running_balance(movements), arrangements=arrangements)


def claim_of(*, claim_id: int) -> Claim | None:
    """The claim with what its page shows beside it (debtor, benefit, organisation); the caller checks access."""
    return Claim.objects.select_related("debtor", "benefit", "organisation", "created_by").filter(pk=claim_id).first()


def claim_get(*, access: HouseholdAccess, claim: Claim) -> ClaimFile:
    """The claim page's file, its read logged under the access that let the user in."""
    file = claim_file(claim=claim)
    audit.processing_record(
        actor=access.user,
        activity=PURPOSE,
        data_subjects=[audit.pseudonym(claim.debtor.bsn)],
        channel=access.channel,
        result=access.result,
        reason=access.reason,
    )
    return file


def household_claims_open(*, household_id: int) -> list[Claim]:
    """The household's open claims with their balances (one query); the caller's access check logs the read."""
    return list(
        Claim.objects.filter(household_id=household_id, status=ClaimStatus.OPEN)
        .select_related("debtor")
        .annotate(balance=balance_expression())
        .order_by("established_on", "id")
    )


def claims_of_resident(*, resident_id: int) -> list[ClaimFile]:
    """A resident's own claims (they are the debtor) with their movements and arrangements: a fixed three
    queries however many claims."""
    claims = list(
        Claim.objects.filter(debtor_id=resident_id)
        .prefetch_related(
            Prefetch("movements", queryset=ClaimMovement.objects.order_by("on", "id")),
            Prefetch("arrangements", queryset=ClaimArrangement.objects.order_by("starts_on", "id")),
        )
        .order_by("-established_on", "-id")
    )
    return [
        ClaimFile(claim=c, rows=_running_balance(list(c.movements.all())), arrangements=list(c.arrangements.all()))
        for c in claims
    ]


def claim_of_resident(*, resident_id: int, claim_id: int) -> Claim | None:
    """One claim of the resident's own (for its letter), None when it is not theirs."""
    return claim_of(claim_id=claim_id) if Claim.objects.filter(pk=claim_id, debtor_id=resident_id).exists() else None
