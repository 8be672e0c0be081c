"""Provider messages: 10,000 incoming 305 (start) and 307 (stop) messages processed in one batch.

A fresh SQLite file: migrate, load the configuration, then a child process makes a small market (one municipality,
one contracted provider, 250 residents) with 5,000 sent assignments, builds a 305 and a 307 for each as the
provider's system would (not timed), and times `inbound.messages_receive_batch` over all 10,000: parse and schema
check, the checks against the assignment, the change with its event and processing-log entry, the stored message,
and the 306/308 retour built, stored and written to the file-drop wire. Queries are counted over the whole batch.
Run alone: `.venv/bin/python bench/run.py provider_messages`.
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

TITLE = "Provider messages: 10,000 starts and stops in one batch"
DATA_SIZE = "5,000 assignments of one provider, a 305 and a 307 each (SQLite, DEBUG off, one file per retour)"
ROOT = Path(__file__).resolve().parents[1]
ASSIGNMENTS = int(os.environ.get("BENCH_ASSIGNMENTS", "5000"))  # a quick look: BENCH_ASSIGNMENTS=50 --no-docs
RESIDENTS = 250


def child() -> None:
    """In the measuring child: make the market, build the messages, time the batch; print JSON."""
    import time
    from datetime import timedelta
    from decimal import Decimal

    sys.path.insert(0, str(ROOT / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "routekaart.conf.dev")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.utils import timezone

    from routekaart.providers.messages import codec
    from routekaart.providers.messages import facts as f
    from routekaart.providers.models import Assignment, AssignmentStatus
    from routekaart.providers.services import messaging
    from routekaart.providers.services.inbound import messages_receive_batch
    from routekaart.providers.tests.factories import (
        ContractFactory,
        ContractProductFactory,
        ProductFactory,
        ProviderProfileFactory,
    )
    from routekaart.residents.tests.factories import MunicipalityFactory, ResidentFactory

    settings.PROVIDERS_EXCHANGE_DIR = sys.argv[2]
    today = timezone.localdate()
    municipality = MunicipalityFactory(cbs_code="GM9901")
    profile = ProviderProfileFactory()
    product = ProductFactory(category_code="02", code="02A01")
    contract = ContractFactory(
        provider=profile.organisation,
        municipalities=[municipality],
        starts_on=today - timedelta(days=400),
        ends_on=today + timedelta(days=800),
    )
    contract_product = ContractProductFactory(contract=contract, product=product)
    residents = ResidentFactory.create_batch(RESIDENTS)
    Assignment.objects.bulk_create(
        Assignment(
            number=f"{20_000_000 + i}",
            municipality=municipality,
            provider=profile.organisation,
            contract_product=contract_product,
            product=product,
            resident=residents[i % RESIDENTS],
            household_id=i + 1,
            provision_id=i + 1,
            decision_reference=f"B{i:06d}",
            law="W",
            volume=Decimal(4),
            unit="04",
            frequency="2",
            starts_on=today - timedelta(days=90),
            ends_on=today + timedelta(days=300),
            status=AssignmentStatus.SENT,
        )
        for i in range(ASSIGNMENTS)
    )
    started_on, stopped_on = today - timedelta(days=60), today - timedelta(days=10)

    def header(kind: str, n: int) -> f.Header:
        return f.Header(
            kind=kind, law="W", sender=profile.agb_code, receiver="9901", identification=f"{n:012d}", dated_on=today
        )

    files = []
    assignments = list(Assignment.objects.select_related("resident__address", "product").order_by("pk"))
    clients = {}
    for n, assignment in enumerate(assignments):
        client = clients.get(assignment.resident_id) or clients.setdefault(
            assignment.resident_id, messaging.client_of(assignment.resident)
        )
        key = messaging.record_key(assignment.number, started_on)
        common = {"client": client, "reference": key, "assignment_number": assignment.number}
        common |= {"category": "02", "code": "02A01", "starts_on": started_on}
        files.append(codec.build(f.Start305(header=header("305", 2 * n + 1), **common)))
        files.append(codec.build(f.Stop307(header=header("307", 2 * n + 2), ends_on=stopped_on, reason="02", **common)))

    queries = 0

    def count(execute, sql, params, many, context):
        nonlocal queries
        queries += 1
        return execute(sql, params, many, context)

    load = os.getloadavg()[0]
    with connection.execute_wrapper(count):
        started = time.perf_counter()
        summary = messages_receive_batch(files)
        seconds = time.perf_counter() - started
    stopped = Assignment.objects.filter(status=AssignmentStatus.STOPPED).count()
    print(
        json.dumps(
            {
                "messages": len(files),
                "accepted": summary.accepted,
                "rejected": summary.rejected,
                "stopped": stopped,
                "seconds": seconds,
                "queries": queries,
                "load": load,
                "retour_files": len(list((Path(sys.argv[2]) / "out").iterdir())),
            }
        )
    )


def run() -> list[tuple[str, str]]:
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{Path(tmp) / 'bench.sqlite3'}",
            "DEBUG": "False",
            "DJANGO_SETTINGS_MODULE": "routekaart.conf.dev",
        }
        for step in (["migrate", "--noinput", "-v", "0"], ["load_configuration"]):
            subprocess.run([sys.executable, "manage.py", *step], cwd=ROOT, env=env, check=True, capture_output=True)
        out = subprocess.run(
            [sys.executable, __file__, "--child", str(Path(tmp) / "exchange")],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    figures = json.loads(out.strip().splitlines()[-1])
    per_message = figures["seconds"] / figures["messages"]
    return [
        (
            "messages",
            f"{figures['messages']:,} ({figures['accepted']:,} accepted, {figures['rejected']:,} rejected); "
            f"{figures['stopped']:,} assignments stopped; {figures['retour_files']:,} retour files written",
        ),
        (
            "batch time",
            f"{figures['seconds']:.1f} s ({per_message * 1000:.2f} ms per message; load average "
            f"{figures['load']:.1f} on the machine's cores when the batch began)",
        ),
        (
            "queries",
            f"{figures['queries']:,} ({figures['queries'] / figures['messages']:.1f} per message, "
            "the lookups read in bulk)",
        ),
    ]


if __name__ == "__main__" and sys.argv[1:2] == ["--child"]:
    child()
