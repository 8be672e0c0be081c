"""Queries that feed the route pages and the API; each runs a fixed number of queries whatever the map's size.

At the end: the read-only rules the trajectory services check and the pages show (who may act or record in a step,
ages in half years, whether a line holds for the resident, the sheltered-work quota).
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from dateutil.relativedelta import relativedelta
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from ..audit import services as audit
from ..audit.models import Event, Result
from ..catalog import selectors as catalog_selectors
from ..organisations.models import Organisation, OrganisationKind
from ..organisations.roles import Role
from ..participation.models import Assignment, AssignmentStatus
from ..residents.access import AccessDenied, HouseholdAccess, members_visible
from ..residents.life_phase import life_phases
from . import rules_data, workflow
from .models import (
    Condition,
    ConditionRecord,
    Party,
    RegieHandover,
    Route,
    RouteMap,
    RouteMapTier,
    ShelteredWorkQuota,
    Step,
    StepAction,
    StepProgress,
    Trajectory,
    TrajectoryParty,
    WaitlistEntry,
)
from .workflow import TrajectoryStatus

ACTIVITY = "route-guidance"  # the register's processing activity for trajectories (audit/data/...)
EVENT_LIMIT = 200


@dataclass(frozen=True)
class CatalogCodes:
    """The catalog's codes a route map may name; None where the catalog is not loaded (nothing to check against)."""

    destinations: set[str] | None
    building_blocks: set[str] | None
    instruments: set[str] | None
    life_phases: set[str] | None


def _codes(queryset) -> set[str] | None:
    codes = set(queryset.prefetch_related(None).values_list("code", flat=True))
    return codes or None


def catalog_codes() -> CatalogCodes:
    blocks = {v.building_block.key for v in catalog_selectors.building_block_version_list()}
    return CatalogCodes(
        destinations=_codes(catalog_selectors.destination_list()),
        building_blocks=blocks or None,
        instruments=_codes(catalog_selectors.instrument_list()),
        life_phases=_codes(catalog_selectors.life_phase_list()),
    )


@dataclass(frozen=True)
class CatalogNames:
    """Names of the catalog items the routes link to, by code: what a page shows next to a code."""

    destinations: dict[str, str]
    building_blocks: dict[str, str]
    instruments: dict[str, str]
    life_phases: list


def catalog_names() -> CatalogNames:
    return CatalogNames(
        destinations=dict(catalog_selectors.destination_list().prefetch_related(None).values_list("code", "name")),
        building_blocks={v.building_block.key: v.name for v in catalog_selectors.building_block_version_list()},
        instruments=dict(catalog_selectors.instrument_list().prefetch_related(None).values_list("code", "name")),
        life_phases=list(catalog_selectors.life_phase_list().prefetch_related(None)),
    )


def route_map_list() -> list[RouteMap]:
    """The current version of every route map."""
    return list(RouteMap.objects.filter(is_current=True).order_by("code"))


def _steps() -> Prefetch:
    actions = StepAction.objects.prefetch_related("parties", "addressees").order_by("order")
    return Prefetch(
        "steps",
        queryset=Step.objects.select_related("regie").prefetch_related(Prefetch("actions", queryset=actions)),
    )


def route_list(*, map_code: str | None = None, kind: str | None = None, version: int | None = None) -> QuerySet[Route]:
    """Route templates with their steps, actions and parties (five queries however many there are).

    The current version of each map unless `version` names another one (with `map_code`).
    """
    routes = Route.objects.select_related("route_map", "regie").prefetch_related(_steps())
    if version is not None and map_code:
        routes = routes.filter(route_map__code=map_code, route_map__version=version)
    else:
        routes = routes.filter(route_map__is_current=True)
        if map_code:
            routes = routes.filter(route_map__code=map_code)
    if kind:
        routes = routes.filter(kind=kind)
    return routes.order_by("route_map__code", "order")


def route_list_all() -> QuerySet[Route]:
    """The routes of every version (a trajectory may walk an earlier one), with what a page draws."""
    return Route.objects.select_related("route_map", "regie").prefetch_related(_steps())


