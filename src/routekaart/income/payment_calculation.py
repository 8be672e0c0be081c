"""What each benefit is due in a month, for all benefits of a Dienst at once: the payment run's input.

A fixed number of queries reads every benefit running in the month, the households' members and cost-sharer
exclusions, the norms and the income reported for the month; each benefit's amount is then computed by the same
pure `calculation.benefit_calculate` the page uses (composition and norms on the month's first day, or the
benefit's first day when it starts later), pro rata by calendar days when the benefit starts or ends within the
month. The numbers of the run itself (the holiday allowance held back, its month) are data in payments.yaml.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache
from pathlib import Path
from types import SimpleNamespace

from django.db.models import Q
from schwifty import IBAN
from schwifty.exceptions import SchwiftyException

from ..core.legal_numbers import LegalNumbers
from ..residents.life_phase import AOW_AGE_BY_YEAR, aow_date
from . import rules_data
from .calculation import (
    CalculationError,
    Housemate,
    NormSet,
    cost_sharers_count,
    earnings_disregard,
    household_norm,
    money,
)
from .models import CostSharerExclusion, CostSharerExclusionReason, IncomeReport, NormVersion, SocialAssistance
from .selectors import _months_between

AOW_MIN_YEARS = min(years for years, _months in AOW_AGE_BY_YEAR.values())
# The partner role of a client by the client's role (residents.MembershipRole values; its models stay behind it).
PARTNER_ROLE = {"head": "partner", "partner": "head"}

NUMBERS = LegalNumbers(Path(__file__).parent / "data" / "payments.yaml")
ZERO = Decimal("0.00")

# Why a benefit got no line (run.skipped holds {"benefit": id, "reason": code}; no personal data).
NO_IBAN = "no_iban"
INVALID_IBAN = "invalid_iban"
ALREADY_PAID = "already_paid"
NOT_CALCULABLE = "not_calculable"
NOTHING_DUE = "nothing_due"
NO_ACCOUNT_HOLDER = "no_account_holder"


def payment_number(name: str):
    """A number of payments.yaml (e.g. `holiday_allowance_month`)."""
    return NUMBERS.value(name)


def holiday_allowance_rate() -> Decimal:
    return Decimal(str(payment_number("holiday_allowance_rate")))


def holiday_reserve(due: Decimal) -> Decimal:
    """The part of a month's benefit held back as holiday allowance (Pw art. 19 lid 3), to the cent, half up."""
    return money(due * holiday_allowance_rate())


def month_first(day: date) -> date:
    return day.replace(day=1)


def month_next(day: date) -> date:
    return date(day.year + (day.month == 12), day.month % 12 + 1, 1)


@lru_cache(maxsize=100_000)
def iban_problem(value: str) -> str:
    """ "" for a valid IBAN, else the reason code (schwifty checks the length, the check digits and the bank code)."""
    if not value:
        return NO_IBAN
    try:
        IBAN(value)
    except (SchwiftyException, ValueError):
        return INVALID_IBAN
    return ""


def iban_normalised(value: str) -> str:
    """The IBAN in its compact form (no spaces, capitals), as the file carries it."""
    return "".join((value or "").split()).upper()


@dataclass(slots=True)
class Payable:
    """One benefit's amount due in the month, with whom and where to pay."""

    benefit_id: int
    household_id: int
    payee_id: int
    payee_bsn: str
    iban: str
    account_holder: str
    due: Decimal


def _prorated(amount: Decimal, first: date, start: date, end: date) -> Decimal:
    """`amount` for the days [start, end) of the month starting at `first`, by calendar days."""
    days = calendar.monthrange(first.year, first.month)[1]
    part = (end - start).days
    return amount if part >= days else money(Fraction(amount) * part / days)


def _norms_for(versions: list[NormSet], on: date) -> NormSet | None:
    found = None
    for version in versions:  # ascending by effective_from
        if version.effective_from <= on:
            found = version
    return found


