"""The yearly conversation: planning it for every client, reminding, recording it (with the financieel-fit
questions and the confirmed situation), and one outside the plan."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ...audit import services as audit
from ...organisations.roles import Domain
from ...residents import selectors as residents_selectors
from ...residents.models import Household
from .. import selectors
from ..bulk import insert_many
from ..models import AnnualReview, Audience, Reminder, ReminderKind, ReviewStatus, SocialAssistance
from ._shared import ACTIVITY, _today
from .financial_fitness import _financial_fitness_check, _financial_fitness_save
from .regulations import household_situation_confirm

LOG_CHUNK = 10_000


@dataclass(frozen=True)
class PlanReport:
    year: int
    planned: int
    coordinators: int
    first: date | None
    last: date | None


@transaction.atomic
def annual_reviews_plan(*, actor=None, year: int, start: date | None = None) -> PlanReport:
    """Plan this year's conversation for every client who has none yet, spread evenly over each coordinator's
    working days; those whose last conversation (or start) is longest ago come first. Set-based: a few queries and
    bulk inserts whatever the number of clients. Running it again plans only the clients that are new."""
    from ..planning import annual_reviews_schedule

    practice = selectors.practice()
    schedule = annual_reviews_schedule(year=year, start=start, practice=practice)
    planned = insert_many(
        AnnualReview,
        ("benefit", "household", "year", "planned_on", "status", "life_changes", "contact", "note"),
        (
            (b, h, year, date.fromordinal(d), ReviewStatus.PLANNED, "[]", "", "")
            for b, h, d in zip(
                schedule.benefit_ids.tolist(),
                schedule.household_ids.tolist(),
                schedule.planned.tolist(),
                strict=True,
            )
        ),
    )
    report = PlanReport(
        year=year,
        planned=planned,
        coordinators=len(set(schedule.coordinator_ids.tolist())),
        first=date.fromordinal(int(schedule.planned.min())) if planned else None,
        last=date.fromordinal(int(schedule.planned.max())) if planned else None,
    )
    audit.action_record(
        actor=actor,
        action="annual_reviews.planned",
        subject=("annual_review_plan", year),
        after={"domain": Domain.PARTICIPATION, "planned": report.planned, "coordinators": report.coordinators},
    )
    for start_index in range(0, planned, LOG_CHUNK):  # one entry per client, written in chunks to bound memory
        audit.action_record(
            actor=actor,
            purpose=ACTIVITY,
            data_subjects=[audit.pseudonym(b) for b in schedule.client_bsns[start_index : start_index + LOG_CHUNK]],
            channel="batch",
            reason=f"jaarplanning {year}",
        )
    return report


@transaction.atomic
def annual_review_reminders_send(*, on: date) -> int:
    """Remind coordinators (and invite clients) for conversations planned in the coming days; once per review."""
    due = selectors.annual_reviews_to_remind(on=on)
    reminders = []
    for pk, benefit_id, household_id, _coordinator_id, planned_on in due:
        when = planned_on.strftime("%d-%m-%Y")
        reminders.append(
            Reminder(
                audience=Audience.COORDINATOR,  # the household's coordinator, whoever it is then (no recipient)
                household_id=household_id,
                benefit_id=benefit_id,
                annual_review_id=pk,
                kind=ReminderKind.ANNUAL_REVIEW_DUE,
                due_on=planned_on,
                message=_("Jaarlijks gesprek gepland op %(date)s: nodig de inwoner uit.") % {"date": when},
            )
        )
        reminders.append(
            Reminder(
                audience=Audience.CLIENT,
                household_id=household_id,
                benefit_id=benefit_id,
                annual_review_id=pk,
                kind=ReminderKind.ANNUAL_REVIEW_DUE,
                due_on=planned_on,
                message=_("Uw jaarlijkse gesprek met uw regiehouder is op %(date)s.") % {"date": when},
            )
        )
    Reminder.objects.bulk_create(reminders, batch_size=5000, ignore_conflicts=True)
    AnnualReview.objects.filter(pk__in=[row[0] for row in due]).update(reminded_on=on)
    audit.action_record(
        actor=None,
        action="annual_reviews.reminded",
        subject=("annual_review_reminders", on.isoformat()),
        after={"domain": Domain.PARTICIPATION, "reviews": len(due)},
    )
    return len(due)


def _held_on_refusal(held_on: date, *, started_on: date) -> str:
    """Why a conversation cannot have been held on this day (empty when it can)."""
    if held_on > _today():
        return _("Deze datum ligt in de toekomst.")
    if held_on < started_on:
        return _("Deze datum ligt vóór de ingangsdatum van de uitkering.")
    return ""


@transaction.atomic
def annual_review_record(
    *,
    actor,
    review: AnnualReview | None = None,
    benefit: SocialAssistance | None = None,
    held_on: date,
    contact: str,
    life_changes: list[str],
    note: str,
    situation: dict,
    makes_ends_meet: str,
    daily_meal: bool | None,
    debts: str,
    debt_referral: bool = False,
    fitness_note: str = "",
    channel: str | None = None,
) -> AnnualReview:
    """Record the yearly conversation: changes in life the client must report, the household's situation
    confirmed (pre-filled from last year), and the financieel-fit questions. Then the regulations check runs on
    the confirmed situation, so the coordinator sees at once what the household does not use.

    Without a planned `review`, the conversation is held outside the plan for `benefit`: planned and held in this
    one action (one transaction, one event), so a refusal leaves no planned conversation behind."""
    unplanned = review is None
    if unplanned:
        # the day is judged before a conversation is planned on it, so a refusal names the date, not its year
        if message := _held_on_refusal(held_on, started_on=benefit.started_on):
            raise ValidationError({"held_on": message})
        review = _unplanned_review(benefit=benefit, on=held_on)
    review = AnnualReview.objects.select_for_update(of=("self",)).select_related("benefit").get(pk=review.pk)
    practice = selectors.practice()
    known_changes = {c["code"] for c in practice["life_changes"]}
    errors: dict[str, str] = {}
    if review.status != ReviewStatus.PLANNED:
        errors["held_on"] = _("Dit gesprek is al vastgelegd.")
    if message := _held_on_refusal(held_on, started_on=review.benefit.started_on):
        errors["held_on"] = message
    if not contact:
        errors["contact"] = _("Kies hoe het gesprek is gevoerd.")
    if set(life_changes) - known_changes:
        errors["life_changes"] = _("Kies veranderingen uit de lijst.")
    try:
        _financial_fitness_check(
            makes_ends_meet=makes_ends_meet, daily_meal=daily_meal, debts=debts, debt_referral=debt_referral
        )
    except ValidationError as error:
        errors.update({k: v[0] for k, v in error.message_dict.items()})
    if errors:
        raise ValidationError(errors)
    household = Household(pk=review.household_id)
    household_situation_confirm(actor=actor, household=household, year=held_on.year, on=held_on, **situation)
    review.status = ReviewStatus.HELD
    review.held_on = held_on
    review.contact = contact
    review.life_changes = sorted(set(life_changes))
    review.note = (note or "").strip()
    review.recorded_by = actor
    # who held it stays with the conversation; until now it was the household's coordinator's, whoever that was
    review.held_by_id = getattr(
        residents_selectors.household_coordinator(household_id=review.household_id, on=held_on), "user_id", actor.pk
    )
    review.full_clean(exclude=["benefit", "household", "held_by", "recorded_by"])
    review.save()
    fitness = _financial_fitness_save(
        actor=actor,
        household_id=review.household_id,
        benefit=review.benefit,
        held_on=held_on,
        makes_ends_meet=makes_ends_meet,
        daily_meal=daily_meal,
        debts=debts,
        debt_referral=debt_referral,
        note=fitness_note,
        case_id=getattr(selectors.open_case_get(household_id=review.household_id, with_intakes=False), "pk", None),
        annual_review=review,
    )
    Reminder.objects.filter(annual_review=review, done_at__isnull=True).update(done_at=timezone.now())
    audit.action_record(
        actor=actor,
        action="annual_review.held",
        subject=review,
        household_id=review.household_id,
        after={
            "year": review.year,
            "held_on": held_on,
            "contact": contact,
            "life_changes": review.life_changes,
            "debt_referral": debt_referral,
            "regulations_not_used": fitness.regulations_not_used,
            "unplanned": unplanned,
        },
        domain=Domain.PARTICIPATION,
        purpose=ACTIVITY,
        on=held_on,
        channel=channel,
    )
    return review


@transaction.atomic
def annual_review_unplanned_create(*, actor, benefit: SocialAssistance, on: date) -> AnnualReview:
    """A conversation for this year outside the plan (for instance at the client's request)."""
    review = _unplanned_review(benefit=benefit, on=on)
    audit.action_record(
        actor=actor,
        action="annual_review.planned",
        subject=review,
        household_id=benefit.household_id,
        after={"year": on.year, "planned_on": on},
        domain=Domain.PARTICIPATION,
    )
    return review


def _unplanned_review(*, benefit: SocialAssistance, on: date) -> AnnualReview:
    if selectors.annual_review_exists(benefit_id=benefit.pk, year=on.year):
        raise ValidationError({"year": _("Voor dit jaar is al een gesprek gepland.")})
    return AnnualReview.objects.create(
        benefit=benefit,
        household_id=benefit.household_id,
        year=on.year,
        planned_on=on,
    )