def route_get(*, pk: int) -> Route:
    route = route_list_all().filter(pk=pk).first()
    if route is None:
        raise Http404(pk)
    return route


def route_map_list_with_parts() -> QuerySet[RouteMap]:
    """Current maps with their parties, tiers and route codes (for the API)."""
    return (
        RouteMap.objects.filter(is_current=True)
        .prefetch_related(
            Prefetch("parties", queryset=Party.objects.order_by("order")),
            Prefetch("tiers", queryset=RouteMapTier.objects.select_related("tier").order_by("tier__order")),
            Prefetch("routes", queryset=Route.objects.order_by("order")),
        )
        .order_by("code")
    )


@dataclass(frozen=True)
class RouteMapView:
    route_map: RouteMap
    routes: list[Route]
    tiers: list[RouteMapTier]
    parties: list[Party]


def route_map_get(*, code: str) -> RouteMapView:
    """One current map with all it draws: routes and steps, tiers, parties."""
    route_map = RouteMap.objects.filter(code=code, is_current=True).first()
    if route_map is None:
        raise Http404(code)
    return RouteMapView(
        route_map=route_map,
        routes=list(route_list(map_code=code)),
        tiers=list(route_map.tiers.select_related("tier").order_by("tier__order")),
        parties=list(route_map.parties.order_by("order")),
    )


# --- trajectories -----------------------------------------------------------------------------------------------


def _youth_regie_age() -> relativedelta:
    """The Dienst's regie starts at this age (16,5; data/legal_numbers.yaml `youth_regie_age`, seed 004)."""
    age = rules_data.value("youth_regie_age")
    return relativedelta(years=int(age), months=round((age - int(age)) * 12))


def _visible(user) -> Exists:
    """The user may see the resident today (residents.access: an involvement, or the person's own consent)."""
    return Exists(members_visible(user=user).filter(resident=OuterRef("resident")))


# Roles that work a resident's file themselves; a user who holds none of them but works for a provider is scoped.
CASEWORK_ROLES = frozenset({Role.COORDINATOR, Role.JOB_COACH, Role.SCHOOL})
LIVE_ASSIGNMENT = (AssignmentStatus.PROPOSED, AssignmentStatus.GRANTED, AssignmentStatus.ACTIVE)


def _provider_organisations(user) -> list[int] | None:
    """The provider organisations a provider user works for; None for a user who works a file in another role."""
    if not getattr(user, "is_authenticated", False):
        return None
    affiliations = list(user.affiliations.values_list("role", "organisation_id", "organisation__kind"))
    if any(row[0] in CASEWORK_ROLES for row in affiliations):
        return None
    providers = [
        organisation
        for role, organisation, kind in affiliations
        if role == Role.PROVIDER or kind == OrganisationKind.PROVIDER
    ]
    return providers or None


def trajectory_scope(user) -> Q:
    """Which trajectories the user may see beyond the household it is involved with: the one rule for the list, the
    page and the API. A provider is involved with a household for the work it was given, so it sees a trajectory
    only when it fills a party of it (its own step), or holds a live assignment (participation) for its resident;
    not every route the members of that household walk. Everyone else: what the access check lets them see."""
    providers = _provider_organisations(user)
    if providers is None:
        return Q()
    return Q(Exists(TrajectoryParty.objects.filter(trajectory=OuterRef("pk"), organisation_id__in=providers))) | Q(
        Exists(
            Assignment.objects.filter(
                resident=OuterRef("resident"), provider_id__in=providers, status__in=LIVE_ASSIGNMENT
            )
        )
    )


def trajectory_scope_check(*, user, pk: int) -> None:
    """Refuse (logged, then raised) a trajectory outside the user's scope, after the household's access check."""
    if Trajectory.objects.filter(trajectory_scope(user), pk=pk).exists():
        return
    bsn = Trajectory.objects.filter(pk=pk).values_list("resident__bsn", flat=True).first()
    audit.processing_record(
        actor=user,
        activity=ACTIVITY,
        data_subjects=[audit.pseudonym(bsn)] if bsn else [],
        result=Result.DENIED,
        reason="trajectory outside the provider's assignments",
    )
    raise AccessDenied(_("U ziet alleen de trajecten waarin uw organisatie een opdracht of een stap heeft."))


