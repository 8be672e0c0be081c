"""Write the demo town to the database: chunk by chunk, a few multi-row INSERTs per table, one transaction each.

Why it bypasses `services.py`: the services write one resident at a time, with an event and a processing-log
entry each, which is right for casework and far too slow for a million invented people. The generator writes
the same tables in bulk and keeps the invariants by construction (tested in `tests/test_generator_*.py`): nobody
in two households on the same day, periods that end after they start, one coordinator per household at a time.
The data is synthetic, so there is no data subject whose processing should be logged; the run itself is recorded
as one event.

Why not `bulk_create`: Django prepares every value of every row through the field API, which cost four times
the rest of the generator at a million residents. `_Table` writes the same rows with the database driver: COPY on
PostgreSQL, `executemany` of one prepared INSERT on SQLite, with primary keys the generator assigns itself from
the table's current maximum, so no RETURNING is needed. Columns the generator does not fill
get the model field's default, so a field added later with a default keeps working. Afterwards PostgreSQL's
sequences are moved past the new keys (`sequences_reset`). Run it while nobody else writes residents: that is
what `setup_demo` and the benchmarks do.
"""

import random
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ImproperlyConfigured
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.utils import timezone

from ...organisations.models import Organisation, User
from ...organisations.roles import Role
from ..encryption import bsn_hash, encrypt_bsn
from ..models import Address, Consent, District, Household, Involvement, Membership, Relation, Resident
from ..names import name_key
from .caseloads import ACCOUNTS, BENEFIT_ORGANISATION, PORTAL_ACCOUNT, PORTAL_NAME, chunk_picks, klantmanager_count
from .data import names
from .population import Chunk, chunk_build
from .town import TownPlan

GROUP_CHUNKS = 20  # chunks per transaction
PORTAL_MIN_AGE = 40  # the demo resident's least age (`_portal_age_ensure`)
TABLES = (Address, Resident, Household, Membership, Relation, Involvement, Consent)


class _Table:
    """Multi-row inserts into one model's table, with the primary keys assigned here."""

    def __init__(self, model: type[models.Model], given: Sequence[str]) -> None:
        meta = model._meta
        self.model = model
        self.given = list(given)
        concrete = [f for f in meta.concrete_fields if not f.primary_key]
        rest = [f for f in concrete if f.attname not in self.given]
        now = timezone.now()
        defaults = []
        for f in rest:
            auto = getattr(f, "auto_now_add", False) or getattr(f, "auto_now", False)
            value = now if auto else f.get_default()  # "" for text fields without a default, None if nullable
            if value is None and not f.null:
                raise ImproperlyConfigured(f"{meta.label}.{f.name} needs a value from the generator")
            defaults.append(f.get_db_prep_save(value, connection))
        self.defaults = tuple(defaults)
        columns = [meta.pk.column] + [meta.get_field(a).column for a in self.given] + [f.column for f in rest]
        quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
        placeholders = ", ".join(["%s"] * len(columns))
        table = connection.ops.quote_name(meta.db_table)
        self.sql = f"INSERT INTO {table} ({quoted}) VALUES ({placeholders})"
        self.copy_sql = f"COPY {table} ({quoted}) FROM STDIN"
        self.max_sql = f"SELECT MAX({connection.ops.quote_name(meta.pk.column)}) FROM {meta.db_table}"

    def next_id(self, cursor) -> int:
        cursor.execute(self.max_sql)
        return (cursor.fetchone()[0] or 0) + 1

    def insert(self, cursor, first_id: int, rows: list[tuple]) -> list[int]:
        """Write the rows (values for `given`, in order); returns their primary keys."""
        if not rows:
            return []
        defaults = self.defaults
        values = [(first_id + i, *row, *defaults) for i, row in enumerate(rows)]
        if connection.vendor == "postgresql":
            self._copy(cursor, values)
        else:
            cursor.executemany(self.sql, values)
        return list(range(first_id, first_id + len(rows)))

    def _copy(self, cursor, values: list[tuple]) -> None:
        """PostgreSQL's COPY (psycopg 3): one statement for all rows, several times faster than INSERTs."""
        start = time.perf_counter()
        with cursor.cursor.copy(self.copy_sql) as copy:
            for row in values:
                copy.write_row(row)
        if connection.queries_logged:  # Django does not see COPY; log it like a query, for query-count tests
            connection.queries_log.append(
                {"sql": f"{len(values)} rows: {self.copy_sql}", "time": f"{time.perf_counter() - start:.3f}"}
            )


