"""The regulations check for 100,000 households and the yearly planning for 400,000 clients: set-based vs naive.

Runs in a child process on a throwaway SQLite file, so the figures do not depend on other benchmarks: the child
migrates, loads the configuration, writes a synthetic population with bulk inserts (400,000 benefit clients with
their households; 100,000 of them still on benefit on the date of the check, with a situation on record), and
measures:

- the yearly planner (`income.services.annual_reviews_plan`) for all 400,000 clients: time, queries, peak memory;
- the regulations check set-based (`income.batch.entitlement_evaluate` and the full run that writes the
  non-take-up) for 100,000 households: time, queries, peak memory;
- the same check household by household through the page's selector (`entitlement_check_naive`), on a sample,
  extrapolated linearly to 100,000 households, and the ratio between the two.

Peak memory is the process's resident memory above its level before the call, sampled every 5 ms.
"""

import json
import os
import sys
from pathlib import Path

from _child import child_rows, income_child_setup

TITLE = "Bestaanszekerheid: regelingencheck en jaarplanning (set-based versus per huishouden)"
DATA_SIZE = (
    "400,000 clients with social assistance (national scale) for the yearly planning; 100,000 households for the "
    "regulations check (7 regulations); naive loop on a sample of 2,000 households, extrapolated"
)
ROOT = Path(__file__).resolve().parents[1]
CLIENTS = int(os.environ.get("BENCH_INCOME_CLIENTS", 400_000))
CHECKED = int(os.environ.get("BENCH_INCOME_CHECKED", 100_000))
NAIVE_SAMPLE = int(os.environ.get("BENCH_INCOME_NAIVE_SAMPLE", 2_000))
CASELOAD = 75  # clients per coordinator (the demo's klantmanager caseload)


def run() -> list[tuple[str, str]]:
    return child_rows(__file__)


# --- The child process -----------------------------------------------------------------------------------------


