"""The enforcement scan: signals found in the file, once per origin.

Two rules, each a set-based read of another app's selector (a fixed number of queries for any number of
households), then one savepoint per new signal (the signal and its event) inside the scan's transaction:
1. income: an income report with earnings from work for a benefit whose file knows of no work
   (`income.selectors_signals.earnings_the_file_does_not_know`); origin: the report.
2. residents: more adults registered at the address of a benefit household's members than the household counts
   (`residents.selectors_signals.households_with_unknown_adults`); origin: the address.
The table's unique constraint (origin kind, origin id, source) keeps a second run from adding anything; the scan
also skips the origins it already knows before inserting, so a rerun writes nothing at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone

from ...income import selectors_signals as income_signals
from ...income.calculation import euro
from ...residents import selectors_signals as residents_signals
from ..models import EnforcementSignal, SignalSource
from .enforcement import signal_detected

INCOME_ORIGIN = "income.incomereport"
ADDRESS_ORIGIN = "residents.address"


@dataclass(frozen=True)
class ScanResult:
    income_report: int = 0
    address: int = 0

    @property
    def total(self) -> int:
        return self.income_report + self.address


def _known(origin_kind: str, source: str, origin_ids) -> set[int]:
    return set(
        EnforcementSignal.objects.filter(
            origin_kind=origin_kind, source=source, origin_id__in=list(origin_ids)
        ).values_list("origin_id", flat=True)
    )


def _create(**values) -> bool:
    """One signal in its own savepoint; a signal another run inserted meanwhile is skipped, not an error."""
    try:
        with transaction.atomic():
            signal_detected(**values)
    except IntegrityError:
        return False
    return True


def _income_signals(on: date) -> int:
    findings = income_signals.earnings_the_file_does_not_know()
    known = _known(INCOME_ORIGIN, SignalSource.INCOME_REPORT, (f.report_id for f in findings))
    created = 0
    for finding in findings:
        if finding.report_id in known:
            continue
        created += _create(
            household_id=finding.household_id,
            organisation_id=finding.organisation_id,
            resident_id=finding.client_id,
            source=SignalSource.INCOME_REPORT,
            origin_kind=INCOME_ORIGIN,
            origin_id=finding.report_id,
            description=(
                f"Inkomstenopgave {finding.month:%m-%Y}: netto {euro(finding.net_earnings)} uit werk, "
                "terwijl het dossier geen werk kent (geen surplusregeling, geen overstap naar werk)."
            ),
            on=on,
        )
    return created


def _address_signals(on: date) -> int:
    benefits = {b.household_id: b for b in income_signals.running_benefits(on=on)}
    findings = residents_signals.households_with_unknown_adults(household_ids=benefits, on=on)
    known = _known(ADDRESS_ORIGIN, SignalSource.ADDRESS, (f.address_id for f in findings))
    created = 0
    for finding in findings:
        if finding.address_id in known:
            continue
        known.add(finding.address_id)  # two benefit households at one address: one signal for the address
        benefit = benefits[finding.household_id]
        created += _create(
            household_id=finding.household_id,
            organisation_id=benefit.organisation_id,
            resident_id=benefit.client_id,
            source=SignalSource.ADDRESS,
            origin_kind=ADDRESS_ORIGIN,
            origin_id=finding.address_id,
            description=(
                f"Op het adres staan {finding.registered_adults} volwassenen ingeschreven; het huishouden met de "
                f"uitkering telt er {finding.member_adults}."
            ),
            on=on,
        )
    return created


@transaction.atomic
def enforcement_scan(*, on: date | None = None) -> ScanResult:
    """Run both rules on `on` (today by default), as one transaction (each signal in its own savepoint); returns how
    many new signals each added."""
    on = on or timezone.localdate()
    return ScanResult(income_report=_income_signals(on), address=_address_signals(on))
