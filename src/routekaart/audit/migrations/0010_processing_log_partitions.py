"""On PostgreSQL, the processing log (entries and their data subjects) becomes partitioned by month of occurred_at.

Only on the postgresql vendor: SQLite keeps plain tables. Every row is kept (copied into its month's partition);
indexes, foreign keys and the id sequence are recreated with their names; the append-only triggers are put back.
Nothing points at the entries with a database constraint any more (0009), as a partitioned table's key is
(id, occurred_at).
"""

from django.db import migrations

from routekaart.audit import partitions, triggers


def partition(apps, schema_editor) -> None:
    connection = schema_editor.connection
    if connection.vendor != "postgresql" or partitions.is_partitioned(using=connection.alias):
        return
    partitions.table_partition(connection, "audit_processinglogentry", ["id"])
    partitions.table_partition(connection, "audit_processinglogsubject", ["entry_id", "pseudonym"])
    triggers.install(connection)


class Migration(migrations.Migration):
    dependencies = [("audit", "0009_processing_log_subjects")]

    operations = [migrations.RunPython(partition, migrations.RunPython.noop, elidable=False)]
