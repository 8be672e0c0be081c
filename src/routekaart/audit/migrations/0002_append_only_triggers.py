"""The database itself refuses to change or delete events and processing log entries."""

from django.db import migrations

from routekaart.audit import triggers


def create(apps, schema_editor) -> None:
    triggers.install(schema_editor.connection)


def drop(apps, schema_editor) -> None:
    triggers.uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
