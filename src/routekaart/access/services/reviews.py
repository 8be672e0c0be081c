"""The periodic review: the life domains scored again and the plan's next review date."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ...audit import services as audit
from ...core.dates import not_before
from ...organisations.roles import Domain
from ...residents.access import HOUSEHOLD_FILE
from .. import workflow
from ..models import Case, Deadline, DeadlineRule, Plan, PlanStatus, Review
from ..urgency import urgency_refresh
from ._shared import _case_opened, _d, _lock_case, _scores_check, _scores_record, _today
from .deadlines import PLAN_REVIEW, _meet_deadlines, _term_end


@transaction.atomic
def review_record(
    *,
    actor,
    case: Case,
    note: str,
    scores: dict[str, tuple[int | None, str]],
    next_review_on: date | None = None,
    held_on: date | None = None,
    channel: str | None = None,
) -> Review:
    """The periodic review: the life domains scored again, and the plan's next review date."""
    case = _lock_case(case)
    held_on = held_on or _today()
    errors: dict[str, str] = {}
    plan = Plan.objects.filter(case=case, status=PlanStatus.ACTIVE).first()
    if plan is None or not workflow.allowed(case, "review_record"):
        errors["plan"] = workflow.refusal(case, "review_record")
    if not (note or "").strip():
        errors["note"] = _("Beschrijf wat er sinds de vorige keer is veranderd.")
    if held_on > _today():
        errors["held_on"] = _("Deze datum ligt in de toekomst.")
    errors = not_before(held_on, "held_on", _case_opened(case)) | errors
    rule = DeadlineRule.objects.get(code=PLAN_REVIEW)
    latest = _term_end(held_on, rule)
    next_review_on = next_review_on or latest
    if next_review_on <= held_on:
        errors["next_review_on"] = _("De volgende evaluatie ligt na deze evaluatie.")
    elif next_review_on > latest:
        errors["next_review_on"] = _("Evalueer uiterlijk op %(date)s: ten minste één keer per jaar.") % {
            "date": _d(latest)
        }
    try:
        rows = _scores_check(scores)
    except ValidationError as error:
        errors.update({k: v[0] for k, v in error.message_dict.items()})
    if errors:
        raise ValidationError(errors)
    workflow.transition(case, "review_record")
    review = Review.objects.create(
        case=case, plan=plan, held_on=held_on, note=note.strip(), next_review_on=next_review_on, held_by=actor
    )
    _scores_record(case=case, rows=rows, on=held_on, review=review)
    _meet_deadlines(case=case, met_by="review_recorded", on=held_on)
    plan.next_review_on = next_review_on
    plan.save(update_fields=["next_review_on"])
    Deadline.objects.create(
        case=case,
        rule=rule,
        plan=plan,
        law=Domain.GENERAL,
        name=rule.name,
        basis=rule.basis,
        starts_on=held_on,
        original_due_on=next_review_on,
        due_on=next_review_on,
    )
    audit.action_record(
        actor=actor,
        action="review.recorded",
        subject=review,
        household_id=case.household_id,
        after={"case": case.pk, "plan": plan.version, "next_review_on": next_review_on, "life_domains": len(rows)},
        purpose=HOUSEHOLD_FILE,
        channel=channel,
    )
    urgency_refresh(case)
    return review
