"""Mijn Routekaart (the residents' portal) at 1,000,000 residents: every page a resident opens, its queries and time.

The town is the one `bench_household_page` generates (made once, reused). The portal needs a household with a
benefit and an active plan, which the generated town has not: this bench works on a copy of `bench_access`'s town
(made once, `bench_access.private_town(..., name="portal")`), whose bench coordinator has 500 open cases and one
household with ten years of history (ten closed cases, each with plan, decision and review, and an open eleventh
with an active plan and a decision). A measuring child process gives that household, once, social assistance
(through the income service), links a portal account to its head (`resident_account_link`, idempotent) and logs a
Django test client in as the DigiD callback leaves it (portal.session.SESSION_KEY).

Each portal page is requested with DEBUG off: its number of queries (after a first request warmed the per-process
caches) and the median wall and CPU time of REPEAT requests. The yardstick is the staff household page
(`residents:household_detail`, the page that shows the most) of the same household in the same run, as its
coordinator; for "Wie zag mijn gegevens" also the bare SQL of `processing_log_of` for the head's pseudonym, narrowed
as the page does (count and first page of 25), executed on the same connection. Every portal request logs its reads
in the copy's processing log, so the log of the head grows by a few hundred entries a run (hidden on the page by
default: they are the resident's own portal visits).
Run alone: `.venv/bin/python bench/run.py portal`; a quick look on a small town, kept out of the docs:
`BENCH_RESIDENTS=20000 .venv/bin/python bench/run.py --no-docs portal`.
"""

import importlib.util
import json
import os
import subprocess
import sys
import time
from pathlib import Path

TITLE = "Mijn Routekaart (residents' portal): every page of a head of household with a benefit and an active plan"
ROOT = Path(__file__).resolve().parents[1]
RESIDENTS = int(os.environ.get("BENCH_RESIDENTS", "1000000"))
DATA_SIZE = f"the demo town with {RESIDENTS:,} resident records (seed 2016), SQLite, DEBUG off"
REPEAT = 30
SLOW_MS = 100
MANY_QUERIES = 40
# Why a page over SLOW_MS or MANY_QUERIES is so, from a pyinstrument profile of the page (the run prints one when
# pyinstrument is installed); filled from the run's figures.
WHY = {
    "export_json": (
        "the inzage holds the person's whole processing log ({export[rows]:,} rows, {export[share]:.0%} of the "
        'bytes of {export[sections]} sections: "{export[title]}"), every entry since the start and the '
        "resident's own portal visits too; log_rows turns each into a row in Python (ORM objects, gettext, role "
        "words), which is most of the time, so it grows with the log: every portal page a resident opens adds an "
        "entry. The queries are a fixed number, one or a few per section of the export (each app's export_rows); "
        "they do not grow."
    ),
}
DIGID_BACKEND = "routekaart.portal.login.DigiDBackend"
MIDDEN = "urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorContract"
# The long variant of "Wie zag mijn gegevens": everything, with the resident's own portal visits, its last page.
LONG_LOG = "periode=alles&eigen=on&pagina=9999"
# Every page a resident opens, in the menu's order: (label, URL name, query string).
PAGES = (
    ("home", "portal:home", ""),
    ("plan", "portal:plan", ""),
    ("route", "portal:route", ""),
    ("decisions", "portal:decisions", ""),
    ("income", "portal:income", ""),
    ("regulations", "portal:regulations", ""),
    ("consents", "portal:consents", ""),
    ("authorisations", "portal:authorisations", ""),
    ("processing_log", "portal:processing_log", ""),
    ("processing_log, everything with own visits, last page", "portal:processing_log", LONG_LOG),
    ("export", "portal:export", ""),
    ("export_json", "portal:export_json", ""),
)


