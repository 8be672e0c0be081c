"""The load harness's work inside the project: credentials, the pages to load, and each page's raw SQL time.

Run by bench/load/run.py with the Python of the tree that is served (`<tree>/.venv/bin/python`), the same
settings (production) and the same database as the server, so it works on the code before and after a change:

    python bench/load/django_side.py prepare --tree T --out targets.json [--accounts regisseur] [--sessions 16]
    python bench/load/django_side.py sqltime --tree T --targets targets.json --out sql.json

`prepare` signs the demo caseworkers in the test-only way (a load-test database only, never production data):
a confirmed TOTP device named `lasttest` and, per virtual user, a session that passed that second factor (the keys
django.contrib.auth and django-otp store at login) and an API token (knox, as `POST /api/v1/auth/token/` makes it).
It then asks the product itself, through its API with that token, which households and cases the caseworker may
see, so the load spreads over them.

`sqltime` requests each page once in-process (django.test.Client) after a warm-up, records every statement with
its parameters, then replays them on the raw psycopg connection in a transaction that is rolled back: the time
the database needs for that page, round trips included, without Django. The median of several replays counts.
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

TOTP_NAME = "lasttest"
# The caseworker mix: name -> (kind, how to build the path from a target). Equal weights (locustfile.py).
PAGES = {
    "worklist": "/toegang/",
    "household": "/huishoudens/{household}/",
    "case": "/toegang/huishoudens/{case_household}/",
    "api_cases": "/api/v1/cases/",
    "regulations_check": "/api/v1/income/households/{benefit_household}/entitlements/",
}
API_PAGES = {"api_cases", "regulations_check"}
FORWARDED = {"HTTP_X_FORWARDED_PROTO": "https", "HTTP_HOST": "127.0.0.1"}  # as behind the TLS proxy


def _django(tree: Path) -> None:
    sys.path.insert(0, str(tree / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "routekaart.conf.production")
    import django

    django.setup()


def _credentials(user, sessions: int) -> list[dict]:
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice
    from knox.models import AuthToken

    device, _ = TOTPDevice.objects.get_or_create(user=user, name=TOTP_NAME, defaults={"confirmed": True})
    store = import_module(settings.SESSION_ENGINE).SessionStore
    found = []
    for _ in range(sessions):
        session = store()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.create()
        _, token = AuthToken.objects.create(user=user)
        found.append({"account": user.username, "session": session.session_key, "token": token})
    return found


def _api_get(client, token: str, path: str):
    response = client.get(path, HTTP_AUTHORIZATION=f"Token {token}", **FORWARDED)
    return response.status_code, (response.json() if response.status_code == 200 else None)


def _results(body) -> list[dict]:
    return body["results"] if isinstance(body, dict) and "results" in body else (body or [])


def prepare(tree: Path, accounts: list[str], sessions: int, limit: int) -> dict:
    _django(tree)
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    users = get_user_model().objects.filter(username__in=accounts, is_active=True)
    credentials, targets = [], {}
    for user in users:
        mine = _credentials(user, sessions)
        token = mine[0]["token"]
        status, body = _api_get(client, token, f"/api/v1/households/?limit={limit}")
        households = [row["id"] for row in _results(body)] if status == 200 else []
        status, body = _api_get(client, token, f"/api/v1/cases/?limit={limit}")
        cases = [row for row in _results(body)] if status == 200 else []
        case_households = sorted({row["household"] for row in cases if row.get("household")})
        benefit = []
        for household in households:
            if len(benefit) >= 50:
                break
            status, _ = _api_get(client, token, PAGES["regulations_check"].format(benefit_household=household))
            if status == 200:
                benefit.append(household)
        entry = {"household": households, "case_household": case_households, "benefit_household": benefit}
        if all(entry.values()):
            targets[user.username] = entry
            credentials.extend(mine)
        else:
            counts = {key: len(ids) for key, ids in entry.items()}
            print(f"{user.username}: skipped (not every page has a target: {counts})")
    return {
        "settings": settings.SETTINGS_MODULE,
        "pages": PAGES,
        "api_pages": sorted(API_PAGES),
        "targets": targets,
        "credentials": credentials,
    }


SEED_MARKER = "Melding (lasttest): buurtbewoner maakt zich zorgen"


def seed(tree: Path, accounts: list[str], limit: int) -> dict:
    """Open cases for the caseworker's households, through the API as a caseworker would (a signal each).

    The generated town has no cases of the Toegang yet, and the worklist and the case page are part of the mix.
    Part of building a load-test town, so the code before and after see the same cases; idempotent: a household
    with a case of any status gets no new signal.
    """
    _django(tree)
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    made = {}
    for user in get_user_model().objects.filter(username__in=accounts, is_active=True):
        token = _credentials(user, 1)[0]["token"]
        status, body = _api_get(client, token, f"/api/v1/households/?limit={limit}")
        households = [row["id"] for row in _results(body)] if status == 200 else []
        status, body = _api_get(client, token, f"/api/v1/cases/?limit={limit}")
        with_case = {row["household"] for row in _results(body)} if status == 200 else set()
        count = 0
        for index, household in enumerate(households):
            if household in with_case:
                continue
            body = {"household": household, "kind": "report", "topic": "support", "summary": SEED_MARKER}
            body["urgent"] = index % 5 == 0
            response = client.post(
                "/api/v1/signals/",
                data=json.dumps(body),
                content_type="application/json",
                HTTP_AUTHORIZATION=f"Token {token}",
                **FORWARDED,
            )
            count += response.status_code == 201
            if response.status_code != 201:
                print(f"{user.username}: household {household}: HTTP {response.status_code} {response.content[:300]}")
        made[user.username] = count
        print(f"{user.username}: {count} new cases ({len(with_case)} already there)")
    return made


def _page_path(name: str, target: dict) -> str:
    values = {key: ids[len(ids) // 2] for key, ids in target.items()}
    return PAGES[name].format(**values)


def _capture(client, credential: dict, name: str, path: str) -> tuple[int, list]:
    from django.db import connection

    statements = []

    def record(execute, sql, params, many, context):
        statements.append((sql, params, many))
        return execute(sql, params, many, context)

    headers = dict(FORWARDED)
    if name in API_PAGES:
        headers["HTTP_AUTHORIZATION"] = f"Token {credential['token']}"
    else:
        client.cookies["sessionid"] = credential["session"]
    client.get(path, **headers)  # warm-up: caches, first-use imports
    with connection.execute_wrapper(record):
        response = client.get(path, **headers)
    return response.status_code, statements


def _replayable(statements: list) -> list:
    """The statements that replay without an error (each tried in a savepoint once, in a rolled-back transaction).

    A statement may fail on replay (a unique key the first run already used); it is left out of the timing.
    """
    from django.db import connection, transaction

    kept = []
    with transaction.atomic():
        raw = connection.connection
        cursor = raw.cursor()
        for statement in statements:
            sql, params, many = statement
            try:
                with raw.transaction():
                    if many:
                        cursor.executemany(sql, params)
                    else:
                        cursor.execute(sql, params)
                    if cursor.description is not None:
                        cursor.fetchall()
                kept.append(statement)
            except Exception:
                pass
        transaction.set_rollback(True)
    return kept


def _replay_once(statements: list) -> float:
    """Seconds to run the statements on the raw psycopg connection, in one transaction that is rolled back."""
    from django.db import connection, transaction

    with transaction.atomic():
        cursor = connection.connection.cursor()
        start = time.perf_counter()
        for sql, params, many in statements:
            if many:
                cursor.executemany(sql, params)
            else:
                cursor.execute(sql, params)
            if cursor.description is not None:
                cursor.fetchall()
        seconds = time.perf_counter() - start
        transaction.set_rollback(True)
    return seconds


def sqltime(tree: Path, targets: dict, repeats: int) -> dict:
    _django(tree)
    from django.test import Client

    credential = targets["credentials"][0]
    target = targets["targets"][credential["account"]]
    client = Client()
    pages = {}
    for name in PAGES:
        path = _page_path(name, target)
        status, statements = _capture(client, credential, name, path)
        kept = _replayable(statements)
        seconds = statistics.median(_replay_once(kept) for _ in range(repeats))
        pages[name] = {
            "status": status,
            "statements": len(statements),
            "replay_failed": len(statements) - len(kept),
            "sql_ms": round(seconds * 1000, 2),
        }
        print(f"{name:<18} {status} {len(statements):>4} statements  raw SQL {seconds * 1000:7.2f} ms", flush=True)
    return pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["seed", "prepare", "sqltime"])
    parser.add_argument("--tree", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--targets", type=Path)
    parser.add_argument("--accounts", default="regisseur")
    parser.add_argument("--sessions", type=int, default=16)
    parser.add_argument("--limit", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=5)
    options = parser.parse_args()
    if options.command == "seed":
        result = seed(options.tree, options.accounts.split(","), options.limit)
    elif options.command == "prepare":
        result = prepare(options.tree, options.accounts.split(","), options.sessions, options.limit)
    else:
        result = sqltime(options.tree, json.loads(options.targets.read_text()), options.repeats)
    options.out.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
