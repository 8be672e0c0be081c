"""The database itself refuses to change or delete events and processing log entries."""

from django.db import migrations

from routekaart.audit import triggers

TABLES = ["audit_event", "audit_processinglogentry"]  # the tables of this migration's time (0009 adds one)


def create(apps, schema_editor) -> None:
    triggers.install(schema_editor.connection, TABLES)


def drop(apps, schema_editor) -> None:
    triggers.uninstall(schema_editor.connection, TABLES)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
