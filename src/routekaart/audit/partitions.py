"""Monthly partitions of the processing log on PostgreSQL: create the coming months, drop or archive old ones.

The entries and their data subjects are both partitioned by month of `occurred_at` (UTC), with the same bounds, so
a month of the log is two tables that retention drops (or detaches for the archive) whole: no DELETE of millions
of rows, no bloat, and the append-only triggers stay in force for every row that remains. A DEFAULT partition
catches any row whose month was not created in time, so no entry is ever refused; its rows are never dropped.

On SQLite (the demo, the tests) the tables stay plain and every function here does nothing.
"""

import logging
from dataclasses import dataclass
from datetime import UTC, date, datetime

from dateutil.relativedelta import relativedelta
from django.db import DEFAULT_DB_ALIAS, connections, transaction

logger = logging.getLogger(__name__)

TABLES = ("audit_processinglogentry", "audit_processinglogsubject")
MONTHS_AHEAD = 3  # this month and the next ones, so a missed run of the job costs nothing


@dataclass(frozen=True)
class Partition:
    table: str  # the partitioned table
    name: str  # the partition
    start: date  # first day of its month (inclusive)
    end: date  # first day of the next month (exclusive)


def month_start(day: date) -> date:
    return day.replace(day=1)


def partition_name(table: str, month: date) -> str:
    return f"{table}_y{month.year:04d}m{month.month:02d}"


def _bound(day: date) -> str:
    return datetime(day.year, day.month, day.day, tzinfo=UTC).isoformat()


def is_partitioned(table: str = TABLES[0], using: str = DEFAULT_DB_ALIAS) -> bool:
    connection = connections[using]
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM pg_partitioned_table p JOIN pg_class c ON c.oid = p.partrelid WHERE c.relname = %s",
            [table],
        )
        return cursor.fetchone() is not None


def partitions_list(table: str = TABLES[0], using: str = DEFAULT_DB_ALIAS) -> list[Partition]:
    """The monthly partitions of `table`, oldest first (the DEFAULT partition is not one of them)."""
    if not is_partitioned(table, using):
        return []
    with connections[using].cursor() as cursor:
        cursor.execute(
            """
            SELECT child.relname FROM pg_inherits
            JOIN pg_class parent ON parent.oid = pg_inherits.inhparent
            JOIN pg_class child ON child.oid = pg_inherits.inhrelid
            WHERE parent.relname = %s ORDER BY child.relname
            """,
            [table],
        )
        names = [row[0] for row in cursor.fetchall()]
    found = []
    prefix = f"{table}_y"
    for name in names:
        tail = name.removeprefix(prefix)
        if name.startswith(prefix) and len(tail) == 7 and tail[4] == "m" and tail.replace("m", "").isdigit():
            start = date(int(tail[:4]), int(tail[5:]), 1)
            found.append(Partition(table, name, start, start + relativedelta(months=1)))
    return found


def partitions_ensure(
    *,
    today: date | None = None,
    months_ahead: int = MONTHS_AHEAD,
    since: date | None = None,
    using: str = DEFAULT_DB_ALIAS,
) -> list[str]:
    """Create the monthly partitions from `since` (default: this month) to `months_ahead` months after it.

    Idempotent: a month that exists is left alone. A month whose rows already sit in the DEFAULT partition is
    skipped (PostgreSQL cannot carve it out while they are there; they stay safe and are reported in the log).
    Returns the partitions created.
    """
    connection = connections[using]
    if not is_partitioned(using=using):
        return []
    today = today or date.today()
    month = month_start(since or today)
    last = month_start(today) + relativedelta(months=months_ahead)
    created = []
    while month <= last:
        end = month + relativedelta(months=1)
        for table in TABLES:
            name = partition_name(table, month)
            with transaction.atomic(using=using), connection.cursor() as cursor:
                cursor.execute("SELECT to_regclass(%s)", [name])
                if cursor.fetchone()[0] is not None:
                    continue
                cursor.execute(
                    f"SELECT 1 FROM {table}_default WHERE occurred_at >= %s AND occurred_at < %s LIMIT 1",
                    [_bound(month), _bound(end)],
                )
                if cursor.fetchone() is not None:
                    logger.warning("processing log: %s has rows in the default partition; not created", name)
                    continue
                cursor.execute(
                    f"CREATE TABLE IF NOT EXISTS {name} PARTITION OF {table} "
                    f"FOR VALUES FROM ('{_bound(month)}') TO ('{_bound(end)}')"
                )
                created.append(name)
        month = end
    return created


