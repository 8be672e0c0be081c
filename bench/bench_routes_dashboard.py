"""The Dienst dashboard (all youth from 16,5 by route and step, the waitlist and the quota) with 5,000 youths in
trajectories, against the same page with 500: server time, query count and their ratios.

Each size gets a fresh SQLite file (var/bench/), migrated, with the route maps loaded and the youths written in
bulk: every youth in a household with the school and the Dienst involved, on one of the four exit routes at a
random step, a tenth of those on Beschut werk waiting on the list. The page is requested in a child process
through Django's test client, DEBUG off, as a consultant of the Dienst. Run alone:
`.venv/bin/python bench/run.py routes_dashboard`.
"""

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

TITLE = "Dienst dashboard with 5,000 youths in trajectories"
DATA_SIZE = "5,000 (and 500) youths of 16,5 to 19 on the four exit routes of seed 004, SQLite, DEBUG off"
ROOT = Path(__file__).resolve().parents[1]
SIZES = (500, 5_000)
REPEAT = 20


def _database(size: int) -> dict:
    path = ROOT / "var" / "bench" / f"routes-dashboard-{size}.sqlite3"
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        path.unlink()
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{path}", "DJANGO_SETTINGS_MODULE": "routekaart.conf.dev"}
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True)
    return env


def _populate(size: int) -> None:
    """In the child: the network, the route maps and `size` youths in trajectories, written in bulk."""
    import random
    from datetime import date, timedelta

    from dateutil.relativedelta import relativedelta
    from django.db import transaction

    from routekaart.audit.configuration import processing_activities_load
    from routekaart.organisations.models import Affiliation, Organisation, User
    from routekaart.organisations.roles import Role
    from routekaart.residents.models import Address, District, Household, Involvement, Membership, Resident
    from routekaart.residents.tests.factories import bsn_for
    from routekaart.routes.configuration import route_maps_load
    from routekaart.routes.models import (
        Route,
        ShelteredWorkQuota,
        StepProgress,
        Trajectory,
        TrajectoryParty,
        WaitlistEntry,
    )

    processing_activities_load()
    route_maps_load()
    rng = random.Random(2024)
    today = date.today()
    with transaction.atomic():
        municipality = Organisation.objects.create(kind="municipality", code="gemeente-bench", name="Gemeente Bench")
        school = Organisation.objects.create(
            kind="school", school_kind="vso", code="vso-bench", name="VSO Bench", municipality=municipality
        )
        dienst = Organisation.objects.create(kind="service_organisation", code="dienst-bench", name="Dienst Bench")
        team = Organisation.objects.create(kind="team", team_kind="neighbourhood", code="team-bench", name="Team Bench")
        user = User.objects.create(username="consulent", is_demo=True)
        Affiliation.objects.create(user=user, organisation=dienst, role=Role.COORDINATOR)
        ShelteredWorkQuota.objects.create(municipality_code=municipality.code, year=today.year, places=size // 50)
        district = District.objects.create(municipality=municipality, code="WK000001", name="Centrum")
        routes = list(
            Route.objects.filter(route_map__code="de_dienst", kind="exit").prefetch_related(
                "steps", "route_map__parties"
            )
        )
        parties = {p.code: p for p in routes[0].route_map.parties.all()}
        addresses = Address.objects.bulk_create(
            Address(street="Schoolstraat", house_number=i + 1, postcode="1234 AB", city="Bench", district=district)
            for i in range(size)
        )
        residents = Resident.objects.bulk_create(
            Resident(
                bsn=bsn_for(i + 10),
                given_names=f"Jongere{i}",
                family_name=f"Bench{i}",
                birth_date=today - relativedelta(years=16, months=7) - timedelta(days=rng.randrange(900)),
                address=address,
            )
            for i, address in enumerate(addresses)
        )
        households = Household.objects.bulk_create(Household() for _ in range(size))
        Membership.objects.bulk_create(
            Membership(household=h, resident=r, role="child", valid_from=r.birth_date)
            for h, r in zip(households, residents, strict=True)
        )
        Involvement.objects.bulk_create(
            Involvement(household=h, organisation=o, kind=kind, valid_from=date(2020, 1, 1))
            for h in households
            for o, kind in ((school, "school_pupil"), (dienst, "other"))
        )
        trajectories = []
        for resident, household in zip(residents, households, strict=True):
            route = rng.choice(routes)
            steps = list(route.steps.all())
            trajectories.append(
                Trajectory(
                    resident=resident,
                    household_id=household.pk,
                    route=route,
                    current_step=rng.choice(steps),
                    regie_party=route.regie,
                    regie_organisation=dienst
                    if route.regie.code == "dienst"
                    else (team if route.regie.code == "area_team" else school),
                    school=school,
                    school_kind="vso",
                    started_on=today - timedelta(days=rng.randrange(400)),
                )
            )
        Trajectory.objects.bulk_create(trajectories)
        TrajectoryParty.objects.bulk_create(
            TrajectoryParty(trajectory=t, party=parties[code], organisation=o)
            for t in trajectories
            for code, o in (("school", school), ("dienst", dienst), ("area_team", team))
        )
        progress = []
        for t in trajectories:
            for step in t.route.steps.all():
                state = (
                    "done"
                    if step.number < t.current_step.number
                    else ("current" if step == t.current_step else "pending")
                )
                due = today - timedelta(days=rng.randrange(-60, 60)) if state == "current" else None
                progress.append(StepProgress(trajectory=t, step=step, state=state, due_on=due))
        StepProgress.objects.bulk_create(progress, batch_size=5000)
        WaitlistEntry.objects.bulk_create(
            WaitlistEntry(
                trajectory=t,
                municipality=municipality,
                indication_date=today - timedelta(days=rng.randrange(700)),
                placed_on=today - timedelta(days=rng.randrange(300)),
            )
            for t in trajectories
            if t.route.code == "sheltered_work" and t.current_step.number == 5
        )


def child(size: int) -> None:
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    settings.DEBUG = False
    _populate(size)
    from routekaart.organisations.models import User

    client = Client(SERVER_NAME="localhost")
    client.force_login(User.objects.get(username="consulent"))
    url = "/routes/dienst/"
    assert client.get(url).status_code == 200
    times = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        client.get(url)
        times.append(time.perf_counter() - start)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    from routekaart.routes import selectors

    page = selectors.dienst_dashboard(user=User.objects.get(username="consulent")).page
    print(json.dumps({"median": statistics.median(times), "queries": len(queries), "youths": page.paginator.count}))


def run() -> list[tuple[str, str]]:
    results = {}
    for size in SIZES:
        env = _database(size)
        out = subprocess.run(
            [sys.executable, __file__, "child", str(size)],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        results[size] = json.loads(out.stdout.strip().splitlines()[-1])
    small, large = (results[s] for s in SIZES)
    return [
        (f"{SIZES[1]:,} youths: server time (median of {REPEAT})", f"{large['median'] * 1000:.0f} ms"),
        (f"{SIZES[1]:,} youths: queries", str(large["queries"])),
        (f"{SIZES[0]:,} youths: server time (median of {REPEAT})", f"{small['median'] * 1000:.0f} ms"),
        (f"{SIZES[0]:,} youths: queries", str(small["queries"])),
        ("queries, large / small", f"{large['queries'] / small['queries']:.2f}"),
        ("time, large / small (data x10)", f"{large['median'] / small['median']:.2f}"),
        ("youths on the dashboard (large / small)", f"{large['youths']:,} / {small['youths']:,}"),
    ]


if __name__ == "__main__" and len(sys.argv) == 3 and sys.argv[1] == "child":
    child(int(sys.argv[2]))