def _overdue() -> Exists:
    return Exists(
        StepProgress.objects.filter(trajectory=OuterRef("pk"), state__in=workflow.OPEN, due_on__lt=timezone.localdate())
    )


def trajectory_list(
    *, user, status: str | None = TrajectoryStatus.ACTIVE, route_code: str | None = None
) -> QuerySet[Trajectory]:
    """The trajectories of residents the user sees now (one EXISTS over involvements), with what a list shows."""
    trajectories = (
        Trajectory.objects.filter(_visible(user), trajectory_scope(user))
        .annotate(overdue=_overdue())
        .select_related("resident", "route__route_map", "current_step", "regie_party", "regie_organisation", "school")
        .order_by("route__route_map__code", "route__order", "current_step__number", "resident__family_name", "pk")
    )
    if status:
        trajectories = trajectories.filter(status=status)
    if route_code:
        trajectories = trajectories.filter(route__code=route_code)
    return trajectories


def trajectories_read_log(*, user, trajectories, channel: str | None = None) -> None:
    """Log the read of the residents a list shows (one insert for the page)."""
    subjects = [audit.pseudonym(t.resident.bsn) for t in trajectories]
    if subjects:
        audit.processing_record(actor=user, activity=ACTIVITY, data_subjects=subjects, channel=channel)


@dataclass(frozen=True)
class StepCount:
    route: str
    number: int | None
    name: str
    count: int
    overdue: int


def _step_counts(trajectories: QuerySet[Trajectory]) -> list[StepCount]:
    """Per route and current step: how many walk there, how many are overdue (one grouped query)."""
    rows = (
        trajectories.order_by()
        .values("route__name", "route__order", "current_step__number", "current_step__name")
        .annotate(count=Count("pk"), late=Count("pk", filter=Q(overdue=True)))
        .order_by("route__order", "current_step__number")
    )
    return [
        StepCount(r["route__name"], r["current_step__number"], r["current_step__name"] or "", r["count"], r["late"])
        for r in rows
    ]


def _my_organisations(user) -> list[int]:
    return [a.organisation_id for a in user.affiliations.all()]


@dataclass
class Dashboard:
    counts: list[StepCount]
    page: object
    handovers: list[RegieHandover] = field(default_factory=list)
    waitlist: list[WaitlistEntry] = field(default_factory=list)
    quota: list[dict] = field(default_factory=list)
    exit_meeting: list[Trajectory] = field(default_factory=list)


def school_dashboard(*, user, page_number=None, page_size: int = 50) -> Dashboard:
    """The school's leavers by route and step, with what is overdue; and those in aftercare."""
    mine = _my_organisations(user)
    trajectories = trajectory_list(user=user, status=None).filter(
        Q(status=TrajectoryStatus.ACTIVE) | Q(aftercare_until__gte=timezone.localdate()), school_id__in=mine
    )
    page = Paginator(trajectories, page_size).get_page(page_number)
    trajectories_read_log(user=user, trajectories=page.object_list)
    return Dashboard(
        counts=_step_counts(trajectories.filter(status=TrajectoryStatus.ACTIVE)),
        page=page,
        handovers=_open_handovers(mine),
    )


def _open_handovers(organisation_ids) -> list[RegieHandover]:
    return list(
        RegieHandover.objects.filter(state=RegieHandover.State.PROPOSED, trajectory__status=TrajectoryStatus.ACTIVE)
        .filter(Q(to_organisation_id__in=organisation_ids) | Q(from_organisation_id__in=organisation_ids))
        .select_related("trajectory__route", "from_party", "to_party", "from_organisation", "to_organisation")
        .order_by("not_before", "proposed_at")
    )


