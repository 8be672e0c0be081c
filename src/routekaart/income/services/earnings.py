"""Earnings beside the benefit: the client's monthly income report and, for clients in it, the surplus
settlement of that month against the advance paid for it."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ...audit import services as audit
from ...organisations.roles import Domain
from .. import selectors
from ..calculation import CalculationError, money, surplus_month
from ..models import IncomeReport, ReportSource, SocialAssistance, SurplusSettlement
from ._shared import ACTIVITY, _first_of_month, _lock_benefit, _today


@transaction.atomic
def income_report_submit(
    *,
    actor,
    benefit: SocialAssistance,
    month: date,
    net_earnings: Decimal,
    other_income: Decimal = Decimal("0"),
    hours: Decimal | None = None,
    note: str = "",
    source: str = ReportSource.STAFF,
    channel: str | None = None,
) -> IncomeReport:
    """The client reports a month's earnings (simplified form); a second report for the month corrects it.

    For a client in the surplus settlement the month is settled at once against the advance paid for it.
    """
    benefit = _lock_benefit(benefit)
    month = _first_of_month(month)
    errors: dict[str, str] = {}
    if net_earnings is None or net_earnings < 0:
        errors["net_earnings"] = _("Vul de netto inkomsten in (0 als er geen waren).")
    if other_income is not None and other_income < 0:
        errors["other_income"] = _("Inkomsten kunnen niet negatief zijn.")
    if month > _first_of_month(_today()):
        errors["month"] = _("Inkomsten geeft u door over een maand die begonnen is.")
    if month < _first_of_month(benefit.started_on) or (benefit.ended_on and month >= benefit.ended_on):
        errors["month"] = _("In die maand liep de uitkering niet.")
    if source not in ReportSource.values:
        errors["source"] = _("Kies wie de inkomsten doorgeeft.")
    errors = _hours_check(hours, month) | errors
    if errors:
        raise ValidationError(errors)
    report = IncomeReport.objects.filter(benefit=benefit, month=month).first()
    corrected = report is not None
    before = {"net_earnings": report.net_earnings, "other_income": report.other_income} if corrected else None
    if report is None:
        report = IncomeReport(benefit=benefit, month=month)
    report.net_earnings = money(net_earnings)
    report.other_income = money(other_income or 0)
    report.hours = hours
    report.note = (note or "").strip()
    report.source = source
    report.reported_by = actor
    report.full_clean(exclude=["benefit", "reported_by"])
    report.save()
    if report.net_earnings > 0 and benefit.earnings_disregard_from is None:
        benefit.earnings_disregard_from = month
        benefit.save(update_fields=["earnings_disregard_from"])
    settlement = None
    if benefit.surplus_settlement:
        settlement = _surplus_settle(benefit=benefit, month=month)
    audit.action_record(
        actor=actor,
        action="income_report.corrected" if corrected else "income_report.submitted",
        subject=report,
        household_id=benefit.household_id,
        before=before,
        after={
            "month": month,
            "net_earnings": report.net_earnings,
            "other_income": report.other_income,
            "source": source,
            "settlement": settlement.settlement if settlement else None,
        },
        domain=Domain.PARTICIPATION,
        purpose=ACTIVITY,
        channel=channel,
    )
    return report


def _hours_check(hours: Decimal | None, month: date) -> dict[str, str]:
    """No more hours worked in a month than it has had so far: the month under way has had only its days up to today.

    The range of a whole month (what a month can hold at most) is the model's (core.limits.HOURS_PER_MONTH).
    """
    today = _today()
    if hours is None or month != _first_of_month(today):
        return {}
    elapsed = (today - month).days + 1
    if hours <= elapsed * 24:
        return {}
    return {
        "hours": ngettext(
            "Deze maand heeft tot en met vandaag %(days)s dag, dus ten hoogste %(max)s uur. "
            "Vul de uren in die tot nu toe zijn gewerkt, of geef ze na afloop van de maand door.",
            "Deze maand heeft tot en met vandaag %(days)s dagen, dus ten hoogste %(max)s uur. "
            "Vul de uren in die tot nu toe zijn gewerkt, of geef ze na afloop van de maand door.",
            elapsed,
        )
        % {"days": elapsed, "max": elapsed * 24}
    }


def _surplus_settle(*, benefit: SocialAssistance, month: date) -> SurplusSettlement:
    """Settle one month: the advance paid for it was the benefit on last month's earnings (practice.yaml)."""
    calculation = selectors.benefit_calculation_get(benefit=benefit, month=month)
    previous = _first_of_month(month - timedelta(days=1))
    advance_calculation = selectors.benefit_calculation_get(benefit=benefit, month=month, earnings_month=previous)
    try:
        result = surplus_month(
            norm=calculation.norm,
            earnings=calculation.earnings,
            disregard=calculation.disregard,
            advance=advance_calculation.benefit,
        )
    except CalculationError as error:
        raise ValidationError(str(error)) from error
    settlement, _created = SurplusSettlement.objects.update_or_create(
        benefit=benefit,
        month=month,
        defaults={
            "norm": result.norm,
            "earnings": result.earnings,
            "disregard": result.disregard,
            "due": result.due,
            "advance": result.advance,
            "settlement": result.settlement,
            "income": result.income,
        },
    )
    return settlement
