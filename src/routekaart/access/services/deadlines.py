"""Statutory deadlines: opened by a signal, met by the steps that meet them, lapsed on closing, extended or
suspended as their rule allows (Awb 4:14, 4:15), or met by a step outside this app.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ...audit import services as audit
from ...residents.access import DOMAIN_ACTIVITY, HOUSEHOLD_FILE
from ...residents.life_phase import age_on
from .. import workflow
from ..models import Case, Deadline, DeadlineChange, DeadlineChangeRule, DeadlineRule, Signal
from ..urgency import urgency_refresh
from ._shared import _d, _lock_case, _not_in_future, _today

PLAN_REVIEW = "plan_review"
YOUTH_SEARCH_PERIOD = "youth_search_period"
MANUAL_MET_BY = {"advance_granted"}


def _term_end(start: date, rule: DeadlineRule) -> date:
    return start + relativedelta(weeks=rule.term_weeks, months=rule.term_months)


def _meet_deadlines(*, case: Case, met_by: str, on: date, laws: Iterable[str] | None = None) -> list[Deadline]:
    """Mark the case's open deadlines that `met_by` meets (optionally only those of `laws`) as met on `on`."""
    rules = [r.pk for r in DeadlineRule.objects.all() if met_by in r.met_by]
    open_deadlines = Deadline.objects.filter(case=case, rule_id__in=rules, met_on__isnull=True, lapsed_on__isnull=True)
    if laws is not None:
        open_deadlines = open_deadlines.filter(law__in=list(laws))
    met = list(open_deadlines)
    for deadline in met:
        deadline.met_on = on
        deadline.met_by = met_by
        deadline.save(update_fields=["met_on", "met_by"])
    return met


def _lapse_deadlines(*, case: Case, on: date) -> None:
    Deadline.objects.filter(case=case, met_on__isnull=True, lapsed_on__isnull=True).update(lapsed_on=on)


def _deadlines_open(*, case: Case, signal: Signal) -> list[Deadline]:
    opened = []
    for rule in DeadlineRule.objects.filter(domain=signal.domain).order_by("code"):
        if signal.kind not in rule.signal_kinds:
            continue
        if rule.under_age is not None and (
            signal.resident is None or age_on(signal.resident.birth_date, signal.received_on) >= rule.under_age
        ):
            continue
        due = _term_end(signal.received_on, rule)
        opened.append(
            Deadline.objects.create(
                case=case,
                rule=rule,
                signal=signal,
                law=rule.law,
                name=rule.name,
                basis=rule.basis,
                starts_on=signal.received_on,
                original_due_on=due,
                due_on=due,
            )
        )
    return opened


@transaction.atomic
def deadline_change(
    *,
    actor,
    deadline: Deadline,
    change: str,
    days: int,
    reason: str,
    notified_on: date | None = None,
    channel: str | None = None,
) -> DeadlineChange:
    """Extend (Awb 4:14) or suspend (Awb 4:15) a running deadline, only as its rule allows."""
    deadline = Deadline.objects.select_related("rule", "case").select_for_update(of=("self",)).get(pk=deadline.pk)
    case = _lock_case(deadline.case)
    rule = DeadlineChangeRule.objects.filter(code=change).first()
    today = _today()
    errors: dict[str, str] = {}
    if not deadline.is_open:
        errors["deadline"] = _("Deze termijn loopt niet meer.")
    if rule is None or change not in deadline.rule.changes:
        errors["change"] = _("Deze termijn kan op deze manier niet worden gewijzigd.")
    if not days or days < 1:
        errors["days"] = _("Geef een aantal dagen van ten minste 1.")
    if not (reason or "").strip():
        errors["reason"] = _("Geef de reden.")
    if rule is not None and rule.before_due and today > deadline.due_on:
        errors["change"] = _("Dat kan alleen vóór het einde van de termijn (%(date)s).") % {"date": _d(deadline.due_on)}
    if rule is not None and rule.needs_notice:
        if notified_on is None:
            errors["notified_on"] = _("Leg vast wanneer de aanvrager bericht kreeg (%(basis)s).") % {
                "basis": rule.basis
            }
        elif notified_on > deadline.due_on or notified_on > today:
            errors["notified_on"] = _("Het bericht gaat vóór het einde van de termijn en ligt niet in de toekomst.")
    if not errors:
        try:
            workflow.transition(case, "deadline_change")
        except ValidationError as error:
            errors["deadline"] = error.messages[0]
    if errors:
        raise ValidationError(errors)
    previous = deadline.due_on
    deadline.due_on = previous + relativedelta(days=days)
    deadline.save(update_fields=["due_on"])
    record = DeadlineChange.objects.create(
        deadline=deadline,
        rule=rule,
        days=days,
        notified_on=notified_on,
        reason=reason.strip(),
        previous_due_on=previous,
        new_due_on=deadline.due_on,
        recorded_by=actor,
    )
    audit.action_record(
        actor=actor,
        action="deadline.changed",
        subject=deadline,
        household_id=case.household_id,
        before={"due_on": previous},
        after={
            "rule": deadline.rule.code,
            "change": change,
            "days": days,
            "due_on": deadline.due_on,
            "domain": deadline.law,
        },
        purpose=DOMAIN_ACTIVITY.get(deadline.law, HOUSEHOLD_FILE),
        channel=channel,
    )
    urgency_refresh(deadline.case_id)
    return record


@transaction.atomic
def deadline_meet(
    *, actor, deadline: Deadline, met_by: str, met_on: date | None = None, channel: str | None = None
) -> Deadline:
    """Record a step that happens outside this app and meets a deadline (the Participatiewet advance)."""
    deadline = Deadline.objects.select_related("rule", "case").select_for_update(of=("self",)).get(pk=deadline.pk)
    met_on = met_on or _today()
    if met_by not in MANUAL_MET_BY or met_by not in deadline.rule.met_by:
        raise ValidationError({"met_by": _("Deze termijn wordt op een andere manier gehaald.")})
    if not deadline.is_open:
        raise ValidationError({"deadline": _("Deze termijn loopt niet meer.")})
    _not_in_future(met_on, "met_on")
    if met_on < deadline.starts_on:
        raise ValidationError({"met_on": _("Deze datum ligt vóór het begin van de termijn.")})
    deadline.met_on = met_on
    deadline.met_by = met_by
    deadline.save(update_fields=["met_on", "met_by"])
    audit.action_record(
        actor=actor,
        action="deadline.met",
        subject=deadline,
        household_id=deadline.case.household_id,
        after={"rule": deadline.rule.code, "met_by": met_by, "met_on": met_on, "domain": deadline.law},
        purpose=DOMAIN_ACTIVITY.get(deadline.law, HOUSEHOLD_FILE),
        channel=channel,
    )
    urgency_refresh(deadline.case_id)
    return deadline