def sequences_reset() -> None:
    """After explicit keys, PostgreSQL's sequences must continue past them (SQLite keeps track by itself)."""
    statements = connection.ops.sequence_reset_sql(no_style(), list(TABLES))
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


@dataclass
class Staff:
    """Who the generated households' involvements go to; empty when the demo network is not there."""

    organisations: dict[str, int] = field(default_factory=dict)  # code → pk
    users: dict[str, int] = field(default_factory=dict)  # username → pk
    klantmanagers: list[int] = field(default_factory=list)  # user pks at the Dienst

    @property
    def complete(self) -> bool:
        return all(code in self.organisations for code, _ in ACCOUNTS.values()) and bool(self.klantmanagers)


def municipality_get() -> Organisation:
    from ...organisations.demo import demo_network_ensure

    demo_network_ensure()
    return Organisation.objects.get(code="gemeente-weidebeek")


def districts_ensure(plan: TownPlan, municipality: Organisation) -> dict[int, int]:
    """District index → pk; missing districts are added, existing ones kept (the code is the key)."""
    existing = dict(District.objects.filter(municipality=municipality).values_list("code", "pk"))
    missing = [
        District(municipality=municipality, code=d.code, name=d.name) for d in plan.districts if d.code not in existing
    ]
    for district in District.objects.bulk_create(missing):
        existing[district.code] = district.pk
    return {d.index: existing[d.code] for d in plan.districts}


def chunks_present(plan: TownPlan) -> set[int]:
    """The chunks already stored: a chunk is written in one transaction, so its first BSN says it is all there.

    Looked up by the BSN's keyed hash: the BSN column itself is encrypted."""
    first = {bsn_hash(plan.bsn(plan.chunk_bounds(c)[0])): c for c in range(plan.chunk_count)}
    found: set[int] = set()
    keys = list(first)
    for start in range(0, len(keys), 500):
        batch = keys[start : start + 500]
        found |= {first[h] for h in Resident.objects.filter(bsn_hash__in=batch).values_list("bsn_hash", flat=True)}
    return found


def staff_ensure(plan: TownPlan) -> Staff:
    """The demo accounts' organisations and users, and enough klantmanagers at the Dienst for every benefit client.

    The klantmanagers are colleagues in the data only: an unusable password and no demo flag, so they cannot log
    in. Their names are drawn from the same lists as the residents'.
    """
    from ...organisations.services import staff_user_ensure

    codes = {code for code, _ in ACCOUNTS.values()} | {BENEFIT_ORGANISATION}
    organisations = dict(Organisation.objects.filter(code__in=codes).values_list("code", "pk"))
    staff = Staff(organisations=organisations)
    if BENEFIT_ORGANISATION not in organisations:
        return staff
    usernames = {username for _, username in ACCOUNTS.values() if username} | {PORTAL_ACCOUNT}
    staff.users = dict(User.objects.filter(username__in=usernames).values_list("username", "pk"))
    dienst = Organisation.objects.get(pk=organisations[BENEFIT_ORGANISATION])
    rng = random.Random(f"routekaart-staff:{plan.seed}")
    dutch = names().origins["NL"]
    for number in range(1, klantmanager_count(plan) + 1):
        username = f"klantmanager-{number:03d}"
        first = rng.choice(names().dutch_given(rng.randint(1965, 1998), rng.random() < 0.6))
        surname = rng.choice(dutch.surnames)
        full = " ".join(p for p in (first, surname.prefix, surname.male) if p)
        user = staff_user_ensure(
            username=username,
            password=None,  # an unusable password (Django's make_password(None)): no login, and no hashing cost
            full_name=full,
            organisation=dienst,
            role=Role.COORDINATOR,
        )
        staff.klantmanagers.append(user.pk)
    return staff


