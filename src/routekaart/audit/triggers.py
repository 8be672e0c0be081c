"""The database triggers that make the event stream and the processing log append-only.

Declared once: the migration installs them; the test harness lifts them only to empty the database between
transactional tests (a live-server test cannot roll back), and puts them back before the next test.
"""

TABLES = ["audit_event", "audit_processinglogentry", "audit_processinglogsubject"]

_POSTGRES_FUNCTION = """
CREATE OR REPLACE FUNCTION routekaart_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'append-only table %: % refused', TG_TABLE_NAME, TG_OP;
END;
$$ LANGUAGE plpgsql;
"""


def install(connection, tables: list[str] = TABLES) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(_POSTGRES_FUNCTION)
            for table in tables:
                cursor.execute(
                    f"CREATE OR REPLACE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                    "FOR EACH ROW EXECUTE FUNCTION routekaart_refuse_change();"
                )
                cursor.execute(
                    f"CREATE OR REPLACE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
                    "FOR EACH STATEMENT EXECUTE FUNCTION routekaart_refuse_change();"
                )
        elif connection.vendor == "sqlite":
            for table in tables:
                for op in ("UPDATE", "DELETE"):
                    cursor.execute(
                        f"CREATE TRIGGER IF NOT EXISTS {table}_no_{op.lower()} BEFORE {op} ON {table} "
                        f"BEGIN SELECT RAISE(ABORT, 'append-only table {table}: {op} refused'); END;"
                    )


def uninstall(connection, tables: list[str] = TABLES) -> None:
    with connection.cursor() as cursor:
        for table in tables:
            if connection.vendor == "postgresql":
                cursor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table};")
                cursor.execute(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table};")
            elif connection.vendor == "sqlite":
                for op in ("update", "delete"):
                    cursor.execute(f"DROP TRIGGER IF EXISTS {table}_no_{op};")