def _bench(name: str):
    """Another benchmark module of bench/ (not a package), to reuse its helpers."""
    spec = importlib.util.spec_from_file_location(f"bench_{name}", ROOT / "bench" / f"bench_{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- the household and the resident (in the child) --------------------------------------------------------------


def _head(household_id: int):
    """The household's head today (its oldest member when none is marked head)."""
    from django.utils import timezone

    from routekaart.residents import selectors as residents_selectors
    from routekaart.residents.models import Household

    members = residents_selectors.household_composition_on(household_id=household_id, on=timezone.localdate())
    head = next((m.resident for m in members if m.role == "head"), None)
    return head or _bench("access")._head(Household.objects.get(pk=household_id))


def _benefit(user, household_id: int, client) -> None:
    """Social assistance for the household from today, once, through the income service."""
    from django.utils import timezone

    from routekaart.income import selectors as income_selectors
    from routekaart.income.services import benefits
    from routekaart.residents.models import Household

    if income_selectors.unended_benefit_exists(household_id=household_id):
        return
    benefits.social_assistance_grant(
        actor=user,
        household=Household.objects.get(pk=household_id),
        client=client,
        organisation=user.affiliations.first().organisation,
        coordinator=user,
        started_on=timezone.localdate(),
    )


def _portal_client(resident):
    """A test client logged in to the portal as `resident`, as the DigiD callback leaves the session."""
    from django.db import transaction
    from django.test import Client

    from routekaart.portal.session import SESSION_KEY
    from routekaart.residents.account_services import resident_account_link

    with transaction.atomic():
        user = resident_account_link(resident)
    client = Client(SERVER_NAME="localhost")
    client.force_login(user, backend=DIGID_BACKEND)
    session = client.session
    session[SESSION_KEY] = {"resident_id": resident.pk, "assurance": MIDDEN, "expires_at": time.time() + 24 * 3600}
    session.save()
    return client, user


def _log_of(resident, portal_user_id: int, *, long: bool):
    """The head's log as the page narrows `processing_log_of`: by default the last 12 months without the resident's
    own portal visits; the long variant everything."""
    from django.utils import timezone

    from routekaart.audit import selectors as audit_selectors
    from routekaart.audit import services as audit
    from routekaart.portal.privacy_forms import DEFAULT_PERIOD
    from routekaart.portal.privacy_log import period_start

    return audit_selectors.processing_log_of_subject(
        pseudonym=audit.pseudonym(resident.bsn),
        since=None if long else period_start(DEFAULT_PERIOD, on=timezone.localdate()),
        hide_portal_reads_of=None if long else portal_user_id,
    )


def _raw_processing_log(resident, portal_user_id: int, *, long: bool):
    """The bare SQL of `processing_log_of` for the head's pseudonym, narrowed as the page does: its count and the
    page shown (25 entries with actor and activity; the long variant its last), run on the cursor without the ORM
    building objects."""
    from django.db import connection

    from routekaart.portal.privacy_views import PAGE_SIZE

    entries = _log_of(resident, portal_user_id, long=long)
    total = entries.count()
    offset = max(0, (total - 1) // PAGE_SIZE * PAGE_SIZE) if long else 0
    count_sql = entries.values("pk").query.sql_with_params()
    page_sql = entries[offset : offset + PAGE_SIZE].query.sql_with_params()

    def run() -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM ({count_sql[0]}) AS log", count_sql[1])
            cursor.fetchall()
            cursor.execute(*page_sql)
            cursor.fetchall()

    return run


def _page_figures(client, url: str, timed) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def page():
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        return response

    page()  # warm: per-process caches (the register, the navigation) and the session
    with CaptureQueriesContext(connection) as captured:
        response = page()
    queries = len(captured.captured_queries)  # before the timing runs' new connections empty the query log
    wall, cpu = timed(page, repeat=REPEAT)
    return {"queries": queries, "wall": wall, "cpu": cpu, "bytes": len(response.content)}


def _export_make_up(client) -> dict:
    """What the inzage JSON holds: its size, and the rows and share of the bytes of its largest section."""
    from django.urls import reverse

    document = json.loads(client.get(reverse("portal:export_json")).content)
    sizes = [
        (len(json.dumps(part, ensure_ascii=False)), part.get("titel", "?"), len(part.get("rijen", [])))
        for part in document["onderdelen"]
    ]
    largest, title, rows = max(sizes)
    total = len(json.dumps(document, ensure_ascii=False))
    return {"sections": len(sizes), "title": title, "rows": rows, "share": largest / total}


def _profile(client, url: str) -> str:
    """The top of a pyinstrument profile of one request, when pyinstrument is installed (a slow page's why)."""
    try:
        from pyinstrument import Profiler
    except ImportError:
        return ""
    profiler = Profiler(interval=0.0005)
    profiler.start()
    for _ in range(5):
        client.get(url)
    profiler.stop()
    return profiler.output_text(unicode=False, color=False, show_all=False)


def _measure() -> dict:
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.conf import settings

    settings.DEBUG = False
    from django.db import transaction
    from django.test import Client
    from django.urls import reverse

    from routekaart.residents.models import Resident

    access = _bench("access")
    timed = _bench("household_page").timed
    start = time.perf_counter()
    user = access._coordinator()
    household_id = access.build(user)
    head = _head(household_id)
    with transaction.atomic():
        _benefit(user, household_id, head)
    built = time.perf_counter() - start
    client, portal_user = _portal_client(head)
    result = {
        "residents": Resident.objects.count(),
        "build_seconds": built,
        "log": {
            "entries": _log_of(head, portal_user.pk, long=True).count(),
            "shown": _log_of(head, portal_user.pk, long=False).count(),
        },
        "pages": {},
        "profiles": {},
    }
    for label, name, query in PAGES:
        url = reverse(name) + (f"?{query}" if query else "")
        figures = _page_figures(client, url, timed)
        result["pages"][label] = figures
        if figures["wall"] * 1000 > SLOW_MS or figures["queries"] > MANY_QUERIES:
            result["profiles"][label] = _profile(client, url)
    result["export"] = _export_make_up(client)
    staff = Client(SERVER_NAME="localhost")
    staff.force_login(user)
    result["household_page"] = _page_figures(staff, reverse("residents:household_detail", args=[household_id]), timed)
    for long in (False, True):
        raw_wall, raw_cpu = timed(_raw_processing_log(head, portal_user.pk, long=long), repeat=REPEAT)
        result["processing_log_raw_long" if long else "processing_log_raw"] = {"wall": raw_wall, "cpu": raw_cpu}
    return result


# --- the parent: the town, the child, the rows ------------------------------------------------------------------


def _town() -> dict:
    access = _bench("access")
    shared = _bench("household_page").town_database(RESIDENTS)
    return access.private_town(access.private_town(shared), name="portal")


def _ms(wall: float, cpu: float) -> str:
    return f"{wall * 1000:.1f} ms ({cpu * 1000:.1f} ms CPU)"


def run() -> list[tuple[str, str]]:
    load = "{:.2f} / {:.2f} / {:.2f}".format(*os.getloadavg())
    env = _town()
    load_after = "{:.2f} / {:.2f} / {:.2f}".format(*os.getloadavg())  # now with the town's check and migration
    done = subprocess.run(
        [sys.executable, __file__, "--measure"], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    result = json.loads(done.stdout.strip().splitlines()[-1])
    for label, text in result["profiles"].items():
        if text:
            print(f"--- profile of {label}\n{text}", file=sys.stderr)
    household = result["household_page"]
    rows = [
        ("residents in the database", f"{result['residents']:,}"),
        ("machine load before the run (load average 1 / 5 / 15 min, 2 cores)", load),
        ("machine load before measuring (after the town's check and migration)", load_after),
        ("building the household's benefit and plan (first run only)", f"{result['build_seconds']:.0f} s"),
        (
            "the head's processing log before the run: all entries; listed by default (12 months, not own visits)",
            f"{result['log']['entries']:,}; {result['log']['shown']:,}",
        ),
        (
            f"yardstick: staff household page of the same household: server time (median of {REPEAT})",
            _ms(household["wall"], household["cpu"]),
        ),
        ("yardstick: staff household page: queries", str(household["queries"])),
    ]
    for label, name, query in PAGES:
        page = result["pages"][label]
        rows += [
            (f"{label}: server time (median of {REPEAT})", _ms(page["wall"], page["cpu"])),
            (f"{label}: queries; response size", f"{page['queries']}; {page['bytes'] / 1024:,.0f} KiB"),
            (
                f"{label}: / household page",
                f"{page['wall'] / household['wall']:.2f}x ({page['cpu'] / household['cpu']:.2f}x by CPU time)",
            ),
        ]
        if name == "portal:processing_log":
            raw = result["processing_log_raw_long" if query else "processing_log_raw"]
            rows += [
                (f"{label}: bare SQL of processing_log_of (count and the page)", _ms(raw["wall"], raw["cpu"])),
                (
                    f"{label}: page / bare SQL",
                    f"{page['wall'] / raw['wall']:.0f}x ({page['cpu'] / raw['cpu']:.0f}x by CPU time)",
                ),
            ]
    slow = [
        label
        for label, page in result["pages"].items()
        if page["wall"] * 1000 > SLOW_MS or page["queries"] > MANY_QUERIES
    ]
    rows.append((f"pages over {SLOW_MS} ms or {MANY_QUERIES} queries", ", ".join(slow) if slow else "none"))
    for label in slow:
        why = WHY.get(label, "not explained yet (see the profile the run prints)")
        rows.append((f"why {label}", why.format(**result)))
    return rows


if __name__ == "__main__":
    if sys.argv[1:] == ["--measure"]:
        print(json.dumps(_measure()))
    else:
        for measure, value in run():
            print(f"{measure}: {value}")
