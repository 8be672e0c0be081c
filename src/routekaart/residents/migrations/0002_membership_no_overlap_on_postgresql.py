"""On PostgreSQL the database itself refuses a person in two households on the same day (exclusion constraint).

SQLite has no exclusion constraints; there the services' check (under a row lock on the resident) is the guard.
"""

from django.db import migrations

CREATE = """
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE residents_membership ADD CONSTRAINT membership_no_overlap
    EXCLUDE USING gist (resident_id WITH =, daterange(valid_from, valid_to, '[)') WITH &&);
"""
DROP = "ALTER TABLE residents_membership DROP CONSTRAINT IF EXISTS membership_no_overlap;"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("residents", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