def dienst_dashboard(*, user, page_number=None, page_size: int = 50) -> Dashboard:
    """All youth from 16,5 whose route the Dienst walks with them, by route and step; the waitlist and the quota."""
    mine = _my_organisations(user)
    today = timezone.localdate()
    for_dienst = Exists(
        TrajectoryParty.objects.filter(trajectory=OuterRef("pk"), party__code="dienst", organisation_id__in=mine)
    )
    youth = (
        trajectory_list(user=user)
        .filter(resident__birth_date__lte=today - _youth_regie_age())
        .filter(Q(regie_organisation_id__in=mine) | for_dienst)
    )
    page = Paginator(youth, page_size).get_page(page_number)
    waitlist = list(
        WaitlistEntry.objects.filter(place_offered_on__isnull=True, trajectory__status=TrajectoryStatus.ACTIVE)
        .filter(
            trajectory__in=trajectory_list(user=user)
            .filter(Q(regie_organisation_id__in=mine) | for_dienst)
            .values("pk")
        )
        .select_related("trajectory__resident", "municipality")
        .order_by("municipality__name", "indication_date", "pk")
    )
    exit_meeting = list(
        trajectory_list(user=user).filter(for_dienst, condition_records__condition=Condition.EXIT_MEETING).distinct()
    )
    trajectories_read_log(user=user, trajectories=[*page.object_list, *(e.trajectory for e in waitlist), *exit_meeting])
    return Dashboard(
        counts=_step_counts(youth),
        page=page,
        handovers=_open_handovers(mine),
        waitlist=waitlist,
        quota=quota_overview(municipality_ids={e.municipality_id for e in waitlist}, year=today.year),
        exit_meeting=exit_meeting,
    )


# --- Counts for the home pages: no person read, a fixed number of queries --------------------------------------


def trajectory_step_counts(*, user) -> list[StepCount]:
    """The user's running trajectories per route and current step, with how many are overdue (one query)."""
    return _step_counts(trajectory_list(user=user))


@dataclass(frozen=True)
class SchoolCounts:
    steps: list[StepCount]
    leavers_this_year: int
    aftercare: int


def school_home_counts(*, user, on: date | None = None) -> SchoolCounts:
    """The school's pupils on an exit route per step, those who completed their route this year, and those in
    aftercare (two queries)."""
    on = on or timezone.localdate()
    mine = _my_organisations(user)
    ended = (
        Trajectory.objects.filter(_visible(user), school_id__in=mine)
        .exclude(status=TrajectoryStatus.ACTIVE)
        .aggregate(
            leavers=Count("pk", filter=Q(status=TrajectoryStatus.COMPLETED, ended_on__year=on.year)),
            aftercare=Count("pk", filter=Q(aftercare_until__gte=on)),
        )
    )
    return SchoolCounts(
        steps=_step_counts(trajectory_list(user=user).filter(school_id__in=mine)),
        leavers_this_year=ended["leavers"],
        aftercare=ended["aftercare"],
    )


def works_for_dienst(user) -> bool:
    """Whether the user works at an uitvoeringsdienst, whose people see the Dienst's youth (no query)."""
    return any(a.organisation.kind == OrganisationKind.SERVICE_ORGANISATION for a in user.affiliations_held())


@dataclass(frozen=True)
class DienstCounts:
    youth: int
    waitlist: int


def dienst_home_counts(*, user) -> DienstCounts:
    """The Dienst's youth from 16,5 and its waitlist without a place offered, as the dienst dashboard counts them
    (two queries)."""
    mine = _my_organisations(user)
    today = timezone.localdate()
    for_dienst = Exists(
        TrajectoryParty.objects.filter(trajectory=OuterRef("pk"), party__code="dienst", organisation_id__in=mine)
    )
    theirs = trajectory_list(user=user).filter(Q(regie_organisation_id__in=mine) | for_dienst)
    return DienstCounts(
        youth=theirs.filter(resident__birth_date__lte=today - _youth_regie_age()).count(),
        waitlist=WaitlistEntry.objects.filter(
            place_offered_on__isnull=True,
            trajectory__status=TrajectoryStatus.ACTIVE,
            trajectory__in=theirs.values("pk"),
        ).count(),
    )


