"""Every change to a trajectory: start, step transitions, recorded conditions, regie hand-overs, the waitlist.

One transaction per action, one event per change, one processing-log entry for the personal data written. Bad
input raises Django's ValidationError with a Dutch message, and nothing is saved. Events carry references, codes,
dates and states, never names, BSNs or free text (the event stream is append-only; see residents/services.py).

The access check (residents.access) is the caller's: views and API ask it before they call a service, so a refused
attempt is logged even though the service's transaction does not run. Here each action checks the route's own
rule: who may act in a step is the organisation that fills a party acting in it, or the one that holds regie.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ..audit import services as audit
from ..core.periods import valid_on
from ..organisations.models import Organisation, OrganisationKind
from ..organisations.roles import Domain
from ..residents import services as resident_services
from ..residents.life_phase import age_on
from ..residents.models import Involvement, InvolvementKind, Resident
from ..residents.selectors import household_id_of
from . import rules_data, workflow
from .models import (
    Condition,
    ConditionRecord,
    Party,
    RegieHandover,
    Route,
    RouteKind,
    ShelteredWorkQuota,
    Step,
    StepProgress,
    Trajectory,
    TrajectoryParty,
    WaitlistEntry,
)
from .workflow import Outcome, StepState, TrajectoryStatus

ACTIVITY = "route-guidance"  # the register's processing activity for trajectories (audit/data/...)
RESIDENT_KIND = "resident"
AFTERCARE_CONDITIONS = (Condition.AFTERCARE_TWO_YEARS, Condition.EXIT_MONITOR_AFTER_ONE_YEAR)


# --- helpers ------------------------------------------------------------------------------------------------


def _today() -> date:
    return timezone.localdate()


def _organisations_of(actor) -> set[int]:
    return {a.organisation_id for a in actor.affiliations.all()} if getattr(actor, "is_authenticated", False) else set()


def age_in_years(birth_date: date, on: date) -> float:
    """Age with the half years the seeds count in (16,5): whole years plus months / 12."""
    delta = relativedelta(on, birth_date)
    return delta.years + delta.months / 12


def date_at_age(birth_date: date, age) -> date:
    years = int(age)
    months = round((float(age) - years) * 12)
    return birth_date + relativedelta(years=years, months=months)


def _party_organisations(trajectory: Trajectory) -> dict[str, Organisation]:
    return {
        tp.party.code: tp.organisation for tp in trajectory.party_organisations.select_related("party", "organisation")
    }


def _steps(trajectory: Trajectory) -> tuple[dict[int, Step], dict[int, StepProgress]]:
    progress = {
        p.step.number: p
        for p in StepProgress.objects.select_for_update(of=("self",))
        .filter(trajectory=trajectory)
        .select_related("step")
        .prefetch_related("step__actions__parties", "step__actions__addressees")
    }
    return {number: p.step for number, p in progress.items()}, progress


def _lock(trajectory: Trajectory) -> Trajectory:
    locked = (
        Trajectory.objects.select_for_update(of=("self",))
        .select_related("resident", "route__route_map", "regie_party", "regie_organisation", "current_step")
        .get(pk=trajectory.pk)
    )
    if locked.status != TrajectoryStatus.ACTIVE:
        raise ValidationError(
            _("Dit traject is %(status)s; er verandert niets meer.") % {"status": locked.get_status_display().lower()}
        )
    return locked


def _may_act(
    *,
    actor,
    trajectory: Trajectory,
    parties: Iterable[Party],
    organisations: Mapping[str, Organisation],
    regie: bool = False,
):
    """The actor's organisation fills one of `parties` in this trajectory (or, with `regie`, holds regie); else
    refused. Moving a step along is the regie holder's too; what a line states is recorded by its own party only."""
    parties = list(parties)
    if _organisations_of(actor) & acting_organisations(
        trajectory=trajectory, parties=parties, organisations=organisations, regie=regie
    ):
        return
    names = ", ".join(p.name for p in parties) or "—"
    if regie:
        raise ValidationError(
            _("U handelt hier niet: dat doen %(parties)s, of de regiehouder (%(regie)s).")
            % {"parties": names, "regie": trajectory.regie_party.name}
        )
    raise ValidationError(_("U handelt hier niet: dat doen %(parties)s.") % {"parties": names})


def acting_organisations(
    *, trajectory: Trajectory, parties: Iterable[Party], organisations: Mapping[str, Organisation], regie: bool
) -> set[int]:
    """The organisations that fill one of `parties` in this trajectory, plus the regie holder's if `regie`."""
    ids = {organisations[p.code].pk for p in parties if p.code in organisations}
    if regie and trajectory.regie_organisation_id:
        ids.add(trajectory.regie_organisation_id)
    return ids


