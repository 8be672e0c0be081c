"""Finding people in a town of 1,000,000 residents: server time of a search by BSN, by name and by address.

The page (`residents:search`, a POST) is requested in a child process with the town's database through Django's
test client, logged in as the demo `regisseur`, for a person of her caseload: by BSN (keyed hash, unique index),
by the first three letters of a family name (the search key's prefix index) and by postcode + house number (the
address's unique index). "Raw SQL" is the hand-written SQL of the same search: the user's visible memberships (an
involvement of hers or her organisation, or a consent to it) joined to the resident and address, with the same
condition, at most 51 rows. The ratio says what the ORM, the access rules, the processing log and the template add.
The search terms are the bench's own and are never printed.
Run alone: `.venv/bin/python bench/run.py search`; a quick look on a small town:
`BENCH_RESIDENTS=5000 .venv/bin/python bench/run.py --no-docs search`.
"""

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

TITLE = "Finding people at 1,000,000 residents (search by BSN, name, postcode)"
ROOT = Path(__file__).resolve().parents[1]
RESIDENTS = int(os.environ.get("BENCH_RESIDENTS", "1000000"))
DATA_SIZE = f"the demo town with {RESIDENTS:,} resident records (seed 2016), SQLite, DEBUG off"
REPEAT = 40
SEARCH_URL = "/huishoudens/zoeken/"


def _bench(name: str):
    """A sibling benchmark module (bench/ is no package): the town it builds, its timing."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _household_page_bench():
    return _bench("bench_household_page")


def timed(fn, repeat: int = REPEAT) -> tuple[float, float]:
    """Median wall time and median CPU time of `fn` (bench_access's timing, with this benchmark's repeat)."""
    return _bench("bench_access").timed(fn, repeat)


def _target(user):
    """A person the regisseur may see, with an address: whom the three searches look for."""
    from django.utils import timezone

    from routekaart.residents.access import members_visible

    membership = (
        members_visible(user=user, on=timezone.localdate())
        .filter(resident__address__isnull=False)
        .select_related("resident__address")
        .order_by("pk")
        .first()
    )
    return membership.resident


def _raw_sql(user, condition: str, params: list):
    """The same search, hand-written: visible memberships of today, joined, filtered, at most 51 rows."""
    from django.db import connection
    from django.utils import timezone

    from routekaart.audit.configuration import activity_roles
    from routekaart.organisations.roles import ROLE_DOMAINS
    from routekaart.residents.models import Address, Consent, Involvement, Membership, Resident

    t = {m: m._meta.db_table for m in (Address, Consent, Involvement, Membership, Resident)}
    today = timezone.localdate()
    allowed = set(activity_roles("household-file") or ())
    organisations = sorted(
        {a.organisation_id for a in user.affiliations.all() if a.role in allowed and "G" in ROLE_DOMAINS.get(a.role)}
    )
    marks = ", ".join(["%s"] * len(organisations)) or "NULL"
    sql = (
        f"SELECT m.id, m.household_id, r.id, r.bsn, r.given_names, r.name_prefix, r.family_name, r.birth_date, "
        f"a.street, a.house_number, a.house_number_addition, a.postcode, a.city "
        f"FROM {t[Membership]} m JOIN {t[Resident]} r ON r.id = m.resident_id "
        f"LEFT JOIN {t[Address]} a ON a.id = r.address_id "
        "WHERE m.valid_from <= %s AND (m.valid_to IS NULL OR m.valid_to > %s) "
        f"AND (m.household_id IN (SELECT household_id FROM {t[Involvement]} WHERE valid_from <= %s "
        f"AND (valid_to IS NULL OR valid_to > %s) AND organisation_id IN ({marks}) "
        "AND (user_id = %s OR user_id IS NULL)) "
        f"OR EXISTS (SELECT 1 FROM {t[Consent]} c WHERE c.household_id = m.household_id "
        f"AND c.resident_id = m.resident_id AND c.domain = 'G' AND c.withdrawn_at IS NULL AND c.valid_from <= %s "
        f"AND (c.valid_to IS NULL OR c.valid_to > %s) AND c.organisation_id IN ({marks}))) "
        f"AND {condition} ORDER BY r.family_name_key, r.given_names, r.birth_date, m.id LIMIT 51"
    )
    arguments = [today, today, today, today, *organisations, user.pk, today, today, *organisations, *params]

    def run() -> int:
        with connection.cursor() as cursor:
            cursor.execute(sql, arguments)
            return len(cursor.fetchall())

    return run


def _measure() -> dict:
    client, user = _household_page_bench().child_setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from routekaart.residents.encryption import bsn_hash
    from routekaart.residents.models import Resident

    person = _target(user)
    address = person.address
    prefix = person.family_name_key[:3]
    searches = {
        "BSN": ({"bsn": person.bsn}, "r.bsn_hash = %s", [bsn_hash(person.bsn)]),
        # LIKE for PostgreSQL's pattern index, and the range SQLite reads from its index (residents.search._prefix).
        "name (first 3 letters)": (
            {"family_name": prefix},
            "r.family_name_key LIKE %s AND r.family_name_key >= %s AND r.family_name_key < %s",
            [prefix + "%", prefix, prefix[:-1] + chr(ord(prefix[-1]) + 1)],
        ),
        "postcode + house number": (
            {"postcode": address.postcode, "house_number": str(address.house_number)},
            "a.postcode = %s AND a.house_number = %s",
            [address.postcode, address.house_number],
        ),
    }
    result = {"residents": Resident.objects.count()}
    for label, (data, condition, params) in searches.items():

        def page(data=data) -> None:
            response = client.post(SEARCH_URL, data)
            assert response.status_code == 200, response.status_code

        with CaptureQueriesContext(connection) as queries:
            response = client.post(SEARCH_URL, data)
        raw = _raw_sql(user, condition, params)
        result[label] = {
            "found": response.content.decode().count('scope="row"'),  # one header cell per person shown
            "found_raw": raw(),
            "queries": len(queries.captured_queries),
            "page": timed(page),
            "raw": timed(raw),
        }
    return result


def run() -> list[tuple[str, str]]:
    env = _household_page_bench().town_database(RESIDENTS)
    done = subprocess.run(
        [sys.executable, __file__, "--measure"], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    result = json.loads(done.stdout.strip().splitlines()[-1])
    rows = [("residents in the database", f"{result['residents']:,}")]
    for label, r in result.items():
        if label == "residents":
            continue
        (page_wall, page_cpu), (raw_wall, raw_cpu) = r["page"], r["raw"]
        rows += [
            (f"search by {label}: persons found (raw SQL)", f"{r['found']} ({r['found_raw']})"),
            (f"search by {label}: queries", str(r["queries"])),
            (
                f"search by {label}: server time (median of {REPEAT})",
                f"{page_wall * 1000:.1f} ms ({page_cpu * 1000:.1f} ms CPU)",
            ),
            (
                f"search by {label}: raw SQL of the same search",
                f"{raw_wall * 1000:.2f} ms ({raw_cpu * 1000:.2f} ms CPU)",
            ),
            (
                f"search by {label}: page / raw SQL",
                f"{page_wall / raw_wall:.0f}x ({page_cpu / raw_cpu:.0f}x by CPU time)",
            ),
        ]
    return rows


if __name__ == "__main__":
    if sys.argv[1:] == ["--measure"]:
        print(json.dumps(_measure()))
    else:
        for measure, value in run():
            print(f"{measure}: {value}")
