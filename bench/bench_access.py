"""Mijn werkvoorraad with 500 households, and the household page with a 10-year history, at 1,000,000 residents.

The town is the one `bench_household_page` generates into `var/bench/` (made once, reused), copied once to a file
of this bench's own. A measuring child process adds, once, a bench coordinator with 500 open cases (households of
the town without a coordinator, each from melding to active plan, every fifth with a decision and a late
agreement) and one household with ten years of history (ten cases, each with intake, plan, decision and review,
then closed, and an eleventh open one). The additions go through the services, with their events and log
entries, and are skipped when they are there.

Both pages are requested through Django's test client with DEBUG off: the number of queries and the median server
time. "Raw SQL" is hand-written SQL that reads the same data the page shows, executed bare on the same connection;
the ratio says what the ORM, the access check, the processing log and the templates add to it.
Run alone: `.venv/bin/python bench/run.py access`; a quick look on a small town, kept out of the docs:
`BENCH_RESIDENTS=20000 .venv/bin/python bench/run.py --no-docs access`.
"""

import datetime
import importlib.util
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

TITLE = "Integrale toegang: Mijn werkvoorraad (500 households) and a 10-year household page"
ROOT = Path(__file__).resolve().parents[1]
RESIDENTS = int(os.environ.get("BENCH_RESIDENTS", "1000000"))
DATA_SIZE = f"the demo town with {RESIDENTS:,} resident records (seed 2016), SQLite, DEBUG off"
CASES = 500
YEARS = 10
REPEAT = 30
BENCH_USER = "bench-regisseur"


def _household_page_bench():
    spec = importlib.util.spec_from_file_location("bench_household_page", ROOT / "bench" / "bench_household_page.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def timed(fn, repeat: int = REPEAT) -> tuple[float, float]:
    """Median wall time and median CPU time of `fn`: the machine is shared, CPU time is the steadier figure."""
    for _ in range(3):
        fn()
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        fn()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


# --- building the caseload (in the child) ---------------------------------------------------------------------


def _coordinator():
    from routekaart.organisations.models import Affiliation, Organisation, OrganisationKind, User
    from routekaart.organisations.roles import Role

    user, _created = User.objects.get_or_create(
        username=BENCH_USER, defaults={"first_name": "Bench", "last_name": "Regisseur", "is_demo": True}
    )
    team = Organisation.objects.filter(kind=OrganisationKind.TEAM).order_by("pk").first()
    Affiliation.objects.get_or_create(user=user, organisation=team, role=Role.COORDINATOR)
    User.objects.filter(pk=user.pk).update(is_demo=True)  # the demo settings let it skip the second factor
    return User.objects.get(pk=user.pk)


def _free_households(count: int, exclude=(), since=None) -> list:
    """Households of the town with members (since `since`, and still today) and nobody coordinating them."""
    from django.db.models import Exists, OuterRef, Q
    from django.utils import timezone

    from routekaart.residents.models import Household, Involvement, Membership

    today = timezone.localdate()
    members = Membership.objects.filter(household=OuterRef("pk"), valid_from__lte=since or today).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gt=today)
    )
    coordinated = Involvement.objects.filter(household=OuterRef("pk"), kind="coordinator")
    return list(
        Household.objects.filter(Exists(members))
        .exclude(Exists(coordinated))
        .exclude(pk__in=list(exclude))
        .order_by("pk")[:count]
    )


def _head(household):
    from django.db.models import Q
    from django.utils import timezone

    from routekaart.residents.models import Membership

    today = timezone.localdate()
    return (
        Membership.objects.filter(household=household, valid_from__lte=today)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=today))
        .select_related("resident")
        .order_by("resident__birth_date")
        .first()
        .resident
    )