def partitions_expire(*, before: date, archive: bool = False, using: str = DEFAULT_DB_ALIAS) -> list[Partition]:
    """Drop (or, with `archive`, detach and keep as a plain table for the archive) every month that ended on or
    before `before`. Whole months only: a month that still holds a day within the term stays. Returns them."""
    expired = [partition for table in TABLES for partition in partitions_list(table, using) if partition.end <= before]
    connection = connections[using]
    for partition in expired:
        with transaction.atomic(using=using), connection.cursor() as cursor:
            # Deferred foreign-key checks of rows written earlier in this transaction would block the DROP.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"ALTER TABLE {partition.table} DETACH PARTITION {partition.name}")
            if not archive:
                cursor.execute(f"DROP TABLE {partition.name}")
    return expired


# --- used once, by migration 0010 -------------------------------------------------------------------------------


def table_partition(connection, table: str, key_columns: list[str]) -> None:
    """Turn a plain table into one partitioned by month of occurred_at, keeping its rows, columns, indexes, foreign
    keys and id sequence. The primary key becomes `key_columns` + occurred_at (a partitioned table's key must
    contain its partition key)."""
    legacy = f"{table}_legacy"
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = %s AND indexname NOT IN "
            "(SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass AND contype = 'p')",
            [table, table],
        )
        index_definitions = [row[0] for row in cursor.fetchall()]
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = %s::regclass AND contype = 'f'",
            [table],
        )
        foreign_keys = cursor.fetchall()
        cursor.execute(
            "SELECT attname FROM pg_attribute WHERE attrelid = %s::regclass AND attidentity <> '' AND NOT attisdropped",
            [table],
        )
        identity = [row[0] for row in cursor.fetchall()]
        cursor.execute(f"ALTER TABLE {table} RENAME TO {legacy}")
        cursor.execute(
            f"CREATE TABLE {table} (LIKE {legacy} INCLUDING DEFAULTS INCLUDING CONSTRAINTS, "
            f"PRIMARY KEY ({', '.join([*key_columns, 'occurred_at'])})) PARTITION BY RANGE (occurred_at)"
        )
        cursor.execute(f"CREATE TABLE {table}_default PARTITION OF {table} DEFAULT")
        cursor.execute(f"SELECT min(occurred_at) FROM {legacy}")
        oldest = cursor.fetchone()[0]
    since = oldest.astimezone(UTC).date() if oldest else None
    _partitions_for(connection, table, since=since)
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {table} SELECT * FROM {legacy}")
        next_values = {}
        for column in identity:
            cursor.execute(f"SELECT coalesce(max({column}), 0) + 1 FROM {legacy}")
            next_values[column] = cursor.fetchone()[0]
        cursor.execute(f"DROP TABLE {legacy}")  # with its indexes, keys and identity sequence: their names are free
        for column, next_value in next_values.items():
            # A sequence owned by the column, as `serial` makes: Django's sequence reset finds it.
            sequence = f"{table}_{column}_seq"
            cursor.execute(f"CREATE SEQUENCE {sequence} AS bigint START WITH {next_value}")
            cursor.execute(f"ALTER SEQUENCE {sequence} OWNED BY {table}.{column}")
            cursor.execute(f"ALTER TABLE {table} ALTER COLUMN {column} SET DEFAULT nextval('{sequence}')")
        for definition in index_definitions:  # read before the rename, so they name the table itself
            cursor.execute(definition)
        for name, definition in foreign_keys:
            cursor.execute(f"ALTER TABLE {table} ADD CONSTRAINT {name} {definition}")


def _partitions_for(connection, table: str, *, since: date | None) -> None:
    today = date.today()
    month = month_start(min(since or today, today))
    last = month_start(today) + relativedelta(months=MONTHS_AHEAD)
    with connection.cursor() as cursor:
        while month <= last:
            end = month + relativedelta(months=1)
            cursor.execute(
                f"CREATE TABLE {partition_name(table, month)} PARTITION OF {table} "
                f"FOR VALUES FROM ('{_bound(month)}') TO ('{_bound(end)}')"
            )
            month = end