def recording_organisations(
    *, trajectory: Trajectory, step: Step, action, organisations: Mapping[str, Organisation]
) -> set[int]:
    """The organisations that may record what this line states in this trajectory (the rule is the step's:
    `Step.recording_parties`); the service, the page and the API all ask this."""
    parties, regie_too = step.recording_parties(action, organisations.keys())
    ids = {organisations[p.code].pk for p in parties if p.code in organisations}
    if regie_too and trajectory.regie_organisation_id:
        ids.add(trajectory.regie_organisation_id)
    return ids


def recordable_conditions(
    *, actor, trajectory: Trajectory, step: Step, organisations: Mapping[str, Organisation]
) -> list[str]:
    """The conditions of `step` the actor may record by hand in this trajectory (what the page offers)."""
    mine = _organisations_of(actor)
    conditions: list[str] = []
    for action in step.actions.all():
        condition = action.condition
        if not condition or condition in workflow.RECORDED_BY_SERVICE or condition in conditions:
            continue
        if mine & recording_organisations(trajectory=trajectory, step=step, action=action, organisations=organisations):
            conditions.append(condition)
    return conditions


def _may_record(*, actor, trajectory: Trajectory, step: Step, action, organisations: Mapping[str, Organisation]):
    allowed = recording_organisations(trajectory=trajectory, step=step, action=action, organisations=organisations)
    if _organisations_of(actor) & allowed:
        return
    parties, regie_too = step.recording_parties(action, organisations.keys())
    names = [p.name for p in parties if p.code in organisations]
    if regie_too:
        names.append(_("de regiehouder (%(regie)s)") % {"regie": trajectory.regie_party.name})
    raise ValidationError(
        _("U handelt hier niet: %(condition)s legt %(parties)s vast.")
        % {
            "condition": Condition(action.condition).label,
            "parties": ", ".join(names) or _("een partij die in dit traject nog geen organisatie heeft"),
        }
    )


def _involve(*, actor, trajectory: Trajectory, organisation: Organisation, party: Party, on: date) -> None:
    """Open the household to an organisation that now acts in the trajectory (through residents' own service)."""
    involved = Involvement.objects.filter(
        valid_on(on), household_id=trajectory.household_id, organisation=organisation, user__isnull=True
    ).exists()
    if involved:
        return
    from ..residents.models import Household

    resident_services.involvement_start(
        actor=actor,
        household=Household.objects.get(pk=trajectory.household_id),
        organisation=organisation,
        kind=InvolvementKind.SCHOOL_PUPIL if organisation.kind == OrganisationKind.SCHOOL else InvolvementKind.OTHER,
        reason=f"{trajectory.route.name}: {party.name}",
        valid_from=on,
    )


def _check_mapping(route: Route, organisations: Mapping[str, Organisation]) -> dict[str, Party]:
    parties = {p.code: p for p in route.route_map.parties.all()}
    errors = []
    for code, organisation in organisations.items():
        party = parties.get(code)
        if party is None:
            errors.append(_("%(code)s is geen partij van deze route.") % {"code": code})
        elif party.organisation_kind == RESIDENT_KIND:
            errors.append(_("%(party)s is de inwoner zelf, geen organisatie.") % {"party": party.name})
        elif party.organisation_kind and organisation.kind != party.organisation_kind:
            errors.append(
                _("%(organisation)s kan %(party)s niet invullen: dat is een %(kind)s.")
                % {
                    "organisation": organisation.name,
                    "party": party.name,
                    "kind": OrganisationKind(party.organisation_kind).label.lower(),
                }
            )
    if errors:
        raise ValidationError({"organisations": errors})
    return parties


def _start_step(*, actor, trajectory: Trajectory, progress: StepProgress, on: date, organisations) -> None:
    progress.state = workflow.transition_check(step=progress.step, state=progress.state, transition="start")
    progress.started_on = on
    progress.save(update_fields=["state", "started_on"])
    trajectory.current_step = progress.step
    trajectory.save(update_fields=["current_step"])
    step = progress.step
    for party in step.parties:
        if party.code in organisations:
            _involve(actor=actor, trajectory=trajectory, organisation=organisations[party.code], party=party, on=on)
    if step.regie_id and step.regie_id != trajectory.regie_party_id:
        _regie_move(
            actor=actor,
            trajectory=trajectory,
            to_party=step.regie,
            to_organisation=organisations.get(step.regie.code),
            step=step,
            reason="route",
        )
    if Condition.WAITLIST in step.conditions:
        _waitlist_place(actor=actor, trajectory=trajectory, on=on)


