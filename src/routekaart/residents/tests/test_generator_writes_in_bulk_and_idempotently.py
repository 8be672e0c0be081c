"""The demo town in the database: bulk inserts per chunk, a second run adds nothing, every demo account has work."""

import itertools
import re
from collections import defaultdict
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from routekaart.organisations.models import User

from ..access import household_access, households_visible
from ..generator import municipality_generate
from ..generator.population import chunk_build
from ..generator.store import chunk_store, districts_ensure, municipality_get, staff_ensure
from ..generator.town import TownPlan
from ..models import Address, Consent, Household, Involvement, Membership, Relation, Resident

pytestmark = [pytest.mark.django_db]
RESIDENTS = 3_000


@pytest.fixture
def demo_settings(settings):
    settings.ROUTEKAART_DEMO = True
    return settings


def _counts():
    return [m.objects.count() for m in (Resident, Household, Membership, Relation, Address, Involvement, Consent)]


def test_a_second_run_with_the_same_seed_adds_nothing():
    first = municipality_generate(seed=5, residents=RESIDENTS, progress=False)
    assert first["residents_written"] == RESIDENTS
    assert Resident.objects.count() == RESIDENTS
    before = _counts()
    second = municipality_generate(seed=5, residents=RESIDENTS, progress=False)
    assert second["residents_written"] == 0
    assert _counts() == before


def test_an_interrupted_run_is_completed_chunk_by_chunk():
    plan = TownPlan(seed=5, residents=RESIDENTS, reference_date=timezone.localdate())
    districts = districts_ensure(plan, municipality_get())
    chunk_store(chunk_build(plan, 1), plan=plan, district_ids=districts, staff=None)
    counts = municipality_generate(seed=5, residents=RESIDENTS, caseloads=False, progress=False)
    assert counts["chunks_present"] == 1
    assert counts["residents_written"] == RESIDENTS - 1_000
    assert Resident.objects.count() == RESIDENTS


def test_each_chunk_takes_the_same_handful_of_statements_not_one_per_row():
    """Per table one MAX(id) and one write of all its rows (COPY, or executemany of one INSERT), whatever it holds."""
    plan = TownPlan(seed=5, residents=RESIDENTS, reference_date=timezone.localdate())
    districts = districts_ensure(plan, municipality_get())
    staff = staff_ensure(plan)
    for chunk in range(plan.chunk_count):
        built = chunk_build(plan, chunk)
        with CaptureQueriesContext(connection) as queries:
            chunk_store(built, plan=plan, district_ids=districts, staff=staff)
        statements = [q["sql"] for q in queries.captured_queries if not q["sql"].startswith(("SAVEPOINT", "RELEASE"))]
        # Seven tables; the first chunk of the regisseur also asks whether the portal account has its resident.
        inserts = [sql for sql in statements if "INSERT INTO" in sql or "COPY" in sql]
        assert len(inserts) <= 7
        assert len(statements) <= 15, statements
        assert all(" times: INSERT INTO" in sql or " rows: COPY" in sql for sql in inserts)  # one call, all rows


def test_every_demo_account_sees_real_work_on_first_login():
    municipality_generate(seed=5, residents=RESIDENTS, progress=False)
    caseload = {u.username: households_visible(user=u).count() for u in User.objects.filter(is_demo=True)}
    assert 25 <= caseload["regisseur"] <= 35
    assert caseload["jobcoach"] >= 10
    assert caseload["werkgeversadviseur"] >= 5
    assert caseload["school"] >= 3
    assert caseload["aanbieder"] >= 5
    assert caseload["beleid"] == caseload["privacy"] == caseload["beheer"] == 0
    resident = Resident.objects.get(user__username="inwoner")
    assert resident.full_name == "Kim de Vries"
    household = Membership.objects.get(resident=resident, valid_to__isnull=True).household_id
    assert household_access(user=resident.user, household_id=household).basis == "resident"


def test_one_coordinator_per_household_at_a_time_and_rows_pass_validation():
    municipality_generate(seed=5, residents=RESIDENTS, progress=False)
    periods = defaultdict(list)
    for household, start, end in Involvement.objects.filter(kind="coordinator").values_list(
        "household_id", "valid_from", "valid_to"
    ):
        periods[household].append((start, end))
    for spans in periods.values():
        spans.sort(key=lambda s: s[0])
        for (_, end), (start, _) in itertools.pairwise(spans):
            assert end is not None and end <= start
    for model in (Resident, Address, Membership, Relation, Involvement, Consent):
        for row in model.objects.order_by("?")[:50]:
            row.full_clean()


def test_the_command_prints_counts_only(demo_settings):
    out = StringIO()
    call_command("generate_municipality", "--residents", "1200", "--seed", "3", "--no-progress", stdout=out)
    text = out.getvalue()
    assert "1200 inwoners" in text
    assert not re.search(r"\d{9}", text)
    names = Resident.objects.values_list("family_name", flat=True)[:200]
    assert not any(name in text for name in names if len(name) > 3)


def test_the_command_refuses_outside_the_demo_and_beyond_the_test_band(settings, demo_settings):
    with pytest.raises(CommandError):
        call_command("generate_municipality", "--residents", "9001", "--no-progress")
    settings.ROUTEKAART_DEMO = False
    with pytest.raises(CommandError):
        call_command("generate_municipality", "--residents", "10", "--no-progress")
    assert Resident.objects.count() == 0


def test_rows_added_after_the_generator_get_fresh_keys():
    """The generator assigns keys itself; afterwards the database's own numbering continues past them."""
    municipality_generate(seed=5, residents=1_000, caseloads=False, progress=False)
    highest = Household.objects.order_by("-pk").values_list("pk", flat=True).first()
    assert Household.objects.create().pk > highest
    resident = Resident.objects.order_by("-pk").first()
    assert (
        Resident.objects.create(
            bsn="123456782", given_names="Test", family_name="Persoon", birth_date=resident.birth_date
        ).pk
        > resident.pk
    )