def quota_overview(*, municipality_ids, year: int) -> list[dict]:
    """Per municipality: the year's quota, the places offered so far, and who waits (three queries)."""
    municipalities = {o.pk: o for o in Organisation.objects.filter(pk__in=municipality_ids)}
    places = dict(
        ShelteredWorkQuota.objects.filter(
            year=year, municipality_code__in=[o.code for o in municipalities.values()]
        ).values_list("municipality_code", "places")
    )
    offered = dict(
        WaitlistEntry.objects.filter(municipality_id__in=municipalities, place_offered_on__year=year)
        .values("municipality_id")
        .annotate(n=Count("pk"))
        .values_list("municipality_id", "n")
    )
    waiting = dict(
        WaitlistEntry.objects.filter(
            municipality_id__in=municipalities,
            place_offered_on__isnull=True,
            trajectory__status=TrajectoryStatus.ACTIVE,
        )
        .values("municipality_id")
        .annotate(n=Count("pk"))
        .values_list("municipality_id", "n")
    )
    return [
        {
            "municipality": o,
            "year": year,
            "places": places.get(o.code),
            "offered": offered.get(pk, 0),
            "left": None if places.get(o.code) is None else max(places[o.code] - offered.get(pk, 0), 0),
            "waiting": waiting.get(pk, 0),
        }
        for pk, o in sorted(municipalities.items(), key=lambda item: item[1].name)
    ]


@dataclass(frozen=True)
class LifeLineItem:
    at_age: object
    name: str
    passed: bool


@dataclass
class TrajectoryView:
    """Everything the resident's route map shows, read through one access to the resident's household."""

    trajectory: Trajectory
    access: HouseholdAccess
    route: Route
    progress: dict[int, StepProgress]
    parties: list[TrajectoryParty]
    records: list[ConditionRecord]
    handovers: list[RegieHandover]
    waitlist: WaitlistEntry | None
    queue_position: int | None
    quota: list[dict]
    events: list[Event]
    age: float
    life_phases: tuple[str, ...]
    life_line: list[LifeLineItem]
    actionable: set[int]
    recordable: list[str]
    startable: set[int]
    latest: dict[str, str]


def trajectory_resident_id(*, pk: int) -> int:
    """Which resident a trajectory belongs to: what the access check needs to know first."""
    resident_id = Trajectory.objects.filter(pk=pk).values_list("resident_id", flat=True).first()
    if resident_id is None:
        raise Http404(pk)
    return resident_id