def _next_startable(steps: dict[int, Step], progress: dict[int, StepProgress]) -> StepProgress | None:
    states = {number: p.state for number, p in progress.items()}
    for number in sorted(steps):
        p = progress[number]
        if p.state == StepState.PENDING and all(states.get(n) in workflow.FINISHED for n in steps[number].requires):
            return p
    return None


def _finish_if_done(*, actor, trajectory: Trajectory, progress: dict[int, StepProgress], on: date) -> None:
    if any(p.state not in workflow.FINISHED for p in progress.values()):
        return
    trajectory.status = workflow.trajectory_end(trajectory.status, TrajectoryStatus.COMPLETED)
    trajectory.ended_on = on
    trajectory.current_step = None
    trajectory.aftercare_until = _aftercare_until(trajectory, progress)
    trajectory.save(update_fields=["status", "ended_on", "current_step", "aftercare_until"])
    audit.action_record(
        actor=actor,
        action="trajectory.completed",
        subject=trajectory,
        household_id=trajectory.household_id,
        domain=Domain.GENERAL,
        after={"status": trajectory.status, "ended_on": on, "aftercare_until": trajectory.aftercare_until},
    )
    if trajectory.aftercare_until and trajectory.school_id:
        _school_aftercare_limit(actor=actor, trajectory=trajectory)


def _aftercare_until(trajectory: Trajectory, progress: dict[int, StepProgress]) -> date | None:
    """The school's aftercare runs from the step that names it, for the route's term (two years in seed 004)."""
    if not trajectory.route.aftercare_months:
        return None
    for p in progress.values():
        if any(c in AFTERCARE_CONDITIONS for c in p.step.conditions) and p.finished_on:
            return p.finished_on + relativedelta(months=trajectory.route.aftercare_months)
    return None


def _school_aftercare_limit(*, actor, trajectory: Trajectory) -> None:
    """After the hand-over the school sees its former pupil only for the aftercare term: its involvement ends then."""
    open_ended = Involvement.objects.filter(
        household_id=trajectory.household_id, organisation_id=trajectory.school_id, kind=InvolvementKind.SCHOOL_PUPIL
    ).filter(Q(valid_to__isnull=True) | Q(valid_to__gt=trajectory.aftercare_until))
    for involvement in open_ended:
        resident_services.involvement_end(actor=actor, involvement=involvement, valid_to=trajectory.aftercare_until)


# --- start --------------------------------------------------------------------------------------------------


