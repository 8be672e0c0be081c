"""The staff household page in a town of 1,000,000 residents: server time, query count, and the ratio to the SQL.

The town is generated once into `var/bench/` (SQLite) and reused by the benchmarks that need it; the generator is
idempotent, so a second run only checks that every chunk is there. The page is requested in a child process (its
own settings and database) through Django's test client, logged in as the demo `regisseur`, for households of her
caseload: the largest (most members over time) and the smallest, to show that the number of queries does not
depend on the household. "Raw SQL" is the hand-written SQL that reads the same data the page shows (access check,
members with their addresses, relations, involvements, consents, events, and the summary blocks of the case, plan,
decisions and benefit), executed bare on the same connection; the ratio says what the ORM, the access check, the
processing log and the templates add to it.
Run alone: `.venv/bin/python bench/run.py household_page`.
"""

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

TITLE = "Household page at 1,000,000 residents"
DATA_SIZE = "the demo town with 1,000,000 resident records (seed 2016), SQLite, DEBUG off"
ROOT = Path(__file__).resolve().parents[1]
RESIDENTS = 1_000_000
SEED = "2016"
REPEAT = 40


def town_database(residents: int = RESIDENTS) -> dict:
    """The environment of a generated town of this size (made once, then reused): DATABASE_URL and settings."""
    path = ROOT / "var" / "bench" / f"town-{residents}-seed{SEED}.sqlite3"
    path.parent.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{path}", "DJANGO_SETTINGS_MODULE": "routekaart.conf.dev"}
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True)
    # The register of processing activities (and the rest of the configuration), as `make demo` loads it.
    subprocess.run([*manage, "load_configuration"], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    subprocess.run(
        [
            *manage,
            "generate_municipality",
            "--seed",
            SEED,
            "--residents",
            str(residents),
            "--allow-bsn-outside-test-range",
            "--no-progress",
        ],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return env


def child_setup():
    """In the measuring child: Django with the town's database, DEBUG off as in production."""
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.conf import settings

    settings.DEBUG = False
    from django.test import Client

    from routekaart.organisations.models import User

    user = User.objects.get(username="regisseur")
    client = Client(SERVER_NAME="localhost")
    client.force_login(user)
    return client, user


def caseload_extremes(user) -> tuple[int, int]:
    """The regisseur's household with the most memberships (members over time), and the one with the fewest."""
    from django.db.models import Count

    from routekaart.residents.access import households_visible

    households = households_visible(user=user).annotate(size=Count("memberships")).order_by("-size", "pk")
    largest = households.first()
    smallest = households.order_by("size", "pk").first()
    return largest.pk, smallest.pk


def timed(fn, repeat: int = REPEAT) -> tuple[float, float]:
    """Median wall time and median CPU time of this process (SQLite runs in it): the CPU time holds steadier on a
    shared machine."""
    for _ in range(3):
        fn()
    wall, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(wall), statistics.median(cpu)


def _raw_sql(household_id: int, user) -> callable:
    """The SQL the page needs, hand-written, as one callable that runs and fetches it all."""
    from django.db import connection
    from django.utils import timezone

    from routekaart.access.models import Agreement, Case, Deadline, Decision, Goal, Plan, TailoredProvision
    from routekaart.audit.models import Event
    from routekaart.income.models import AnnualReview, SocialAssistance
    from routekaart.organisations.models import Organisation, User
    from routekaart.residents.models import (
        Address,
        Consent,
        District,
        Involvement,
        Membership,
        Relation,
        Resident,
    )

    t = {m: m._meta.db_table for m in (Address, Consent, District, Involvement, Membership, Relation, Resident)}
    blocks = (AnnualReview, Agreement, Case, Deadline, Decision, Goal, Plan, SocialAssistance, TailoredProvision)
    a = {m: m._meta.db_table for m in blocks}
    org, usr, evt = Organisation._meta.db_table, User._meta.db_table, Event._meta.db_table
    today = timezone.localdate()
    organisations = list(user.affiliations.values_list("organisation_id", flat=True))
    marks = ", ".join(["%s"] * len(organisations))

    def run() -> None:
        with connection.cursor() as c:
            c.execute(
                f"SELECT id, organisation_id FROM {t[Involvement]} WHERE household_id = %s AND valid_from <= %s "
                f"AND (valid_to IS NULL OR valid_to > %s) AND (user_id = %s OR (user_id IS NULL "
                f"AND organisation_id IN ({marks})))",
                [household_id, today, today, user.pk, *organisations],
            )
            c.fetchall()
            c.execute(
                f"SELECT m.*, r.*, a.*, d.name FROM {t[Membership]} m JOIN {t[Resident]} r ON r.id = m.resident_id "
                f"LEFT JOIN {t[Address]} a ON a.id = r.address_id LEFT JOIN {t[District]} d ON d.id = a.district_id "
                "WHERE m.household_id = %s ORDER BY m.valid_from, m.id",
                [household_id],
            )
            members = [row[2] for row in c.fetchall()]
            marks_r = ", ".join(["%s"] * len(members))
            c.execute(
                f"SELECT rel.*, a.given_names, b.given_names FROM {t[Relation]} rel "
                f"JOIN {t[Resident]} a ON a.id = rel.resident_id JOIN {t[Resident]} b ON b.id = rel.related_id "
                f"WHERE rel.resident_id IN ({marks_r}) AND rel.related_id IN ({marks_r})",
                [*members, *members],
            )
            c.fetchall()
            c.execute(
                f"SELECT i.*, o.name, u.first_name, u.last_name FROM {t[Involvement]} i "
                f"JOIN {org} o ON o.id = i.organisation_id LEFT JOIN {usr} u ON u.id = i.user_id "
                "WHERE i.household_id = %s ORDER BY i.valid_from DESC, i.id DESC",
                [household_id],
            )
            c.fetchall()
            c.execute(
                f"SELECT cs.*, o.name, r.given_names FROM {t[Consent]} cs JOIN {org} o ON o.id = cs.organisation_id "
                f"JOIN {t[Resident]} r ON r.id = cs.resident_id WHERE cs.household_id = %s "
                "ORDER BY cs.valid_from DESC, cs.id DESC",
                [household_id],
            )
            c.fetchall()
            c.execute(
                f"SELECT * FROM {evt} WHERE household_id = %s ORDER BY occurred_at DESC LIMIT 200", [household_id]
            )
            c.fetchall()
            # The summary blocks of the toegang and of bestaanszekerheid: open case with its nearest deadline, the
            # active plan's goals and open agreements, provisions in force, the benefit and its conversations.
            c.execute(
                f"SELECT c.*, (SELECT d.due_on FROM {a[Deadline]} d WHERE d.case_id = c.id AND d.met_on IS NULL "
                "AND d.lapsed_on IS NULL ORDER BY d.due_on LIMIT 1) "
                f"FROM {a[Case]} c WHERE c.household_id = %s AND c.status <> 'closed' LIMIT 1",
                [household_id],
            )
            c.fetchall()
            for table in (a[Goal], a[Agreement]):
                c.execute(
                    f"SELECT x.*, p.version FROM {table} x JOIN {a[Plan]} p ON p.id = x.plan_id "
                    "WHERE p.household_id = %s AND p.status = 'active'",
                    [household_id],
                )
                c.fetchall()
            c.execute(
                f"SELECT tp.*, d.reference FROM {a[TailoredProvision]} tp JOIN {a[Decision]} d "
                "ON d.id = tp.decision_id WHERE d.household_id = %s AND tp.outcome = 'granted' "
                "AND tp.starts_on <= %s AND tp.ends_on >= %s",
                [household_id, today, today],
            )
            c.fetchall()
            c.execute(
                f"SELECT * FROM {a[SocialAssistance]} WHERE household_id = %s ORDER BY started_on DESC LIMIT 2",
                [household_id],
            )
            c.fetchall()
            c.execute(
                f"SELECT * FROM {a[AnnualReview]} WHERE household_id = %s AND status IN ('planned', 'held')",
                [household_id],
            )
            c.fetchall()

    return run


def _measure() -> dict:
    client, user = child_setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from routekaart.residents.models import Membership, Resident

    largest, smallest = caseload_extremes(user)
    result = {"residents": Resident.objects.count()}
    for label, household in (("largest", largest), ("smallest", smallest)):
        url = reverse("residents:household_detail", args=[household])

        def page(url=url) -> None:
            response = client.get(url)
            assert response.status_code == 200, response.status_code

        page()  # warm: the register's roles are read once per process, not per household
        with CaptureQueriesContext(connection) as queries:
            page()
        result[label] = {
            "members_over_time": Membership.objects.filter(household_id=household).count(),
            "queries": len(queries.captured_queries),
            "page": timed(page),
            "raw": timed(_raw_sql(household, user)),
        }
    return result


def run() -> list[tuple[str, str]]:
    env = town_database()
    done = subprocess.run(
        [sys.executable, __file__, "--measure"], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    result = json.loads(done.stdout.strip().splitlines()[-1])
    rows = [("residents in the database", f"{result['residents']:,}")]
    for label in ("largest", "smallest"):
        r = result[label]
        name = f"{label} household of the regisseur ({r['members_over_time']} memberships over time)"
        (page_wall, page_cpu), (raw_wall, raw_cpu) = r["page"], r["raw"]
        rows += [
            (f"{name}: server time (median of {REPEAT})", f"{page_wall * 1000:.1f} ms ({page_cpu * 1000:.1f} ms CPU)"),
            (f"{name}: queries", str(r["queries"])),
            (f"{name}: raw SQL for the same data", f"{raw_wall * 1000:.2f} ms ({raw_cpu * 1000:.2f} ms CPU)"),
            (f"{name}: page / raw SQL", f"{page_wall / raw_wall:.0f}x ({page_cpu / raw_cpu:.0f}x by CPU time)"),
        ]
    return rows


if __name__ == "__main__":
    if sys.argv[1:] == ["--measure"]:
        print(json.dumps(_measure()))
    else:
        for measure, value in run():
            print(f"{measure}: {value}")