def _to_plan(user, household, *, late: bool, decide: bool, provider):
    from django.utils import timezone

    from routekaart.access import services
    from routekaart.access.models import LifeDomain

    today = timezone.localdate()
    scores = {d.code: (3, "") for d in LifeDomain.objects.all()}
    case = services.signal_receive(
        actor=user, household=household, kind="report", topic="care", domain="W", summary="Hulpvraag (bench)"
    ).case
    services.intake_record(actor=user, case=case, question="Hulp", talents="Koken", scores=scores)
    services.gatekeeping_record(actor=user, case=case, outcome="continue")
    due = today - datetime.timedelta(days=3) if late else today + datetime.timedelta(days=30)
    plan = services.plan_draft(
        actor=user,
        case=case,
        goals=[services.GoalSpec("daily_living", "Zelf het huishouden doen"), services.GoalSpec("finances", "Rust")],
        agreements=[
            services.AgreementSpec("Post openen", "resident", today + datetime.timedelta(days=14)),
            services.AgreementSpec("Zus helpt", "network", today + datetime.timedelta(days=20), party_name="Anna"),
            services.AgreementSpec("Begeleiding", "provider", today + datetime.timedelta(days=60), provider=provider),
        ],
    )
    services.plan_activate(actor=user, plan=plan, resident_agreement="agreed")
    if late:
        from routekaart.access.models import Agreement

        Agreement.objects.filter(plan=plan, party="resident").update(due_on=due)
    if decide:
        from decimal import Decimal

        from routekaart.catalog.models import BuildingBlock

        guidance = BuildingBlock.objects.get(cluster__code="care_and_support", code="guidance")
        services.decision_record(
            actor=user,
            case=case,
            addressee=_head(household),
            provisions=[
                services.ProvisionSpec(
                    building_block=guidance,
                    outcome="granted",
                    law="W",
                    starts_on=today,
                    ends_on=today + datetime.timedelta(days=365),
                    volume=Decimal("4"),
                    unit="day_parts_per_week",
                    reasoning="Hulp bij de dagstructuur.",
                )
            ],
        )
    return case


def _cases_of(user):
    """The cases of the households `user` coordinates today: the coordinator is the household's coordinator
    involvement (residents), not a column of the case."""
    from routekaart.access.models import Case
    from routekaart.residents import selectors as residents_selectors

    return Case.objects.filter(residents_selectors.coordinated_by(user=user))


def build(user) -> int:
    """Make sure the bench coordinator has CASES open cases and one household with YEARS of history."""
    from django.db import transaction
    from django.utils import timezone
    from freezegun import freeze_time

    from routekaart.access import services
    from routekaart.organisations.models import Organisation, OrganisationKind

    provider, _ = Organisation.objects.get_or_create(
        code="bench-aanbieder", defaults={"kind": OrganisationKind.PROVIDER, "name": "Bench aanbieder"}
    )
    history = _cases_of(user).filter(status="closed").values_list("household_id", flat=True).first()
    if history is None:
        start = timezone.localdate() - datetime.timedelta(days=365 * YEARS + 30)
        household = _free_households(1, since=start)[0]
        for year in range(YEARS):
            with freeze_time(start + datetime.timedelta(days=365 * year)), transaction.atomic():
                case = _to_plan(user, household, late=False, decide=True, provider=provider)
                from routekaart.access.models import LifeDomain

                scores = {d.code: (2 + (year % 4), "") for d in LifeDomain.objects.all()}
                services.review_record(actor=user, case=case, note="Jaarlijkse evaluatie", scores=scores)
                services.case_close(actor=user, case=case, reason="goals_reached")
        with transaction.atomic():
            _to_plan(user, household, late=True, decide=True, provider=provider)
        history = household.pk
    missing = CASES - _cases_of(user).exclude(status="closed").count()
    if missing > 0:
        for index, household in enumerate(_free_households(missing, exclude=[history])):
            with transaction.atomic():
                _to_plan(user, household, late=index % 5 == 0, decide=index % 5 == 0, provider=provider)
    return history


# --- raw SQL (in the child) -------------------------------------------------------------------------------------


