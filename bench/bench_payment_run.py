"""The monthly payment run for 50,000 benefits: prepare (lines from the calculation), approve (the pain.001 file
built, validated against its XSD and its totals checked) and the file rebuilt for download.

Runs in a child process on a throwaway SQLite file: the child migrates, loads the configuration and writes a
synthetic Dienst with raw bulk inserts (50,000 benefit households, a quarter couples and a third with a child,
one in ten with earnings reported for the month, one in a hundred without an IBAN), then measures each step:
wall time, the number of SQL statements, and peak Python memory (tracemalloc, which counts what Python allocates,
not the database driver's own buffers).
"""

import json
import os
import sys
from pathlib import Path

from _child import child_rows, income_child_setup

TITLE = "Betaalrun bijstand: 50,000 uitkeringen klaarzetten, fiatteren en het SEPA-bestand"
BENEFITS = int(os.environ.get("BENCH_PAYMENT_BENEFITS", 50_000))
DATA_SIZE = (
    f"{BENEFITS:,} running benefits of one Dienst (a quarter couples, a third with a child, one in ten with earnings "
    "for the month, one in a hundred without an IBAN); SQLite file in a temporary folder"
)
ROOT = Path(__file__).resolve().parents[1]


def run() -> list[tuple[str, str]]:
    return child_rows(__file__)


# --- The child process -----------------------------------------------------------------------------------------


def _population(month):
    """Write the synthetic Dienst; returns (seconds, organisation, preparer, approver). Setup, not a figure."""
    import random
    import time
    from datetime import date
    from decimal import Decimal

    from django.db import transaction
    from django.utils import timezone
    from schwifty import IBAN

    from routekaart.income.bulk import insert_many
    from routekaart.income.models import IncomeReport, SocialAssistance
    from routekaart.organisations.models import Affiliation, Organisation, User
    from routekaart.organisations.roles import Role
    from routekaart.residents.encryption import bsn_hash, encrypt_bsn
    from routekaart.residents.models import Household, Membership, Resident
    from routekaart.residents.names import name_key
    from routekaart.residents.tests.factories import bsn_for

    started = time.perf_counter()
    rng = random.Random(2026)
    now = timezone.now()
    with transaction.atomic():
        dienst = Organisation.objects.create(kind="service_organisation", code="bench-dienst", name="Bench Dienst")
        preparer = User.objects.create(username="bench-handhaving", password="!")
        approver = User.objects.create(username="bench-administratie", password="!")
        coordinator = User.objects.create(username="bench-km", password="!")
        for user, role in (
            (preparer, Role.CLIENT_ADMIN),
            (approver, Role.CLIENT_ADMIN),
            (coordinator, Role.COORDINATOR),
        ):
            Affiliation.objects.create(user=user, organisation=dienst, role=role)
        insert_many(Household, ("created_at",), ((now,) for _ in range(BENEFITS)))
        first_household = Household.objects.order_by("pk").values_list("pk", flat=True).first()
        people = []  # (household index, role, birth date, bsn seed)
        for i in range(BENEFITS):
            people.append((i, "head", date(rng.randint(1962, 2000), rng.randint(1, 12), rng.randint(1, 28)), i + 1))
            if i % 4 == 1:
                people.append((i, "partner", date(rng.randint(1962, 2000), 6, 1), BENEFITS + i + 1))
            if i % 3 == 2:
                people.append((i, "child", date(rng.randint(2010, 2020), 3, 1), 2 * BENEFITS + i + 1))
        insert_many(
            Resident,
            (
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
            ),
            (
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
        insert_many(
            SocialAssistance,
            (
                "household",
                "client",
                "organisation",
                "started_on",
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
                    date(2020, 1, 1),
                    "",
                    "obliged",
                    False,
                    ""
                    if i % 100 == 0
                    else str(IBAN.generate("NL", bank_code="RABO", account_code=f"{3_000_000_000 + i:010d}")),
                    f"B. K{i}",
                    now,
                )
                for i in range(BENEFITS)
            ),
        )
        first_benefit = SocialAssistance.objects.order_by("pk").values_list("pk", flat=True).first()
        insert_many(
            IncomeReport,
            ("benefit", "month", "net_earnings", "other_income", "note", "source", "reported_by", "reported_at"),
            (
                (
                    first_benefit + i,
                    month,
                    Decimal(rng.randint(100, 900)),
                    Decimal("0"),
                    "",
                    "staff",
                    coordinator.pk,
                    now,
                )
                for i in range(0, BENEFITS, 10)
            ),
        )
    return time.perf_counter() - started, dienst, preparer, approver


def _measure(function):
    """(seconds, statements, peak Python memory in MiB, result) of one call (tracemalloc)."""
    import time
    import tracemalloc

    from django.db import connection

    statements = []

    def count(execute, sql, params, many, context):
        statements.append(1)
        return execute(sql, params, many, context)

    tracemalloc.start()
    tracemalloc.reset_peak()
    with connection.execute_wrapper(count):
        started = time.perf_counter()
        result = function()
        seconds = time.perf_counter() - started
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return seconds, len(statements), peak / 2**20, result


def inner() -> list[tuple[str, str]]:
    income_child_setup()
    # The month being paid is this month, executed today (the service takes no execution date in the past).
    from django.utils import timezone

    today = timezone.localdate()
    generation, dienst, preparer, approver = _population(today.replace(day=1))
    from routekaart.income.services import payments

    rows: list[tuple[str, str]] = [
        ("machine load at the start (1-minute average)", f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"),
        ("note", "times include tracemalloc's own overhead (it traces every allocation): slower than untraced"),
        ("synthetic Dienst written (setup, not measured)", f"{generation:.0f} s"),
    ]
    seconds, statements, peak, run = _measure(
        lambda: payments.payment_run_prepare(
            actor=preparer, organisation=dienst, month=today.replace(day=1), execution_on=today
        )
    )
    rows += [
        ("prepare: payment lines written", f"{run.line_count:,} (skipped: {len(run.skipped):,})"),
        ("prepare: total of the run", f"EUR {run.total:,}"),
        ("prepare: time", f"{seconds:.1f} s"),
        ("prepare: SQL statements", f"{statements}"),
        ("prepare: peak Python memory (tracemalloc)", f"{peak:.0f} MiB"),
    ]
    seconds, statements, peak, run = _measure(lambda: payments.payment_run_approve(actor=approver, run=run))
    rows += [
        ("approve: time (file built, XSD-validated, totals checked, settlements booked)", f"{seconds:.1f} s"),
        ("approve: SQL statements", f"{statements}"),
        ("approve: peak Python memory (tracemalloc)", f"{peak:.0f} MiB"),
    ]
    seconds, statements, peak, content = _measure(lambda: payments.payment_run_file(run))
    rows += [
        ("file rebuilt for download (hash checked, not validated again): time", f"{seconds:.1f} s"),
        ("file rebuilt: SQL statements / peak Python memory", f"{statements} / {peak:.0f} MiB"),
        ("file size", f"{len(content) / 2**20:.1f} MiB"),
    ]
    return rows


if __name__ == "__main__" and sys.argv[1:] == ["--inner"]:
    print(json.dumps(inner()))