def _population() -> float:
    """Write the synthetic population with raw bulk inserts; returns the seconds it took (setup, not a figure)."""
    import random
    import time
    from datetime import date, timedelta

    from django.db import transaction
    from django.utils import timezone

    from routekaart.income.bulk import insert_many
    from routekaart.income.models import HouseholdSituation, SocialAssistance
    from routekaart.organisations.models import Affiliation, Organisation, User
    from routekaart.organisations.roles import Domain, Role
    from routekaart.residents.encryption import bsn_hash, encrypt_bsn
    from routekaart.residents.models import Household, Involvement, InvolvementKind, Membership, Resident
    from routekaart.residents.names import name_key
    from routekaart.residents.tests.factories import bsn_for

    started = time.perf_counter()
    rng = random.Random(2026)
    now = timezone.now()
    with transaction.atomic():
        dienst = Organisation.objects.create(kind="service_organisation", code="bench-dienst", name="Bench Dienst")
        coordinators = User.objects.bulk_create(
            [User(username=f"km-{i:05d}", password="!") for i in range(CLIENTS // CASELOAD + 1)], batch_size=5000
        )
        coordinator_ids = [u.pk for u in User.objects.filter(username__startswith="km-").order_by("pk")]
        del coordinators
        Affiliation.objects.bulk_create(
            [Affiliation(user_id=u, organisation=dienst, role=Role.COORDINATOR) for u in coordinator_ids],
            batch_size=5000,
        )
        insert_many(Household, ("created_at",), ((now,) for _ in range(CLIENTS)))
        first_household = Household.objects.order_by("pk").values_list("pk", flat=True).first()
        people = []  # (household index, role, birth date, bsn seed)
        for i in range(CLIENTS):
            people.append((i, "head", date(rng.randint(1960, 2000), rng.randint(1, 12), rng.randint(1, 28)), i + 1))
            if i < CHECKED and i % 4 == 1:
                people.append((i, "partner", date(rng.randint(1960, 2000), 6, 1), CLIENTS + i + 1))
            if i < CHECKED and i % 3 == 2:
                people.append((i, "child", date(rng.randint(2010, 2020), 3, 1), 2 * CLIENTS + i + 1))
        resident_columns = (
            "bsn",
            "bsn_hash",
            "given_names",
            "name_prefix",
            "family_name",
            "family_name_key",
            "birth_date",
            "gender",
            "country_of_birth",
            "education_level",
            "email",
            "phone",
            "created_at",
        )
        insert_many(
            Resident,
            resident_columns,
            (
                # the BSN encrypted at rest with its keyed lookup hash, as the generator writes it
                (
                    encrypt_bsn(bsn),
                    bsn_hash(bsn),
                    "B",
                    "",
                    f"K{i}",
                    name_key(f"K{i}"),
                    born,
                    "unknown",
                    "NL",
                    "unknown",
                    "",
                    "",
                    now,
                )
                for i, _role, born, seed in people
                for bsn in (bsn_for(seed),)
            ),
        )
        first_resident = Resident.objects.order_by("pk").values_list("pk", flat=True).first()
        insert_many(
            Membership,
            ("household", "resident", "role", "valid_from"),
            (
                (first_household + i, first_resident + n, role, date(2015, 1, 1))
                for n, (i, role, _b, _s) in enumerate(people)
            ),
        )
        clients = [first_resident + n for n, (_i, role, _b, _s) in enumerate(people) if role == "head"]
        # start and work obligation drawn per client in turn, as before, so the population stays the same
        terms = [
            (
                date(2015, 1, 1) + timedelta(days=rng.randint(0, 3900)),
                rng.choice(["obliged", "obliged", "temporarily_exempt", "exempt"]),
            )
            for _ in range(CLIENTS)
        ]
        # The fixed coordinator is the household's coordinator: one open coordinator involvement per household
        # (residents), started with the benefit, as the grant service does; the benefit has no column for it.
        insert_many(
            Involvement,
            ("household", "organisation", "user", "kind", "domain", "reason", "valid_from", "valid_to"),
            (
                (
                    first_household + i,
                    dienst.pk,
                    coordinator_ids[i % len(coordinator_ids)],
                    InvolvementKind.COORDINATOR.value,
                    Domain.PARTICIPATION.value,
                    "Bijstand (Participatiewet): vaste regiehouder",
                    terms[i][0],
                    None,
                )
                for i in range(CLIENTS)
            ),
        )
        insert_many(
            SocialAssistance,
            (
                "household",
                "client",
                "organisation",
                "started_on",
                "ended_on",
                "end_reason",
                "work_obligation",
                "surplus_settlement",
                "iban",
                "account_holder",
                "created_at",
            ),
            (
                (
                    first_household + i,
                    clients[i],
                    dienst.pk,
                    terms[i][0],
                    None if i < CHECKED else date(2026, 6, 1),
                    "",
                    terms[i][1],
                    False,
                    "",
                    "",
                    now,
                )
                for i in range(CLIENTS)
            ),
        )
        insert_many(
            HouseholdSituation,
            (
                "household",
                "year",
                "monthly_income",
                "assets",
                "chronic_illness",
                "student_with_disability",
                "low_income_since",
                "income_prospect",
                "special_costs",
            ),
            (
                (
                    first_household + i,
                    2025,
                    rng.choice(["1200.00", "1407.65", "1600.00", "1750.00", "2100.00"]),
                    rng.choice(["0", "2000", "3000", "9000"]),
                    rng.random() < 0.3,
                    rng.random() < 0.03,
                    date(rng.choice([2012, 2019, 2023, 2025]), 1, 1),
                    rng.random() < 0.3,
                    rng.random() < 0.2,
                )
                for i in range(CHECKED)
            ),
        )
    return time.perf_counter() - started


def _measure(function):
    """(seconds, queries, peak resident memory above the start in MiB, result) of one call.

    Memory is sampled from /proc every 5 ms in a thread, so it includes numpy and the database driver and costs
    the measured code nothing.
    """
    import threading
    import time

    from django.db import connection

    page = os.sysconf("SC_PAGE_SIZE")

    def rss() -> int:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * page

    baseline = rss()
    peak = [baseline]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.005):
            peak[0] = max(peak[0], rss())

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    queries = []

    def count(execute, sql, params, many, context):  # counts every statement; Django's query log keeps 9,000 only
        queries.append(1)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        started = time.perf_counter()
        result = function()
        seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    peak[0] = max(peak[0], rss())
    return seconds, len(queries), (peak[0] - baseline) / 2**20, result


def inner() -> list[tuple[str, str]]:
    import time
    from datetime import date
    from unittest import mock

    income_child_setup()
    generation = _population()
    from routekaart.audit import services as audit_services
    from routekaart.income.batch import entitlement_check_naive, entitlement_check_run, entitlement_evaluate
    from routekaart.income.models import SocialAssistance
    from routekaart.income.services import annual_reviews_plan

    rows: list[tuple[str, str]] = [("synthetic population written (setup, not measured)", f"{generation:.0f} s")]

    # Time spent in the audit's processing log (one row per client) is reported apart from the planner's own work.
    logged = [0.0]
    original = audit_services.processing_record

    def timed_record(**kwargs):
        started = time.perf_counter()
        try:
            return original(**kwargs)
        finally:
            logged[0] += time.perf_counter() - started

    with mock.patch.object(audit_services, "processing_record", timed_record):
        seconds, queries, peak, report = _measure(lambda: annual_reviews_plan(year=2026, start=date(2026, 1, 1)))
    per_coordinator = report.planned / max(report.coordinators, 1)
    rows += [
        ("yearly planning: clients planned", f"{report.planned:,}"),
        ("yearly planning: coordinators", f"{report.coordinators:,} (about {per_coordinator:.0f} clients each)"),
        ("yearly planning: time, total", f"{seconds:.1f} s ({queries} queries)"),
        ("yearly planning: of which the processing log (audit, one row per client)", f"{logged[0]:.1f} s"),
        ("yearly planning: peak memory above start", f"{peak:.0f} MiB"),
    ]

    # The regulations check, set-based.
    on = date(2026, 7, 1)
    households = SocialAssistance.objects.filter(ended_on__isnull=True).count()
    eval_seconds, eval_queries, eval_peak, result = _measure(lambda: entitlement_evaluate(on=on))
    found = sum(len(v) for v in result.found.values())
    logged[0] = 0.0
    with mock.patch.object(audit_services, "processing_record", timed_record):
        run_seconds, run_queries, run_peak, run = _measure(lambda: entitlement_check_run(on=on))

    # The same check household by household through the page's selector, on a sample.
    sample = list(
        SocialAssistance.objects.filter(ended_on__isnull=True)
        .order_by("?")[:NAIVE_SAMPLE]
        .values_list("household_id", flat=True)
    )
    naive_seconds, naive_queries, _, _ = _measure(lambda: entitlement_check_naive(on=on, household_ids=sample))
    naive_total = naive_seconds / len(sample) * households
    rows += [
        ("regulations check: households with a running benefit", f"{households:,}"),
        ("regulations check set-based: evaluate (read + numpy rules)", f"{eval_seconds:.2f} s, {eval_queries} queries"),
        ("regulations check set-based: evaluate, peak memory above start", f"{eval_peak:.0f} MiB"),
        (
            "regulations check set-based: full run (+ write non-take-up, processing log)",
            f"{run_seconds:.1f} s, {run_queries} queries (of which processing log {logged[0]:.1f} s)",
        ),
        ("regulations check set-based: full run, peak memory above start", f"{run_peak:.0f} MiB"),
        (
            "regulations check set-based: non-take-up found",
            f"{found:,} in {run.households_with_non_take_up:,} households",
        ),
        (
            f"regulations check per household: measured on {len(sample):,} households",
            f"{naive_seconds:.1f} s, {naive_queries / len(sample):.0f} queries per household",
        ),
        ("regulations check per household: extrapolated to all households", f"{naive_total:.0f} s"),
        ("ratio per-household loop / set-based evaluate", f"{naive_total / eval_seconds:.0f}x"),
    ]
    return rows


if __name__ == "__main__" and "--inner" in sys.argv:
    print(json.dumps(inner()))