@transaction.atomic
def trajectory_start(
    *,
    actor,
    resident: Resident,
    route: Route,
    organisations: Mapping[str, Organisation],
    school_kind: str = "",
    exit_profile: str = "",
    internships: str = "",
    started_on: date | None = None,
) -> Trajectory:
    """A resident starts walking a route; the actor's organisation registers it and holds regie until it hands over.

    `organisations` maps a party code of the route map to the organisation that fills it for this resident. When
    the route's regie is another party's (Werk, Beschut werk: the Dienst), the hand-over to it is proposed at once,
    not before the age the route names (16,5).
    """
    on = started_on or _today()
    route = Route.objects.select_related("route_map", "regie").get(pk=route.pk)
    if not route.route_map.is_current:
        raise ValidationError({"route": _("Deze versie van de route is vervangen; kies de huidige.")})
    if route.kind == RouteKind.WALKING:
        raise ValidationError({"route": _("Een wandelroute heeft geen genummerde stappen om te volgen.")})
    parties = _check_mapping(route, organisations)
    mine = _organisations_of(actor)
    registering = next((parties[c] for c, o in organisations.items() if o.pk in mine), None)
    if registering is None:
        raise ValidationError({"organisations": _("Uw organisatie vult geen partij van deze route in.")})
    if route.regie.organisation_kind != RESIDENT_KIND and route.regie.code not in organisations:
        raise ValidationError(
            {"organisations": _("Kies de organisatie die de regie krijgt: %(party)s.") % {"party": route.regie.name}}
        )
    school = next((o for c, o in organisations.items() if o.kind == OrganisationKind.SCHOOL and c != "mbo"), None)
    if route.kind == RouteKind.EXIT:
        if school is None:
            raise ValidationError({"organisations": _("Een uitstroomroute hoort bij een school: kies de school.")})
        if school_kind not in ("pro", "vso"):
            raise ValidationError({"school_kind": _("Kies PRO of VSO.")})
    household_id = household_id_of(resident_id=resident.pk, on=on)
    if household_id is None:
        raise ValidationError({"resident": _("Deze inwoner hoort op deze datum bij geen huishouden.")})
    if Trajectory.objects.filter(resident=resident, route__code=route.code, status=TrajectoryStatus.ACTIVE).exists():
        raise ValidationError({"route": _("Deze inwoner loopt deze route al.")})

    trajectory = Trajectory(
        resident=resident,
        household_id=household_id,
        route=route,
        regie_party=registering,
        regie_organisation=organisations[registering.code],
        school=school,
        school_kind=school_kind,
        exit_profile=exit_profile,
        internships=(internships or "").strip(),
        started_on=on,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    trajectory.full_clean(exclude=["current_step", "resident", "route"])
    try:
        with transaction.atomic():
            trajectory.save()
    except IntegrityError as error:
        raise ValidationError({"route": _("Deze inwoner loopt deze route al.")}) from error
    TrajectoryParty.objects.bulk_create(
        TrajectoryParty(trajectory=trajectory, party=parties[code], organisation=organisation)
        for code, organisation in organisations.items()
    )
    steps = list(route.steps.prefetch_related("actions__parties").select_related("regie").order_by("number"))
    StepProgress.objects.bulk_create(StepProgress(trajectory=trajectory, step=step) for step in steps)
    audit.action_record(
        actor=actor,
        action="trajectory.started",
        subject=trajectory,
        household_id=trajectory.household_id,
        domain=Domain.GENERAL,
        after={
            "route": route.key,
            "version": route.route_map.version,
            "regie": registering.code,
            "parties": {code: o.code for code, o in organisations.items()},
            "started_on": on,
        },
        purpose=ACTIVITY,
        residents=[resident],
    )
    if route.regie_id != registering.pk:
        not_before = date_at_age(resident.birth_date, route.regie_from_age) if route.regie_from_age else None
        _handover_propose(
            actor=actor,
            trajectory=trajectory,
            to_party=route.regie,
            to_organisation=organisations.get(route.regie.code),
            not_before=not_before,
            reason="",
            on=on,
        )
    progress = _steps(trajectory)[1]
    first = _next_startable({n: p.step for n, p in progress.items()}, progress)
    if first is not None:
        _start_step(actor=actor, trajectory=trajectory, progress=first, on=on, organisations=organisations)
    return trajectory


# --- steps --------------------------------------------------------------------------------------------------


@transaction.atomic
def step_transition(
    *,
    actor,
    trajectory: Trajectory,
    number: int,
    transition: str,
    reason: str = "",
    outcome: str = "",
    on: date | None = None,
) -> StepProgress:
    """Move one step through the state machine of workflow.py; the next step starts when its predecessors are done."""
    on = on or _today()
    trajectory = _lock(trajectory)
    move = workflow.transition_get(transition)
    steps, progress = _steps(trajectory)
    if number not in progress:
        raise ValidationError(
            _("Route %(route)s heeft geen stap %(number)s.") % {"route": trajectory.route.name, "number": number}
        )
    current = progress[number]
    step = current.step
    organisations = _party_organisations(trajectory)
    _may_act(actor=actor, trajectory=trajectory, parties=step.parties, organisations=organisations, regie=True)
    target = workflow.transition_check(step=step, state=current.state, transition=move, reason=reason)
    if move.name == "start":
        workflow.predecessors_check(step=step, states={n: p.state for n, p in progress.items()}, steps_by_number=steps)
        busy = [p.step for p in progress.values() if p.state in workflow.OPEN]
        if busy:
            raise ValidationError(
                _("Stap %(number)s (%(name)s) is nog bezig; rond die eerst af of sla die over.")
                % {"number": busy[0].number, "name": busy[0].name}
            )
    if move.name == "complete":
        if Condition.WAITLIST in step.conditions:
            raise ValidationError(
                _("Deze stap is klaar zodra het beschut-werkbedrijf een plek aanbiedt: leg dat vast bij de wachtlijst.")
            )
        workflow.records_check(
            step=step, latest=_latest_records(trajectory), applies=lambda action: action_applies(action, trajectory, on)
        )
    before = {"step": number, "state": current.state}
    if move.name == "start":
        _start_step(actor=actor, trajectory=trajectory, progress=current, on=on, organisations=organisations)
    else:
        current.state = target
        if target in workflow.FINISHED:
            current.finished_on = on
        if move.name == "complete":
            current.outcome = (outcome or "").strip()
        if move.name == "block":
            current.blocked_reason = reason.strip()
        if move.name == "unblock":
            current.blocked_reason = ""
        if move.name == "skip":
            current.skipped_reason = reason.strip()
        current.save()
    audit.action_record(
        actor=actor,
        action=f"trajectory.step_{move.name}",
        subject=trajectory,
        household_id=trajectory.household_id,
        domain=Domain.GENERAL,
        before=before,
        after={"step": number, "state": current.state},
        purpose=ACTIVITY,
        residents=[trajectory.resident],
    )
    if move.target in workflow.FINISHED:
        if trajectory.current_step_id == step.pk:
            trajectory.current_step = None
            trajectory.save(update_fields=["current_step"])
        following = _next_startable(steps, progress)
        if following is not None and not any(p.state in workflow.OPEN for p in progress.values()):
            _start_step(actor=actor, trajectory=trajectory, progress=following, on=on, organisations=organisations)
            audit.action_record(
                actor=actor,
                action="trajectory.step_start",
                subject=trajectory,
                household_id=trajectory.household_id,
                domain=Domain.GENERAL,
                after={"step": following.step.number, "state": following.state},
            )
        _finish_if_done(actor=actor, trajectory=trajectory, progress=progress, on=on)
    return current


@transaction.atomic
def step_due_set(*, actor, trajectory: Trajectory, number: int, due_on: date | None) -> StepProgress:
    """The regie holder agrees by when a step is done; the dashboards show it as overdue after that."""
    trajectory = _lock(trajectory)
    if trajectory.regie_organisation_id not in _organisations_of(actor):
        raise ValidationError(
            _("Alleen de regiehouder (%(regie)s) spreekt termijnen af.") % {"regie": trajectory.regie_party.name}
        )
    progress = StepProgress.objects.select_related("step").filter(trajectory=trajectory, step__number=number).first()
    if progress is None:
        raise ValidationError(
            _("Route %(route)s heeft geen stap %(number)s.") % {"route": trajectory.route.name, "number": number}
        )
    if progress.state in workflow.FINISHED:
        raise ValidationError(_("Stap %(number)s is al klaar.") % {"number": number})
    if due_on is not None and due_on < trajectory.started_on:
        raise ValidationError({"due_on": _("De termijn ligt vóór de start van het traject.")})
    before = {"step": number, "due_on": progress.due_on}
    progress.due_on = due_on
    progress.save(update_fields=["due_on"])
    audit.action_record(
        actor=actor,
        action="trajectory.step_due_set",
        subject=trajectory,
        household_id=trajectory.household_id,
        domain=Domain.GENERAL,
        before=before,
        after={"step": number, "due_on": due_on},
    )
    return progress


# --- conditions ---------------------------------------------------------------------------------------------


def _latest_records(trajectory: Trajectory) -> dict[str, str]:
    latest: dict[str, str] = {}
    for condition, outcome in (
        ConditionRecord.objects.filter(trajectory=trajectory)
        .order_by("recorded_on", "recorded_at", "id")
        .values_list("condition", "outcome")
    ):
        latest[condition] = outcome
    return latest


def action_applies(action, trajectory: Trajectory, on: date) -> bool:
    """Does this line of the route hold for this resident on this day (age limits, PRO or VSO)?"""
    age = age_in_years(trajectory.resident.birth_date, on)
    if action.max_age is not None and age >= float(action.max_age):
        return False
    if action.min_age is not None and age < float(action.min_age):
        return False
    return not (action.school_kind and trajectory.school_kind and action.school_kind != trajectory.school_kind)


def _age_check(*, action, trajectory: Trajectory, on: date) -> None:
    age = age_in_years(trajectory.resident.birth_date, on)
    if action.max_age is not None and age >= float(action.max_age):
        raise ValidationError(
            _("Dit geldt voor wie jonger is dan %(limit)s jaar; de inwoner is op %(date)s %(age)s jaar.")
            % {
                "limit": _age_text(action.max_age),
                "date": on.strftime("%d-%m-%Y"),
                "age": age_on(trajectory.resident.birth_date, on),
            }
        )
    if action.min_age is not None and age < float(action.min_age):
        raise ValidationError(
            _("Dit geldt vanaf %(limit)s jaar; de inwoner is op %(date)s %(age)s jaar.")
            % {
                "limit": _age_text(action.min_age),
                "date": on.strftime("%d-%m-%Y"),
                "age": age_on(trajectory.resident.birth_date, on),
            }
        )
    if action.school_kind and trajectory.school_kind and action.school_kind != trajectory.school_kind:
        raise ValidationError(
            _("Dit geldt alleen voor leerlingen van het %(kind)s.") % {"kind": action.school_kind.upper()}
        )


def _age_text(value) -> str:
    return f"{value:f}".rstrip("0").rstrip(".").replace(".", ",")


@transaction.atomic
def condition_record(
    *,
    actor,
    trajectory: Trajectory,
    condition: str,
    outcome: str,
    recorded_on: date | None = None,
    note: str = "",
) -> ConditionRecord:
    """Record a condition of the seed: the UWV advice, the Dienst's decision, the parents' consent, …

    The step that holds it must be under way; the party that acts in its line (or the regie holder) records it;
    the line's age limits and school kind must fit the resident; the Dienst decides only on a recorded UWV advice.
    """
    on = recorded_on or _today()
    trajectory = _lock(trajectory)
    if condition in workflow.RECORDED_BY_SERVICE:
        raise ValidationError(
            {"condition": _("Dit wordt niet hier vastgelegd, maar volgt uit de route of de wachtlijst.")}
        )
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": _("Kies een uitkomst.")})
    if condition in workflow.POSITIVE_TO_CONTINUE and outcome == Outcome.RECORDED:
        raise ValidationError({"outcome": _("Kies positief of negatief.")})
    steps, progress = _steps(trajectory)
    holding = [(s, a) for s in steps.values() for a in s.actions.all() if a.condition == condition]
    if not holding:
        raise ValidationError(
            {"condition": _("Deze voorwaarde hoort niet bij route %(route)s.") % {"route": trajectory.route.name}}
        )
    step, action = holding[0]
    if progress[step.number].state not in workflow.OPEN:
        raise ValidationError(
            _("Leg dit vast terwijl stap %(number)s (%(name)s) bezig is.") % {"number": step.number, "name": step.name}
        )
    _may_record(
        actor=actor, trajectory=trajectory, step=step, action=action, organisations=_party_organisations(trajectory)
    )
    needed = workflow.RECORD_NEEDS.get(condition)
    if needed and needed not in _latest_records(trajectory):
        raise ValidationError(
            _("%(condition)s volgt op %(needed)s: leg dat eerst vast.")
            % {"condition": Condition(condition).label, "needed": Condition(needed).label.lower()}
        )
    if on > _today():
        raise ValidationError({"recorded_on": _("De datum ligt in de toekomst.")})
    _age_check(action=action, trajectory=trajectory, on=on)
    record = ConditionRecord.objects.create(
        trajectory=trajectory,
        step=step,
        condition=condition,
        outcome=outcome,
        recorded_on=on,
        note=(note or "").strip(),
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit.action_record(
        actor=actor,
        action="trajectory.condition_recorded",
        subject=trajectory,
        household_id=trajectory.household_id,
        domain=Domain.GENERAL,
        after={"step": step.number, "condition": condition, "outcome": outcome, "recorded_on": on},
        purpose=ACTIVITY,
        residents=[trajectory.resident],
    )
    return record


# --- regie ----------------------------------------------------------------------------------------------------


def _handover_propose(*, actor, trajectory, to_party, to_organisation, not_before, reason, on) -> RegieHandover:
    if RegieHandover.objects.filter(trajectory=trajectory, state=RegieHandover.State.PROPOSED).exists():
        raise ValidationError(_("Er staat al een overdracht van de regie open."))
    if to_party.organisation_kind != RESIDENT_KIND and to_organisation is None:
        raise ValidationError(_("Kies eerst welke organisatie %(party)s invult.") % {"party": to_party.name})
    handover = RegieHandover.objects.create(
        trajectory=trajectory,
        step=trajectory.current_step,
        from_party=trajectory.regie_party,
        from_organisation=trajectory.regie_organisation,
        to_party=to_party,
        to_organisation=to_organisation,
        not_before=not_before,
        reason=(reason or "").strip(),
        proposed_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    if to_organisation is not None:
        _involve(actor=actor, trajectory=trajectory, organisation=to_organisation, party=to_party, on=on)
    audit.action_record(
        actor=actor,
        action="trajectory.regie_proposed",
        subject=trajectory,
        household_id=trajectory.household_id,
        domain=Domain.GENERAL,
        before={"regie": trajectory.regie_party.code},
        after={
            "to": to_party.code,
            "organisation": to_organisation.code if to_organisation else None,
            "not_before": not_before,
        },
    )
    return handover


def _regie_move(*, actor, trajectory, to_party, to_organisation, step=None, reason="", handover=None) -> None:
    before = {
        "regie": trajectory.regie_party.code,
        "organisation": getattr(trajectory.regie_organisation, "code", None),
    }
    if handover is None:
        RegieHandover.objects.filter(trajectory=trajectory, state=RegieHandover.State.PROPOSED).delete()
        handover = RegieHandover.objects.create(
            trajectory=trajectory,
            step=step,
            from_party=trajectory.regie_party,
            from_organisation=trajectory.regie_organisation,
            to_party=to_party,
            to_organisation=to_organisation,
            state=RegieHandover.State.ACCEPTED,
            reason=reason,
            proposed_by=actor if getattr(actor, "is_authenticated", False) else None,
            accepted_at=timezone.now(),
        )
    trajectory.regie_party = to_party
    trajectory.regie_organisation = to_organisation
    trajectory.save(update_fields=["regie_party", "regie_organisation"])
    audit.action_record(
        actor=actor,
        action="trajectory.regie_handed_over",
        subject=trajectory,
        household_id=trajectory.household_id,
        domain=Domain.GENERAL,
        before=before,
        after={"regie": to_party.code, "organisation": getattr(to_organisation, "code", None), "handover": handover.pk},
    )


@transaction.atomic
def regie_handover_propose(*, actor, trajectory: Trajectory, to_party: str, reason: str = "") -> RegieHandover:
    """The regie holder proposes to hand regie to another party of the route; the receiver must accept it."""
    trajectory = _lock(trajectory)
    if trajectory.regie_organisation_id not in _organisations_of(actor):
        raise ValidationError(
            _("Alleen de regiehouder (%(regie)s) draagt de regie over.") % {"regie": trajectory.regie_party.name}
        )
    party = Party.objects.filter(route_map=trajectory.route.route_map, code=to_party).first()
    if party is None:
        raise ValidationError({"to_party": _("Deze partij hoort niet bij de route.")})
    if party.pk == trajectory.regie_party_id:
        raise ValidationError({"to_party": _("Deze partij heeft de regie al.")})
    organisations = _party_organisations(trajectory)
    return _handover_propose(
        actor=actor,
        trajectory=trajectory,
        to_party=party,
        to_organisation=organisations.get(party.code),
        not_before=None,
        reason=reason,
        on=_today(),
    )


@transaction.atomic
def regie_handover_accept(*, actor, handover: RegieHandover) -> Trajectory:
    """The receiving organisation takes regie over; from then on both see the hand-over in the trajectory."""
    handover = (
        RegieHandover.objects.select_for_update(of=("self",))
        .select_related("to_party", "to_organisation")
        .get(pk=handover.pk)
    )
    trajectory = _lock(handover.trajectory)
    if handover.state != RegieHandover.State.PROPOSED:
        raise ValidationError(_("Deze overdracht is al afgerond."))
    if handover.to_organisation_id is None or handover.to_organisation_id not in _organisations_of(actor):
        raise ValidationError(_("Alleen %(party)s neemt deze regie over.") % {"party": handover.to_party.name})
    today = _today()
    if handover.not_before and today < handover.not_before:
        raise ValidationError(
            _("%(party)s heeft regie vanaf %(age)s jaar: dat is op %(date)s.")
            % {
                "party": handover.to_party.name,
                "age": _age_text(trajectory.route.regie_from_age or 0),
                "date": handover.not_before.strftime("%d-%m-%Y"),
            }
        )
    handover.state = RegieHandover.State.ACCEPTED
    handover.accepted_at = timezone.now()
    handover.accepted_by = actor
    handover.save(update_fields=["state", "accepted_at", "accepted_by"])
    _regie_move(
        actor=actor,
        trajectory=trajectory,
        to_party=handover.to_party,
        to_organisation=handover.to_organisation,
        handover=handover,
    )
    return trajectory


# --- the sheltered-work waitlist --------------------------------------------------------------------------------


def _municipality_of(trajectory: Trajectory) -> Organisation | None:
    address = trajectory.resident.address
    if address is not None and address.district_id:
        return address.district.municipality
    if trajectory.school_id and trajectory.school.municipality_id:
        return trajectory.school.municipality
    return None


def _waitlist_place(*, actor, trajectory: Trajectory, on: date) -> WaitlistEntry:
    decision = (
        ConditionRecord.objects.filter(
            trajectory=trajectory, condition=Condition.DIENST_DECISION, outcome=Outcome.POSITIVE
        )
        .order_by("-recorded_on", "-id")
        .first()
    )
    if decision is None:
        raise ValidationError(_("Op de wachtlijst komt alleen wie een positief besluit van de Dienst heeft."))
    municipality = _municipality_of(trajectory)
    if municipality is None:
        raise ValidationError(
            _("Leg eerst de gemeente van de inwoner vast (adres in een wijk): de wachtlijst is per gemeente.")
        )
    entry = WaitlistEntry.objects.create(
        trajectory=trajectory, municipality=municipality, indication_date=decision.recorded_on, placed_on=on
    )
    audit.action_record(
        actor=actor,
        action="trajectory.waitlist_placed",
        subject=trajectory,
        household_id=trajectory.household_id,
        domain=Domain.GENERAL,
        after={"municipality": municipality.code, "indication_date": decision.recorded_on, "placed_on": on},
    )
    return entry


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
        organisations=_party_organisations(trajectory),
    )
    minimum = rules_data.value("social_assistance_while_waiting_min_age")
    if social_assistance and age_in_years(trajectory.resident.birth_date, _today()) < minimum:
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


def quota_places(*, municipality_code: str, year: int) -> int | None:
    return (
        ShelteredWorkQuota.objects.filter(municipality_code=municipality_code, year=year)
        .values_list("places", flat=True)
        .first()
    )


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
    organisations = _party_organisations(trajectory)
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
    places = quota_places(municipality_code=entry.municipality.code, year=on.year)
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
    mine = _organisations_of(actor)
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


# --- ending and switching -----------------------------------------------------------------------------------


@transaction.atomic
def trajectory_stop(*, actor, trajectory: Trajectory, reason: str) -> Trajectory:
    """The regie holder stops a trajectory (moved away, another route, no longer needed); the reason is kept."""
    trajectory = _lock(trajectory)
    if trajectory.regie_organisation_id not in _organisations_of(actor):
        raise ValidationError(
            _("Alleen de regiehouder (%(regie)s) stopt een traject.") % {"regie": trajectory.regie_party.name}
        )
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Geef een reden op.")})
    trajectory.status = workflow.trajectory_end(trajectory.status, TrajectoryStatus.STOPPED)
    trajectory.ended_on = _today()
    trajectory.current_step = None
    trajectory.save(update_fields=["status", "ended_on", "current_step"])
    RegieHandover.objects.filter(trajectory=trajectory, state=RegieHandover.State.PROPOSED).delete()
    audit.action_record(
        actor=actor,
        action="trajectory.stopped",
        subject=trajectory,
        household_id=trajectory.household_id,
        domain=Domain.GENERAL,
        after={"status": trajectory.status},
    )
    audit.action_record(actor=actor, purpose=ACTIVITY, residents=[trajectory.resident], reason=reason.strip())
    return trajectory


@transaction.atomic
def trajectory_switch_route(*, actor, trajectory: Trajectory, route_code: str, reason: str = "") -> Trajectory:
    """Go on along another route where the current step says so (MBO step 5: "naar route arbeid, overdracht naar de
    Dienst"): this trajectory ends as switched and a new one starts on the other route, with the same parties."""
    trajectory = _lock(trajectory)
    step = trajectory.current_step
    allowed = step is not None and step.actions.filter(next_route=route_code).exists()
    if not allowed:
        raise ValidationError(_("Vanuit deze stap leidt de route niet naar een andere route."))
    target = Route.objects.filter(route_map=trajectory.route.route_map, code=route_code).first()
    organisations = _party_organisations(trajectory)
    _may_act(actor=actor, trajectory=trajectory, parties=step.parties, organisations=organisations, regie=True)
    trajectory.status = workflow.trajectory_end(trajectory.status, TrajectoryStatus.SWITCHED)
    trajectory.ended_on = _today()
    trajectory.current_step = None
    trajectory.save(update_fields=["status", "ended_on", "current_step"])
    RegieHandover.objects.filter(trajectory=trajectory, state=RegieHandover.State.PROPOSED).delete()
    successor = trajectory_start(
        actor=actor,
        resident=trajectory.resident,
        route=target,
        organisations=organisations,
        school_kind=trajectory.school_kind,
        exit_profile=trajectory.exit_profile,
        internships=trajectory.internships,
    )
    trajectory.switched_to = successor
    trajectory.save(update_fields=["switched_to"])
    audit.action_record(
        actor=actor,
        action="trajectory.switched",
        subject=trajectory,
        household_id=trajectory.household_id,
        domain=Domain.GENERAL,
        after={"status": trajectory.status, "to": successor.pk, "route": target.key},
    )
    return successor