def _raw_worklist(user, offset: int = 0):
    """A page of the worklist, hand-written: one query with the per-case figures, one for the members.

    The coordinator is the household's coordinator involvement valid on the day (residents_involvement), as the
    page reads it: the cases are those of the households the user coordinates (or process-coordinates), and the
    coordinator's user and organisation are read per case."""
    from django.db import connection
    from django.utils import timezone

    today = timezone.localdate()

    def run() -> None:
        with connection.cursor() as c:
            c.execute(
                """
                SELECT c.id, c.household_id, c.status,
                  (SELECT i.user_id FROM residents_involvement i
                     WHERE i.household_id = c.household_id AND i.kind = 'coordinator' AND i.valid_from <= %s
                       AND (i.valid_to IS NULL OR i.valid_to > %s) ORDER BY i.valid_from DESC LIMIT 1)
                    AS coordinator_user,
                  (SELECT i.organisation_id FROM residents_involvement i
                     WHERE i.household_id = c.household_id AND i.kind = 'coordinator' AND i.valid_from <= %s
                       AND (i.valid_to IS NULL OR i.valid_to > %s) ORDER BY i.valid_from DESC LIMIT 1)
                    AS coordinator_organisation,
                  (SELECT MIN(d.due_on) FROM access_deadline d
                     WHERE d.case_id = c.id AND d.met_on IS NULL AND d.lapsed_on IS NULL) AS next_deadline,
                  (SELECT MIN(a.due_on) FROM access_agreement a JOIN access_plan p ON p.id = a.plan_id
                     WHERE p.case_id = c.id AND p.status IN ('active', 'draft') AND a.status = 'open')
                    AS next_agreement,
                  (SELECT COUNT(*) FROM access_agreement a JOIN access_plan p ON p.id = a.plan_id
                     WHERE p.case_id = c.id AND p.status IN ('active', 'draft') AND a.status = 'open'
                       AND a.due_on < %s) AS overdue,
                  (SELECT p.next_review_on FROM access_plan p WHERE p.case_id = c.id AND p.status = 'active')
                    AS next_review
                FROM access_case c
                WHERE c.status <> 'closed' AND (
                  c.household_id IN (SELECT i.household_id FROM residents_involvement i
                    WHERE i.kind = 'coordinator' AND i.user_id = %s
                      AND i.valid_from <= %s AND (i.valid_to IS NULL OR i.valid_to > %s))
                  OR c.process_coordinator_id = %s)
                ORDER BY MIN(COALESCE(next_deadline, '9999-12-31'), COALESCE(next_agreement, '9999-12-31'),
                             COALESCE(next_review, '9999-12-31')), c.id
                LIMIT 25 OFFSET %s
                """,
                [*[today] * 4, today, user.pk, today, today, user.pk, offset],
            )
            households = [row[1] for row in c.fetchall()]
            marks = ", ".join(["%s"] * len(households))
            c.execute(
                f"SELECT m.household_id, r.given_names, r.family_name FROM residents_membership m "
                f"JOIN residents_resident r ON r.id = m.resident_id WHERE m.household_id IN ({marks}) "
                "AND m.valid_from <= %s AND (m.valid_to IS NULL OR m.valid_to > %s)",
                [*households, today, today],
            )
            c.fetchall()

    return run


def _raw_household(household_id: int):
    """The household page's data, hand-written: members, involvements (the coordinator among them), the current
    case and its steps, decisions, scores."""
    from django.db import connection

    def run() -> None:
        with connection.cursor() as c:
            c.execute(
                "SELECT m.*, r.given_names, r.family_name, r.birth_date FROM residents_membership m "
                "JOIN residents_resident r ON r.id = m.resident_id WHERE m.household_id = %s",
                [household_id],
            )
            c.fetchall()
            # The household's involvements with organisation and person: the case's coordinator is the
            # coordinator involvement among them (newest first), as the page takes it from the rows it loaded.
            c.execute(
                "SELECT i.*, o.name, u.first_name, u.last_name FROM residents_involvement i "
                "JOIN organisations_organisation o ON o.id = i.organisation_id "
                "LEFT JOIN organisations_user u ON u.id = i.user_id "
                "WHERE i.household_id = %s ORDER BY i.valid_from DESC, i.id DESC",
                [household_id],
            )
            c.fetchall()
            c.execute(
                "SELECT * FROM access_case WHERE household_id = %s ORDER BY opened_on DESC, id DESC", [household_id]
            )
            case = c.fetchall()[0][0]
            for sql in (
                "SELECT * FROM access_signal WHERE case_id = %s",
                "SELECT * FROM access_intake WHERE case_id = %s",
                "SELECT * FROM access_gatekeeping WHERE case_id = %s",
                "SELECT * FROM access_deadline WHERE case_id = %s",
                "SELECT p.*, g.* FROM access_plan p LEFT JOIN access_goal g ON g.plan_id = p.id WHERE p.case_id = %s",
                "SELECT a.* FROM access_agreement a JOIN access_plan p ON p.id = a.plan_id WHERE p.case_id = %s",
            ):
                c.execute(sql, [case])
                c.fetchall()
            c.execute(
                "SELECT d.*, t.* FROM access_decision d JOIN access_tailoredprovision t ON t.decision_id = d.id "
                "WHERE d.household_id = %s ORDER BY d.decided_on DESC",
                [household_id],
            )
            c.fetchall()
            c.execute(
                "SELECT life_domain_id, scored_on, self_reliance FROM access_lifedomainscore "
                "WHERE household_id = %s ORDER BY scored_on",
                [household_id],
            )
            c.fetchall()
            c.execute(
                "SELECT * FROM audit_event WHERE household_id = %s ORDER BY occurred_at DESC LIMIT 200",
                [household_id],
            )
            c.fetchall()

    return run


