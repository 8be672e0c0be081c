"""A trajectory as a whole: starting one on a route, stopping it, switching to another route."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from ...audit import services as audit
from ...organisations.models import Organisation, OrganisationKind
from ...organisations.roles import Domain
from ...residents.life_phase import age_on
from ...residents.models import Resident
from ...residents.selectors import household_id_of
from .. import selectors, workflow
from ..models import Party, RegieHandover, Route, RouteKind, StepProgress, Trajectory, TrajectoryParty
from ..selectors import ACTIVITY
from ..workflow import TrajectoryStatus
from ._progress import _next_startable, _start_step
from ._shared import RESIDENT_KIND, _age_text, _lock, _may_act, _steps, _today
from .handovers import _handover_propose


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


def _ages_check(*, route: Route, resident: Resident, on: date) -> None:
    """A route serves the ages its map names (exit routes: school leavers from 16, younger than 27)."""
    if selectors.route_serves_age(route, resident.birth_date, on):
        return
    if route.min_age is not None and route.max_age is not None:
        serves = _("Route %(route)s is voor jongeren van %(min)s tot %(max)s jaar") % {
            "route": route.name,
            "min": _age_text(route.min_age),
            "max": _age_text(route.max_age),
        }
    elif route.min_age is not None:
        serves = _("Route %(route)s is voor wie %(min)s jaar of ouder is") % {
            "route": route.name,
            "min": _age_text(route.min_age),
        }
    else:
        serves = _("Route %(route)s is voor wie jonger is dan %(max)s jaar") % {
            "route": route.name,
            "max": _age_text(route.max_age),
        }
    message = _("%(serves)s; deze inwoner is op %(date)s %(age)s jaar. Kies een route die bij de leeftijd past.")
    age = age_on(resident.birth_date, on)
    raise ValidationError({"resident": message % {"serves": serves, "date": on.strftime("%d-%m-%Y"), "age": age}})


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
    mine = selectors.actor_organisations(actor)
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
    _ages_check(route=route, resident=resident, on=on)
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
        not_before = selectors.date_at_age(resident.birth_date, route.regie_from_age) if route.regie_from_age else None
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


@transaction.atomic
def trajectory_stop(*, actor, trajectory: Trajectory, reason: str) -> Trajectory:
    """The regie holder stops a trajectory (moved away, another route, no longer needed); the reason is kept."""
    trajectory = _lock(trajectory)
    if trajectory.regie_organisation_id not in selectors.actor_organisations(actor):
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
    organisations = selectors.trajectory_party_organisations(trajectory)
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