def _involvement_reason(with_earnings: bool) -> str:
    reason = "Bijstand (Participatiewet): vaste klantmanager"
    return reason + ", met inkomsten uit arbeid" if with_earnings else reason


@transaction.atomic
def chunk_store(chunk: Chunk, *, plan: TownPlan, district_ids: dict[int, int], staff: Staff | None) -> None:
    """Write one chunk: per table one MAX(id) and one multi-row INSERT, whatever is in the chunk."""
    picks = chunk_picks(plan, chunk) if staff is not None and staff.complete else []
    portal_user = staff.users.get(PORTAL_ACCOUNT) if staff else None
    has_portal = portal_user is not None and any(p.portal for p in picks)
    if has_portal and Resident.objects.filter(user_id=portal_user).exists():
        portal_user = None  # the account already has its resident
    portal_person = None
    for pick in picks:
        if pick.portal and portal_user is not None:
            portal_person = chunk.households[pick.household].members[0].person
            head = chunk.persons[portal_person]
            head.given_names, head.name_prefix, head.family_name = PORTAL_NAME
            head.gender = "female"
            head.email = "kim.devries@example.org"
            _portal_age_ensure(head, portal_person, chunk, plan)

    tables = _tables()
    district = district_ids[chunk.district]
    housed = [h for h in chunk.households if h.address is not None]
    with connection.cursor() as cursor:
        table = tables[Address]
        address_ids = table.insert(
            cursor,
            table.next_id(cursor),
            [
                (a.street, a.house_number, a.house_number_addition, a.postcode, a.city, district)
                for a in (h.address for h in housed)
            ],
        )
        lives_at: list[int | None] = [None] * len(chunk.persons)
        for household, address in zip(housed, address_ids, strict=True):
            for member in household.members:
                if member.valid_to is None:
                    lives_at[member.person] = address
        table = tables[Resident]
        rid = table.insert(
            cursor,
            table.next_id(cursor),
            [
                (
                    encrypt_bsn(p.bsn),  # encrypted at rest like every BSN; Fernet per row costs ~15 µs
                    bsn_hash(p.bsn),
                    p.given_names,
                    p.name_prefix,
                    p.family_name,
                    name_key(p.family_name),  # the search key (residents.names), as Resident.save() sets it
                    p.birth_date,
                    p.date_of_death,
                    p.gender,
                    p.country_of_birth,
                    p.education_level,
                    p.email,
                    lives_at[i],
                    portal_user if i == portal_person else None,
                )
                for i, p in enumerate(chunk.persons)
            ],
        )
        table = tables[Household]
        hid = table.insert(cursor, table.next_id(cursor), [() for _ in chunk.households])
        table = tables[Membership]
        table.insert(
            cursor,
            table.next_id(cursor),
            [
                (hid[h], rid[m.person], m.role, m.valid_from, m.valid_to)
                for h, household in enumerate(chunk.households)
                for m in household.members
            ],
        )
        table = tables[Relation]
        table.insert(
            cursor,
            table.next_id(cursor),
            [(rid[r.resident], rid[r.related], r.kind, r.valid_from, r.valid_to) for r in chunk.relations],
        )
        if staff is None or not staff.complete:
            return
        table = tables[Involvement]
        table.insert(cursor, table.next_id(cursor), list(_involvements(chunk, picks, hid, staff)))
        table = tables[Consent]
        table.insert(
            cursor,
            table.next_id(cursor),
            [
                (
                    rid[p.consent_from],
                    hid[p.household],
                    staff.organisations[ACCOUNTS[p.account][0]],
                    domain,
                    scope,
                    p.valid_from,
                )
                for p in picks
                if p.consent_from is not None
                for domain, scope in (
                    ("G", "Naam en contactgegevens, voor bemiddeling naar werk"),
                    ("P", "Werkprofiel delen met de werkgeversadviseur"),
                )
            ],
        )