# --- The month's benefit, as `calculation.benefit_calculate` computes it, without its explanation lines ---------
#
# The page explains every figure (lines, Dutch texts, dates); 50,000 of those cost a minute. The run needs only the
# amount, so it takes the same steps with the same rule functions, each cached on what it depends on: the
# composition (`selectors._kind_and_housemates`' rule: client, partner by role, children by age), the cost
# sharers (`calculation.cost_sharers_count`), the norm (`calculation.household_norm`) and the earnings disregard
# (`calculation.earnings_disregard`). test_payment_run checks the amounts against the page's calculation.


def _age(birth: date, on: date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


@lru_cache(maxsize=4096)
def _cost_sharers(signature: tuple[tuple[bool, bool, int], ...], norms: NormSet) -> int:
    """`calculation.cost_sharers_count` for housemates described by (beneficiary, excluded, age)."""
    housemates = [Housemate("", age, is_beneficiary=b, excluded_reason="x" if e else "") for b, e, age in signature]
    return cost_sharers_count(housemates=housemates, norms=norms)[0]


@lru_cache(maxsize=4096)
def _norm(kind: str, beneficiaries: int, cost_sharers: int, norms: NormSet) -> Decimal:
    return household_norm(kind=kind, beneficiaries=beneficiaries, cost_sharers=cost_sharers, norms=norms)[0]


def _below_aow_age(birth: date, on: date) -> bool:
    """Whether `on` is before the AOW date; nobody reaches it before the table's lowest age (65), so only older
    clients need residents' `aow_date`."""
    return _age(birth, on) < AOW_MIN_YEARS or on < aow_date(birth)


def _month_benefit(
    *,
    on: date,
    norms: NormSet,
    members: list,
    client_id: int,
    client_birth: date,
    excluded: dict[int, str],
    earnings: Decimal,
    other_income: Decimal,
    disregard_month: int,
) -> Decimal:
    """The benefit for the month from `on` (before proration); CalculationError where the page would raise it."""
    age = _age(client_birth, on)
    if age < rules_data.value("calculation_min_age") or not _below_aow_age(client_birth, on):
        raise CalculationError("buiten de leeftijden van de berekening")
    if earnings < 0 or other_income < 0:
        raise CalculationError("negatieve inkomsten")
    client_role = next(m.role for m in members if m.resident_id == client_id)
    partner_role = PARTNER_ROLE.get(client_role)
    partner = next((m for m in members if partner_role and m.role == partner_role and m.resident_id != client_id), None)
    child_age = rules_data.value("child_age")
    ages = {m.resident_id: _age(m.resident.birth_date, on) for m in members}
    children = sum(1 for m in members if ages[m.resident_id] < child_age)
    kind = "couple" if partner else ("single_parent" if children else "single")
    beneficiaries = {client_id, partner.resident_id if partner else None} - {None}
    signature = tuple(
        sorted((m.resident_id in beneficiaries, m.resident_id in excluded, ages[m.resident_id]) for m in members)
    )
    norm = _norm(kind, len(beneficiaries), _cost_sharers(signature, norms), norms)
    earnings, other_income = money(earnings), money(other_income)
    disregard = ZERO
    if earnings > 0:
        disregard = earnings_disregard(earnings=earnings, month_number=disregard_month, client_age=age, norms=norms)[0]
    counted = max(ZERO, earnings - disregard) + other_income
    return max(ZERO, norm - counted)


def benefits_payable(*, organisation_id: int, month: date) -> tuple[list[Payable], list[dict]]:
    """Every benefit of the Dienst running in `month`, with its amount due; those that cannot be paid are listed
    with their reason code instead (no IBAN, an invalid IBAN, not calculable, nothing due). Six queries."""
    first, following = month_first(month), month_next(month)
    running = SocialAssistance.objects.filter(organisation_id=organisation_id, started_on__lt=following).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gt=first)
    )
    benefits = list(
        running.order_by("pk").values_list(
            "pk",
            "household_id",
            "client_id",
            "client__bsn",
            "client__birth_date",
            "iban",
            "account_holder",
            "started_on",
            "ended_on",
            "earnings_disregard_from",
        )
    )
    households = running.values("household_id")
    members: dict[int, list] = {}
    # The households' members in the month, through the benefit's household (one query, income's own relation).
    rows = set(
        running.filter(
            Q(household__memberships__valid_to__isnull=True) | Q(household__memberships__valid_to__gt=first),
            household__memberships__valid_from__lt=following,
        )
        .order_by()
        .values_list(
            "household_id",
            "household__memberships__id",
            "household__memberships__resident_id",
            "household__memberships__role",
            "household__memberships__resident__birth_date",
            "household__memberships__valid_from",
            "household__memberships__valid_to",
        )
    )
    for household_id, _id, resident_id, role, birth, valid_from, valid_to in sorted(rows, key=lambda r: (r[5], r[1])):
        resident = SimpleNamespace(pk=resident_id, birth_date=birth)
        members.setdefault(household_id, []).append(
            SimpleNamespace(
                resident_id=resident_id, resident=resident, role=role, valid_from=valid_from, valid_to=valid_to
            )
        )
    labels = dict(CostSharerExclusionReason.choices)
    exclusions: dict[int, list] = {}
    for household_id, resident_id, reason, valid_from, valid_to in (
        CostSharerExclusion.objects.filter(household_id__in=households, valid_from__lt=following)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=first))
        .values_list("household_id", "resident_id", "reason", "valid_from", "valid_to")
    ):
        exclusions.setdefault(household_id, []).append((resident_id, str(labels[reason]), valid_from, valid_to))
    reports = {
        benefit_id: (earnings, other)
        for benefit_id, earnings, other in IncomeReport.objects.filter(
            benefit__in=running.values("pk"), month=first
        ).values_list("benefit_id", "net_earnings", "other_income")
    }
    versions = [NormSet.from_model(v) for v in NormVersion.objects.order_by("effective_from")]

    def current(period, on: date) -> bool:
        return period.valid_from <= on and (period.valid_to is None or on < period.valid_to)

    payable: list[Payable] = []
    skipped: list[dict] = []
    for pk, household_id, client_id, bsn, birth, iban, holder, started_on, ended_on, disregard_from in benefits:
        problem = iban_problem(iban_normalised(iban))
        if problem or not holder.strip():
            skipped.append({"benefit": pk, "reason": problem or NO_ACCOUNT_HOLDER})
            continue
        on = max(first, started_on)
        norms = _norms_for(versions, on)
        present = [m for m in members.get(household_id, ()) if current(m, on)]
        excluded = {
            resident: label
            for resident, label, valid_from, valid_to in exclusions.get(household_id, ())
            if valid_from <= on and (valid_to is None or on < valid_to)
        }
        if norms is None or not any(m.resident_id == client_id for m in present):
            skipped.append({"benefit": pk, "reason": NOT_CALCULABLE})
            continue
        earnings, other = reports.get(pk, (ZERO, ZERO))
        disregard_month = _months_between(disregard_from, first) + 1 if disregard_from else 1
        try:
            amount = _month_benefit(
                on=on,
                norms=norms,
                members=present,
                client_id=client_id,
                client_birth=birth,
                excluded=excluded,
                earnings=earnings,
                other_income=other,
                disregard_month=max(1, disregard_month),
            )
        except CalculationError:
            skipped.append({"benefit": pk, "reason": NOT_CALCULABLE})
            continue
        end = min(following, ended_on) if ended_on else following
        due = _prorated(amount, first, on, end)
        if due <= 0:
            skipped.append({"benefit": pk, "reason": NOTHING_DUE})
            continue
        payable.append(Payable(pk, household_id, client_id, bsn, iban_normalised(iban), holder, due))
    return payable, skipped