def trajectory_get(*, access: HouseholdAccess, pk: int) -> TrajectoryView:
    """One trajectory with its steps, records, hand-overs, waitlist place and timeline (fixed queries; logged)."""
    trajectory = (
        Trajectory.objects.select_related(
            "resident", "route__route_map", "current_step", "regie_party", "regie_organisation", "school", "switched_to"
        )
        .filter(trajectory_scope(access.user), pk=pk, resident__memberships__household_id=access.household_id)
        .distinct()
        .first()
    )
    if trajectory is None:
        raise Http404(pk)
    route = route_get(pk=trajectory.route_id)
    progress = {p.step_id: p for p in StepProgress.objects.filter(trajectory=trajectory)}
    by_number = {step.number: progress.get(step.pk) for step in route.steps.all()}
    parties = list(trajectory.party_organisations.select_related("party", "organisation").order_by("party__order"))
    records = list(
        trajectory.condition_records.select_related("step", "recorded_by").order_by("recorded_on", "recorded_at")
    )
    handovers = list(
        trajectory.handovers.select_related(
            "from_party", "to_party", "from_organisation", "to_organisation", "step"
        ).order_by("proposed_at")
    )
    waitlist = WaitlistEntry.objects.filter(trajectory=trajectory).select_related("municipality", "offered_by").first()
    queue_position, quota = None, []
    if waitlist is not None:
        if waitlist.place_offered_on is None:
            queue_position = (
                1
                + WaitlistEntry.objects.filter(
                    Q(indication_date__lt=waitlist.indication_date)
                    | Q(indication_date=waitlist.indication_date, pk__lt=waitlist.pk),
                    municipality_id=waitlist.municipality_id,
                    place_offered_on__isnull=True,
                    trajectory__status=TrajectoryStatus.ACTIVE,
                ).count()
            )
        quota = quota_overview(municipality_ids=[waitlist.municipality_id], year=timezone.localdate().year)
    events = list(
        Event.objects.filter(subject_type="trajectory", subject_id=str(trajectory.pk))
        .select_related("actor")
        .order_by("-occurred_at", "-id")[:EVENT_LIMIT]
    )
    today = timezone.localdate()
    mine = set(_my_organisations(access.user))
    organisations = {tp.party.code: tp.organisation for tp in parties}
    actionable = {
        step.number
        for step in route.steps.all()
        if mine
        & acting_organisations(trajectory=trajectory, parties=step.parties, organisations=organisations, regie=True)
    }
    current = next((s for s in route.steps.all() if s.pk == trajectory.current_step_id), None)
    recordable = (
        recordable_conditions(actor=access.user, trajectory=trajectory, step=current, organisations=organisations)
        if current is not None and trajectory.status == TrajectoryStatus.ACTIVE
        else []
    )
    states = {number: p.state for number, p in by_number.items() if p}
    busy = any(state in workflow.OPEN for state in states.values())
    startable = set()
    if not busy:
        startable = {
            step.number
            for step in route.steps.all()
            if states.get(step.number) == workflow.StepState.PENDING
            and all(states.get(n) in workflow.FINISHED for n in step.requires)
        }
    latest: dict[str, str] = {}
    for record in records:
        latest[record.condition] = record.outcome
    audit.processing_record(
        actor=access.user,
        activity=ACTIVITY,
        data_subjects=[audit.pseudonym(trajectory.resident.bsn)],
        channel=access.channel,
        result=access.result,
        reason=access.reason,
    )
    return TrajectoryView(
        trajectory=trajectory,
        access=access,
        route=route,
        progress=by_number,
        parties=parties,
        records=records,
        handovers=handovers,
        waitlist=waitlist,
        queue_position=queue_position,
        quota=quota,
        events=events,
        age=age_in_years(trajectory.resident.birth_date, today),
        life_phases=life_phases(trajectory.resident.birth_date, today),
        life_line=life_line(birth_date=trajectory.resident.birth_date, on=today),
        actionable=actionable,
        recordable=recordable,
        startable=startable,
        latest=latest,
    )


def life_line(*, birth_date, on) -> list[LifeLineItem]:
    """The hand-overs of the life course (the first current life-course template), passed or ahead at this age."""
    life_course = (
        Route.objects.filter(route_map__is_current=True, kind="life_course").order_by("route_map__code").first()
    )
    if life_course is None:
        return []
    age = age_in_years(birth_date, on)
    return [
        LifeLineItem(step.at_age, step.name, age >= float(step.at_age))
        for step in life_course.steps.order_by("number")
        if step.at_age is not None
    ]


def resident_choices(*, user, household_id: int | None = None) -> QuerySet:
    """Residents the user sees now, for choosing whom a trajectory is for (one EXISTS); from a household's page,
    only its members."""
    from ..residents.models import Resident

    visible = members_visible(user=user)
    if household_id is not None:
        visible = visible.filter(household_id=household_id)
    return Resident.objects.filter(Exists(visible.filter(resident=OuterRef("pk")))).order_by(
        "family_name", "given_names", "pk"
    )


# --- the rules a trajectory's actions read (the services check them; the pages show them) ---------------------


def actor_organisations(actor) -> set[int]:
    """The organisations the actor works for (none for an anonymous caller): the basis of who may act."""
    return {a.organisation_id for a in actor.affiliations.all()} if getattr(actor, "is_authenticated", False) else set()


def age_in_years(birth_date: date, on: date) -> float:
    """Age with the half years the seeds count in (16,5): whole years plus months / 12."""
    delta = relativedelta(on, birth_date)
    return delta.years + delta.months / 12


