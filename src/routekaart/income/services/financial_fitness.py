"""The financieel-fit conversation: on its own (for instance in a case's broad intake) or within the yearly one."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ...access import selectors as access_selectors
from ...audit import services as audit
from ...organisations.roles import Domain
from ...residents.models import Household
from .. import rules_data, selectors
from ..models import (
    AnnualReview,
    Audience,
    Debts,
    FinancialFitnessReview,
    MakesEndsMeet,
    Reminder,
    ReminderKind,
    SocialAssistance,
)
from ._shared import ACTIVITY, _coordinator_recipient, _today


def _financial_fitness_check(*, makes_ends_meet, daily_meal, debts, debt_referral) -> None:
    errors: dict[str, str] = {}
    if makes_ends_meet not in MakesEndsMeet.values:
        errors["makes_ends_meet"] = _("Vraag of de inwoner kan rondkomen.")
    if daily_meal is None:
        errors["daily_meal"] = _("Vraag of de inwoner elke dag een maaltijd kan betalen.")
    if debts not in Debts.values:
        errors["debts"] = _("Vraag of er schulden zijn.")
    elif debts == Debts.NONE and debt_referral:
        errors["debt_referral"] = _("Zonder schulden is er geen verwijzing naar schuldhulpverlening.")
    if errors:
        raise ValidationError(errors)


def _financial_fitness_save(
    *,
    actor,
    household_id: int,
    benefit: SocialAssistance | None,
    held_on: date,
    makes_ends_meet: str,
    daily_meal: bool,
    debts: str,
    debt_referral: bool,
    note: str,
    case_id: int | None,
    annual_review: AnnualReview | None,
) -> FinancialFitnessReview:
    practice = selectors.practice()
    not_used = selectors.regulations_not_used(household_id=household_id, on=held_on)
    review = FinancialFitnessReview.objects.create(
        household_id=household_id,
        benefit=benefit,
        annual_review=annual_review,
        case_id=case_id,
        held_on=held_on,
        makes_ends_meet=makes_ends_meet,
        daily_meal=daily_meal,
        debts=debts,
        debt_referral=debt_referral,
        debt_referral_building_block=practice["financial_fitness"]["debt_referral_building_block"]
        if debt_referral
        else "",
        regulations_not_used=not_used,
        note=(note or "").strip(),
        recorded_by=actor,
    )
    if debt_referral:
        Reminder.objects.create(
            audience=Audience.COORDINATOR,
            recipient=_coordinator_recipient(household_id=household_id, actor=actor),
            household_id=household_id,
            benefit=benefit,
            kind=ReminderKind.DEBT_REFERRAL,
            due_on=held_on + timedelta(days=rules_data.value("debt_referral_follow_up_days")),
            message=_("Volg de verwijzing naar schuldhulpverlening op: is het eerste gesprek gepland?"),
        )
    return review


@transaction.atomic
def financial_fitness_record(
    *,
    actor,
    household: Household,
    held_on: date,
    makes_ends_meet: str,
    daily_meal: bool | None,
    debts: str,
    debt_referral: bool = False,
    note: str = "",
    case_id: int | None = None,
    channel: str | None = None,
) -> FinancialFitnessReview:
    """The financieel-fit conversation on its own, for instance as part of the broad intake of a case."""
    _financial_fitness_check(
        makes_ends_meet=makes_ends_meet, daily_meal=daily_meal, debts=debts, debt_referral=debt_referral
    )
    if held_on > _today():
        raise ValidationError({"held_on": _("Deze datum ligt in de toekomst.")})
    if case_id is not None and not access_selectors.case_of_household_exists(
        case_id=case_id, household_id=household.pk
    ):
        raise ValidationError({"case_id": _("Deze casus hoort niet bij dit huishouden.")})
    benefit = selectors.benefit_for_household(household_id=household.pk, on=held_on)
    review = _financial_fitness_save(
        actor=actor,
        household_id=household.pk,
        benefit=benefit,
        held_on=held_on,
        makes_ends_meet=makes_ends_meet,
        daily_meal=daily_meal,
        debts=debts,
        debt_referral=debt_referral,
        note=note,
        case_id=case_id,
        annual_review=None,
    )
    audit.action_record(
        actor=actor,
        action="financial_fitness.recorded",
        subject=review,
        household_id=household.pk,
        after={
            "held_on": held_on,
            "case": case_id,
            "debt_referral": debt_referral,
            "regulations_not_used": review.regulations_not_used,
        },
        domain=Domain.PARTICIPATION,
        purpose=ACTIVITY,
        on=held_on,
        channel=channel,
    )
    return review