def _portal_age_ensure(head, person: int, chunk: Chunk, plan: TownPlan) -> None:
    """The demo resident is old enough to have a child of 16 or older (the portal shows a parent what it may of a
    child under 16, and nothing of one of 16): born earlier, which keeps every date of her household after her
    birth. Not when her own parents are in the town: their relation dates hold her birth date."""
    today = plan.reference_date
    if any(r.related == person and r.kind == "parent" for r in chunk.relations):
        return
    if head.birth_date > date(today.year - PORTAL_MIN_AGE, today.month, min(today.day, 28)):
        head.birth_date = date(today.year - PORTAL_MIN_AGE - 1, head.birth_date.month, min(head.birth_date.day, 28))


def _tables() -> dict[type[models.Model], _Table]:
    return {
        Address: _Table(
            Address, ["street", "house_number", "house_number_addition", "postcode", "city", "district_id"]
        ),
        Resident: _Table(
            Resident,
            [
                "bsn",
                "bsn_hash",
                "given_names",
                "name_prefix",
                "family_name",
                "family_name_key",
                "birth_date",
                "date_of_death",
                "gender",
                "country_of_birth",
                "education_level",
                "email",
                "address_id",
                "user_id",
            ],
        ),
        Household: _Table(Household, []),
        Membership: _Table(Membership, ["household_id", "resident_id", "role", "valid_from", "valid_to"]),
        Relation: _Table(Relation, ["resident_id", "related_id", "kind", "valid_from", "valid_to"]),
        Involvement: _Table(
            Involvement,
            ["household_id", "organisation_id", "user_id", "kind", "domain", "reason", "valid_from", "valid_to"],
        ),
        Consent: _Table(Consent, ["resident_id", "household_id", "organisation_id", "domain", "scope", "valid_from"]),
    }


def _involvements(chunk: Chunk, picks, hid: list[int], staff: Staff) -> Iterator[tuple]:
    """Rows for `_tables()[Involvement]`: household, organisation, user, kind, domain, reason, from, to."""
    dienst = staff.organisations[BENEFIT_ORGANISATION]
    taken_over = {p.household: p.valid_from for p in picks if p.account == "regisseur" and p.domain == "P"}
    for h, household in enumerate(chunk.households):
        if household.benefit is None:
            continue
        klantmanager = staff.klantmanagers[(chunk.index * 31 + h) % len(staff.klantmanagers)]
        reason = _involvement_reason(household.benefit.with_earnings)
        yield (hid[h], dienst, klantmanager, "coordinator", "P", reason, household.benefit.since, taken_over.get(h))
    for p in picks:
        code, username = ACCOUNTS[p.account]
        user = staff.users.get(username) if username else None
        if username and user is None:
            continue  # the demo account is not there (yet): its caseload comes with the next run's new chunks
        yield (hid[p.household], staff.organisations[code], user, p.kind, p.domain, p.reason, p.valid_from, p.valid_to)


def town_store(plan: TownPlan, *, staff: Staff | None, progress=None) -> dict[str, int]:
    """Generate and write every chunk not yet present; returns counts (no personal data) for the console.

    Chunks are committed in groups of GROUP_CHUNKS: an index with random inserts (names) touches most of its pages
    in every transaction, so fewer, larger transactions write far less. A group is all there or not at all, so
    the chunk check stays exact; an interrupted run loses at most one group's work.
    """
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size = -65536")  # 64 MiB for this connection (SQLite's default: 2 MiB)
            cursor.execute("PRAGMA wal_autocheckpoint = 25000")  # checkpoint every ~100 MiB of WAL, not 4 MiB
    municipality = municipality_get()
    district_ids = districts_ensure(plan, municipality)
    present = chunks_present(plan)
    written = 0
    for group in range(0, plan.chunk_count, GROUP_CHUNKS):
        with transaction.atomic():
            for chunk_index in range(group, min(group + GROUP_CHUNKS, plan.chunk_count)):
                start, stop = plan.chunk_bounds(chunk_index)
                if chunk_index not in present:
                    chunk_store(chunk_build(plan, chunk_index), plan=plan, district_ids=district_ids, staff=staff)
                    written += stop - start
                if progress is not None:
                    progress.update(stop - start)
    if written:
        sequences_reset()
    return {"chunks": plan.chunk_count, "chunks_present": len(present), "residents_written": written}