def date_at_age(birth_date: date, age) -> date:
    """The day someone reaches an age given in half years (16,5), as the route's regie age is."""
    years = int(age)
    months = round((float(age) - years) * 12)
    return birth_date + relativedelta(years=years, months=months)


def route_serves_age(route: Route, birth_date: date, on: date) -> bool:
    """Whether the route serves someone born on `birth_date` on the day `on`: from `min_age`, younger than `max_age`
    (the map file's ages; a route that names none serves every age)."""
    if route.min_age is not None and on < date_at_age(birth_date, route.min_age):
        return False
    return route.max_age is None or on < date_at_age(birth_date, route.max_age)


def trajectory_party_organisations(trajectory: Trajectory) -> dict[str, Organisation]:
    """The organisation that fills each party of the trajectory, by party code."""
    return {
        tp.party.code: tp.organisation for tp in trajectory.party_organisations.select_related("party", "organisation")
    }


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
    mine = actor_organisations(actor)
    conditions: list[str] = []
    for action in step.actions.all():
        condition = action.condition
        if not condition or condition in workflow.RECORDED_BY_SERVICE or condition in conditions:
            continue
        if mine & recording_organisations(trajectory=trajectory, step=step, action=action, organisations=organisations):
            conditions.append(condition)
    return conditions


def condition_records_latest(trajectory: Trajectory) -> dict[str, str]:
    """The latest outcome recorded per condition of the trajectory: what a step's completion checks."""
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


def quota_places(*, municipality_code: str, year: int) -> int | None:
    """The sheltered-work places the municipality must offer in the year (its taakstelling), if recorded."""
    return (
        ShelteredWorkQuota.objects.filter(municipality_code=municipality_code, year=year)
        .values_list("places", flat=True)
        .first()
    )


@dataclass(frozen=True)
class HouseholdTrajectory:
    """A member's trajectory as the household page shows it: where they are, who acts, who holds regie."""

    trajectory: Trajectory
    steps_total: int
    next_step_name: str
    next_step_regie: str = ""  # the party that holds regie at the next step


def _running_trajectories(*, scope: Q, resident_ids: Iterable[int]) -> list[Trajectory]:
    """The running trajectories of these residents (and those in aftercare) within `scope`, with the number of
    steps, the next step and who holds regie at it: one query."""
    today = timezone.localdate()
    next_step = Step.objects.filter(route=OuterRef("route"), number__gt=OuterRef("current_step__number")).order_by(
        "number"
    )
    return list(
        Trajectory.objects.filter(scope, resident_id__in=list(resident_ids))
        .filter(Q(status=TrajectoryStatus.ACTIVE) | Q(aftercare_until__gte=today))
        .annotate(
            steps_total=Count("route__steps", distinct=True),
            next_step_name=Subquery(next_step.values("name")[:1]),
            next_step_regie=Subquery(next_step.values("regie__name")[:1]),
        )
        .select_related("resident", "route__route_map", "current_step", "regie_party", "regie_organisation")
        .order_by("resident__birth_date", "started_on", "pk")
    )


def household_trajectories(*, access: HouseholdAccess, resident_ids: Iterable[int]) -> list[HouseholdTrajectory]:
    """The running trajectories of these members (and those in aftercare), within the viewer's scope; three queries
    whatever the household's size or history. The read is logged under route guidance."""
    rows = _running_trajectories(scope=trajectory_scope(access.user), resident_ids=resident_ids)
    trajectories_read_log(user=access.user, trajectories=rows, channel=access.channel)
    return [HouseholdTrajectory(t, t.steps_total, t.next_step_name or "", t.next_step_regie or "") for t in rows]


def resident_trajectories(*, resident_id: int) -> list[HouseholdTrajectory]:
    """One resident's own running trajectories (and those in aftercare), for Mijn Routekaart: one query. No staff
    access here: the portal's scope has checked that the logged-in resident may see `resident_id`, and the portal
    logs the read (channel portal)."""
    rows = _running_trajectories(scope=Q(), resident_ids=[resident_id])
    return [HouseholdTrajectory(t, t.steps_total, t.next_step_name or "", t.next_step_regie or "") for t in rows]