def _measure() -> dict:
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.conf import settings

    settings.DEBUG = False
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from routekaart.access.models import Case, Decision, LifeDomainScore
    from routekaart.residents.models import Resident

    user = _coordinator()
    start = time.perf_counter()
    history = build(user)
    built = time.perf_counter() - start
    client = Client(SERVER_NAME="localhost")
    client.force_login(user)
    result = {
        "residents": Resident.objects.count(),
        "open_cases": _cases_of(user).exclude(status="closed").count(),
        "build_seconds": built,
        "history": {
            "cases": Case.objects.filter(household_id=history).count(),
            "decisions": Decision.objects.filter(household_id=history).count(),
            "scores": LifeDomainScore.objects.filter(household_id=history).count(),
        },
    }
    pages = {
        "worklist": (reverse("access:worklist"), _raw_worklist(user)),
        "worklist, last page": (
            reverse("access:worklist") + f"?pagina={CASES // 25}",
            _raw_worklist(user, offset=CASES - 25),
        ),
        "household page": (reverse("access:household", args=[history]), _raw_household(history)),
    }
    for label, (url, raw) in pages.items():

        def page(url=url) -> None:
            response = client.get(url)
            assert response.status_code == 200, response.status_code

        with CaptureQueriesContext(connection) as captured:
            page()
        queries = len(captured.captured_queries)  # before the timing runs rotate the connection's query log
        page_wall, page_cpu = timed(page)
        raw_wall, raw_cpu = timed(raw)
        result[label] = {
            "queries": queries,
            "page_seconds": page_wall,
            "page_cpu": page_cpu,
            "raw_seconds": raw_wall,
            "raw_cpu": raw_cpu,
        }
    return result


def private_town(env: dict, name: str = "access") -> dict:
    """A copy of the shared town for this bench (made once), so its cases never touch the others' benchmarks; another
    bench passes its own `name` to build on a copy of its own."""
    shared = Path(env["DATABASE_URL"].removeprefix("sqlite:///"))
    private = shared.with_name(f"{shared.stem}-{name}.sqlite3")
    if not private.exists():
        source, target = sqlite3.connect(shared), sqlite3.connect(private)
        with target:
            source.backup(target)
        source.close()
        target.close()
    env = {**env, "DATABASE_URL": f"sqlite:///{private}"}
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True)
    subprocess.run([*manage, "load_configuration"], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    return env


def run() -> list[tuple[str, str]]:
    env = private_town(_household_page_bench().town_database(RESIDENTS))
    done = subprocess.run(
        [sys.executable, __file__, "--measure"], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    result = json.loads(done.stdout.strip().splitlines()[-1])
    history = result["history"]
    rows = [
        ("residents in the database", f"{result['residents']:,}"),
        ("building the caseload (first run only)", f"{result['build_seconds']:.0f} s"),
        ("open cases of the bench coordinator", f"{result['open_cases']:,}"),
        (
            "history household",
            f"{history['cases']} cases, {history['decisions']} decisions, {history['scores']} life-domain scores",
        ),
    ]
    for label in ("worklist", "worklist, last page", "household page"):
        r = result[label]
        rows += [
            (
                f"{label}: server time (median of {REPEAT})",
                f"{r['page_seconds'] * 1000:.1f} ms ({r['page_cpu'] * 1000:.1f} ms CPU)",
            ),
            (f"{label}: queries", str(r["queries"])),
            (
                f"{label}: raw SQL for the same data",
                f"{r['raw_seconds'] * 1000:.2f} ms ({r['raw_cpu'] * 1000:.2f} ms CPU)",
            ),
            (
                f"{label}: page / raw SQL",
                f"{r['page_seconds'] / r['raw_seconds']:.0f}x ({r['page_cpu'] / r['raw_cpu']:.0f}x by CPU time)",
            ),
        ]
    return rows


if __name__ == "__main__":
    if sys.argv[1:] == ["--measure"]:
        print(json.dumps(_measure()))
    else:
        for measure, value in run():
            print(f"{measure}: {value}")
