"""Demo trajectories: school leavers of the demo schools on the four exit routes of seed 004, at every step.

For `setup_demo` (settings.ROUTEKAART_DEMO_GENERATORS), after the residents generator has given the demo schools
their pupils. Everything goes through the services, so every trajectory has its events, involvements and log
entries as in real use. Idempotent: once the demo has trajectories, nothing is added.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ..organisations.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
from ..organisations.models import Organisation, OrganisationKind
from ..organisations.roles import Role
from ..organisations.services import organisation_create, staff_user_ensure
from ..residents.models import InvolvementKind, Resident
from . import services, workflow
from .models import Condition, RegieHandover, Route, ShelteredWorkQuota, Trajectory
from .services import age_in_years

SCHOOLS = ("praktijkschool-de-brug", "vso-de-horizon")
COMPANY = ("beschut-werkbedrijf-weidebeek", "Beschut Werkbedrijf Weidebeek")
# Demo staff of the route screens: two demo accounts of organisations/demo.py, and three more (same password).
STAFF = [
    *(
        (a.username, a.full_name, a.role, a.organisation_code)
        for a in DEMO_ACCOUNTS
        if a.username in ("school", "regisseur")
    ),
    ("consulent", "Omar Haddou", Role.COORDINATOR, "dienst-weidebeek"),
    ("mentor", "Mila Vos", Role.SCHOOL, "vso-de-horizon"),
    ("beschut-werk", "Ilse de Groot", Role.PROVIDER, COMPANY[0]),
]
ROUTES = ("sheltered_work", "work", "day_activities", "mbo")
PER_SCHOOL = 12


def _pupils(school: Organisation) -> list[Resident]:
    today = timezone.localdate()
    pupils = Resident.objects.filter(
        memberships__valid_from__lte=today,
        memberships__household__involvements__organisation=school,
        memberships__household__involvements__kind=InvolvementKind.SCHOOL_PUPIL,
        memberships__household__involvements__valid_to__isnull=True,
    ).distinct()
    return [p for p in pupils.order_by("pk") if 16 <= age_in_years(p.birth_date, today) < 19][:PER_SCHOOL]


def _try(actors, call):
    """Run `call(actor)` with the first demo actor the route lets act here."""
    last = None
    for actor in actors:
        try:
            return call(actor)
        except ValidationError as error:
            if "U handelt hier niet" not in " ".join(error.messages) and "Alleen" not in " ".join(error.messages):
                raise
            last = error
    raise last


def _advance(trajectory: Trajectory, to_number: int, actors) -> None:
    """Walk the trajectory up to step `to_number`, recording what each step needs on the way."""
    for handover in RegieHandover.objects.filter(trajectory=trajectory, state="proposed"):
        if handover.not_before is None or handover.not_before <= timezone.localdate():
            _try(actors, lambda actor, h=handover: services.regie_handover_accept(actor=actor, handover=h))
    trajectory.refresh_from_db()
    while trajectory.status == workflow.TrajectoryStatus.ACTIVE and trajectory.current_step is not None:
        step = trajectory.current_step
        if step.number >= to_number:
            return
        for action in step.actions.all():
            condition = action.condition
            if condition not in workflow.RECORD_BEFORE_DONE or condition in workflow.RECORDED_BY_SERVICE:
                continue
            if not services.action_applies(action, trajectory, timezone.localdate()):
                continue
            outcome = "positive" if condition in workflow.POSITIVE_TO_CONTINUE else "recorded"
            _try(
                actors,
                lambda actor, c=condition, o=outcome: services.condition_record(
                    actor=actor, trajectory=trajectory, condition=c, outcome=o
                ),
            )
        if Condition.WAITLIST in step.conditions:
            entry = trajectory.waitlist_entry
            _try(actors, lambda actor, e=entry: services.waitlist_place_offer(actor=actor, entry=e, reason="demo"))
        elif step.optional:
            _try(
                actors,
                lambda actor, n=step.number: services.step_transition(
                    actor=actor, trajectory=trajectory, number=n, transition="skip", reason="Niet nodig"
                ),
            )
        else:
            _try(
                actors,
                lambda actor, n=step.number: services.step_transition(
                    actor=actor, trajectory=trajectory, number=n, transition="complete"
                ),
            )
        trajectory.refresh_from_db()


@transaction.atomic
def demo_trajectories_ensure(*, stdout) -> None:
    if Trajectory.objects.exists():
        stdout.write("Routes: de demo heeft al trajecten.")
        return
    organisations = {
        o.code: o for o in Organisation.objects.filter(code__in=[*SCHOOLS, "dienst-weidebeek", "wijkteam-noord"])
    }
    company = Organisation.objects.filter(code=COMPANY[0]).first() or organisation_create(
        kind=OrganisationKind.PROVIDER, code=COMPANY[0], name=COMPANY[1]
    )
    organisations[company.code] = company
    actors = {
        username: staff_user_ensure(
            username=username,
            password=DEMO_PASSWORD,
            full_name=name,
            organisation=organisations[code],
            role=role,
            is_demo=True,
        )
        for username, name, role, code in STAFF
    }
    year = timezone.localdate().year
    ShelteredWorkQuota.objects.get_or_create(municipality_code="gemeente-weidebeek", year=year, defaults={"places": 4})
    routes = {r.code: r for r in Route.objects.filter(route_map__code="de_dienst", route_map__is_current=True)}
    started = 0  # over both schools: pupil n takes route n % 4 to step 1 + (n // 4) % 6, so 24 cover every pair
    for school_code, school_actor in (("praktijkschool-de-brug", "school"), ("vso-de-horizon", "mentor")):
        school = organisations[school_code]
        order = [actors[school_actor], actors["consulent"], actors["regisseur"], actors["beschut-werk"]]
        for pupil in _pupils(school):
            route = routes[ROUTES[started % len(ROUTES)]]
            trajectory = services.trajectory_start(
                actor=actors[school_actor],
                resident=pupil,
                route=route,
                organisations={
                    "school": school,
                    "dienst": organisations["dienst-weidebeek"],
                    "area_team": organisations["wijkteam-noord"],
                    "sheltered_work_company": company,
                },
                school_kind=school.school_kind,
                exit_profile={"mbo": "further_education", "work": "labour_market"}.get(route.code, route.code),
            )
            _advance(trajectory, 1 + (started // len(ROUTES)) % 6, order)
            started += 1
    stdout.write(
        f"Routes: {started} schoolverlaters op een uitstroomroute; inloggen als consulent (Dienst), mentor (VSO) "
        "of beschut-werk, wachtwoord als de andere demo-accounts."
    )
