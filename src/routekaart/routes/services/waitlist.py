"""The sheltered-work waitlist: what the resident gets while waiting, and the offer of a place within the quota."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from ...audit import services as audit
from ...organisations.roles import Domain
from .. import rules_data, selectors, workflow
from ..models import Condition, ConditionRecord, Party, Trajectory, WaitlistEntry
from ..selectors import ACTIVITY
from ..workflow import Outcome, StepState, TrajectoryStatus
from ._progress import _next_startable, _start_step
from ._shared import _lock, _may_act, _steps, _today


@transaction.atomic
def waitlist_meanwhile_set(
    *, actor, entry: WaitlistEntry, social_assistance: bool, day_activities: bool
) -> WaitlistEntry:
    """What the resident gets while waiting: social assistance from 18 (the Dienst), day activities (gebiedsteam)."""
    trajectory = _lock(entry.trajectory)
    entry = WaitlistEntry.objects.select_for_update(of=("self",)).get(pk=entry.pk)
    if entry.place_offered_on:
        raise ValidationError(_("Er is al een plek aangeboden; de wachttijd is voorbij."))
    _may_act(
        actor=actor,
        trajectory=trajectory,
        parties=list(Party.objects.filter(route_map=trajectory.route.route_map, code__in=["dienst", "area_team"])),
        organisations=selectors.trajectory_party_organisations(trajectory),
    )
    minimum = rules_data.value("social_assistance_while_waiting_min_age")
    if social_assistance and selectors.age_in_years(trajectory.resident.birth_date, _today()) < minimum:
        raise ValidationError(
            {
                "social_assistance": _(
                    "De Dienst verstrekt bijstand tijdens de wachttijd vanaf 18 jaar; de leerling is jonger."
                )
            }
        )
    before = {"social_assistance": entry.receives_social_assistance, "day_activities": entry.receives_day_activities}
    entry.receives_social_assistance = social_assistance
    entry.receives_day_activities = day_activities
    entry.save(update_fields=["receives_social_assistance", "receives_day_activities"])
    audit.action_record(
        actor=actor,
        action="trajectory.waitlist_meanwhile_set",
        subject=trajectory,
        household_id=trajectory.household_id,
        domain=Domain.GENERAL,
        before=before,
        after={"social_assistance": social_assistance, "day_activities": day_activities},
        purpose=ACTIVITY,
        residents=[trajectory.resident],
    )
    return entry


@transaction.atomic
def waitlist_place_offer(
    *, actor, entry: WaitlistEntry, offered_on: date | None = None, reason: str = ""
) -> Trajectory:
    """The sheltered-work company offers a place: within the year's quota, in the order of the indication dates
    (going before someone indicated earlier needs a reason), and the resident moves on to step 6."""
    on = offered_on or _today()
    trajectory = _lock(entry.trajectory)
    entry = WaitlistEntry.objects.select_for_update(of=("self",)).select_related("municipality").get(pk=entry.pk)
    if entry.place_offered_on:
        raise ValidationError(_("Er is al een plek aangeboden."))
    organisations = selectors.trajectory_party_organisations(trajectory)
    offering = [
        p
        for p in Party.objects.filter(
            route_map=trajectory.route.route_map, code__in=["sheltered_work_company", "dienst"]
        )
    ]
    _may_act(actor=actor, trajectory=trajectory, parties=offering, organisations=organisations)
    if on > _today():
        raise ValidationError({"offered_on": _("De datum ligt in de toekomst.")})
    if on < entry.placed_on:
        raise ValidationError({"offered_on": _("De datum ligt vóór de plaatsing op de wachtlijst.")})
    places = selectors.quota_places(municipality_code=entry.municipality.code, year=on.year)
    if places is None:
        raise ValidationError(
            _("Er is voor %(municipality)s geen taakstelling %(year)s vastgelegd.")
            % {"municipality": entry.municipality.name, "year": on.year}
        )
    used = WaitlistEntry.objects.filter(municipality=entry.municipality, place_offered_on__year=on.year).count()
    if used >= places:
        raise ValidationError(
            _("De taakstelling %(year)s van %(municipality)s (%(places)s plaatsen) is bereikt.")
            % {"year": on.year, "municipality": entry.municipality.name, "places": places}
        )
    earlier = (
        WaitlistEntry.objects.filter(
            municipality=entry.municipality, place_offered_on__isnull=True, trajectory__status=TrajectoryStatus.ACTIVE
        )
        .filter(
            Q(indication_date__lt=entry.indication_date) | Q(indication_date=entry.indication_date, pk__lt=entry.pk)
        )
        .count()
    )
    if earlier and not reason.strip():
        raise ValidationError(
            {
                "reason": _(
                    "%(count)s inwoner(s) met een eerdere indicatie wachten nog; geef een reden om voor te gaan."
                )
                % {"count": earlier}
            }
        )
    entry.place_offered_on = on
    mine = selectors.actor_organisations(actor)
    entry.offered_by = next((o for o in organisations.values() if o.pk in mine), None)
    entry.save(update_fields=["place_offered_on", "offered_by"])
    steps, progress = _steps(trajectory)
    waiting = next(p for p in progress.values() if Condition.WAITLIST in p.step.conditions)
    offer_step = next((p for p in progress.values() if Condition.PLACE_OFFERED in p.step.conditions), waiting)
    ConditionRecord.objects.create(
        trajectory=trajectory,
        step=offer_step.step,
        condition=Condition.PLACE_OFFERED,
        outcome=Outcome.POSITIVE,
        recorded_on=on,
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit.action_record(
        actor=actor,
        action="trajectory.waitlist_place_offered",
        subject=trajectory,
        household_id=trajectory.household_id,
        domain=Domain.GENERAL,
        after={"offered_on": on, "queue_skipped": earlier, "quota": places, "used": used + 1},
    )
    if waiting.state in workflow.OPEN:
        waiting.state = workflow.transition_check(step=waiting.step, state=waiting.state, transition="place_offered")
        waiting.finished_on = on
        waiting.save(update_fields=["state", "finished_on"])
        trajectory.current_step = None
        trajectory.save(update_fields=["current_step"])
        audit.action_record(
            actor=actor,
            action="trajectory.step_complete",
            subject=trajectory,
            household_id=trajectory.household_id,
            domain=Domain.GENERAL,
            before={"step": waiting.step.number, "state": StepState.CURRENT},
            after={"step": waiting.step.number, "state": StepState.DONE},
        )
        following = _next_startable(steps, progress)
        if following is not None:
            _start_step(actor=actor, trajectory=trajectory, progress=following, on=on, organisations=organisations)
            audit.action_record(
                actor=actor,
                action="trajectory.step_start",
                subject=trajectory,
                household_id=trajectory.household_id,
                domain=Domain.GENERAL,
                after={"step": following.step.number, "state": following.state},
            )
    audit.action_record(actor=actor, purpose=ACTIVITY, residents=[trajectory.resident])
    return trajectory
