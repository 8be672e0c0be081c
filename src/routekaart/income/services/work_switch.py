"""Simpel switchen: the client starts work, the benefit bridges to the first salary and ends, with reminders."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ...audit import services as audit
from ...organisations.roles import Domain
from .. import selectors
from ..calculation import CalculationError, benefit_to_work_switch_plan, money
from ..models import (
    AnnualReview,
    Audience,
    BenefitToWorkSwitch,
    Reminder,
    ReminderKind,
    ReviewStatus,
    SocialAssistance,
)
from ._shared import ACTIVITY, _coordinator_recipient, _first_of_month, _lock_benefit


@transaction.atomic
def benefit_to_work_switch_record(
    *,
    actor,
    benefit: SocialAssistance,
    work_start: date,
    first_salary_on: date,
    net_monthly_salary: Decimal,
    hours_per_week: Decimal | None = None,
    channel: str | None = None,
) -> BenefitToWorkSwitch:
    """Simpel switchen: the client starts work. The benefit bridges to the first salary and stops that day; the
    settlement is computed, and the client and coordinator are told what happens when (reminders)."""
    benefit = _lock_benefit(benefit)
    errors: dict[str, str] = {}
    if benefit.ended_on is not None:
        errors["work_start"] = _("De uitkering is al beëindigd.")
    if hasattr(benefit, "work_switch"):
        errors["work_start"] = _("De overstap naar werk is al vastgelegd.")
    if work_start < benefit.started_on:
        errors["work_start"] = _("De eerste werkdag ligt vóór de ingangsdatum van de uitkering.")
    if first_salary_on < work_start:
        errors["first_salary_on"] = _("Het eerste salaris komt niet vóór de eerste werkdag.")
    if net_monthly_salary is None or net_monthly_salary <= 0:
        errors["net_monthly_salary"] = _("Vul het netto salaris per maand in.")
    if errors:
        raise ValidationError(errors)
    practice = selectors.practice()["benefit_to_work_switch"]
    calculation = selectors.benefit_calculation_get(
        benefit=benefit, month=_first_of_month(work_start), earnings_month=None
    )
    try:
        plan = benefit_to_work_switch_plan(
            monthly_benefit=calculation.benefit,
            work_start=work_start,
            first_salary_on=first_salary_on,
            net_monthly_salary=net_monthly_salary,
            settle_bridging_earnings=bool(practice["settle_bridging_earnings"]),
            instalment_max=Decimal(str(practice["instalment_max"])),
            first_payslip_check_days=int(practice["first_payslip_check_days"]),
        )
    except CalculationError as error:
        raise ValidationError(str(error)) from error
    switch = BenefitToWorkSwitch.objects.create(
        benefit=benefit,
        work_start=work_start,
        first_salary_on=first_salary_on,
        net_monthly_salary=money(net_monthly_salary),
        hours_per_week=hours_per_week,
        end_date=plan.end_date,
        bridging_benefit=plan.bridging_benefit,
        settlement=plan.settlement,
        instalments=plan.instalments,
        instalment_amount=plan.instalment_amount,
        recorded_by=actor,
    )
    benefit.ended_on = plan.end_date
    benefit.end_reason = _("Aan het werk (simpel switchen)")
    benefit.save(update_fields=["ended_on", "end_reason"])
    AnnualReview.objects.filter(benefit=benefit, status=ReviewStatus.PLANNED, planned_on__gte=plan.end_date).update(
        status=ReviewStatus.CANCELLED
    )
    kinds = [ReminderKind.WORK_STARTS, ReminderKind.BENEFIT_ENDS, ReminderKind.FIRST_PAYSLIP, ReminderKind.SETTLEMENT]
    reminders = []
    coordinator_recipient = _coordinator_recipient(household_id=benefit.household_id, actor=actor)
    for moment, kind in zip(plan.moments, kinds, strict=True):
        for audience in moment.audiences:
            reminders.append(
                Reminder(
                    audience=audience,
                    recipient=coordinator_recipient if audience == Audience.COORDINATOR else None,
                    household_id=benefit.household_id,
                    benefit=benefit,
                    kind=kind,
                    due_on=moment.on,
                    message=moment.text[:300],
                )
            )
    Reminder.objects.bulk_create(reminders)
    audit.action_record(
        actor=actor,
        action="social_assistance.switched_to_work",
        subject=benefit,
        household_id=benefit.household_id,
        after={
            "work_start": work_start,
            "first_salary_on": first_salary_on,
            "ended_on": plan.end_date,
            "bridging_benefit": plan.bridging_benefit,
            "settlement": plan.settlement,
            "instalments": plan.instalments,
        },
        domain=Domain.PARTICIPATION,
        purpose=ACTIVITY,
        channel=channel,
    )
    return switch
