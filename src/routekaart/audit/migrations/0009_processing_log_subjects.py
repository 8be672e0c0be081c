"""The processing log's compact form: one entry per processing action, its data subjects in a child table.

Every existing row keeps its meaning: it stays an entry with the same id, time, actor, activity and result, and
its pseudonym (if it named one) becomes that entry's one data subject. Set-based SQL, so a large log migrates in
one statement. The append-only triggers are put back afterwards (SQLite rebuilds a table to drop a column).
"""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models

import routekaart.core.limits
from routekaart.audit import triggers

COPY = """
INSERT INTO audit_processinglogsubject (entry_id, pseudonym, occurred_at)
SELECT id, data_subject, occurred_at FROM audit_processinglogentry WHERE data_subject <> ''
"""

# Back to one row per data subject: the first subject stays on the entry, each further one becomes a copy.
UNCOPY_FIRST = """
UPDATE audit_processinglogentry SET data_subject = (
    SELECT MIN(s.pseudonym) FROM audit_processinglogsubject s WHERE s.entry_id = audit_processinglogentry.id
) WHERE id IN (SELECT entry_id FROM audit_processinglogsubject)
"""
UNCOPY_REST = """
INSERT INTO audit_processinglogentry (trace_id, occurred_at, activity_id, operation, data_subject, actor_id,
    organisation_code, channel, result, reason)
SELECT e.trace_id, e.occurred_at, e.activity_id, e.operation, s.pseudonym, e.actor_id, e.organisation_code,
    e.channel, e.result, e.reason
FROM audit_processinglogentry e JOIN audit_processinglogsubject s ON s.entry_id = e.id
WHERE s.pseudonym <> e.data_subject
"""


def subjects_copy(apps, schema_editor) -> None:
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(COPY)


BEFORE = ["audit_event", "audit_processinglogentry"]  # the append-only tables of 0008


def subjects_uncopy(apps, schema_editor) -> None:
    triggers.uninstall(schema_editor.connection, BEFORE)
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(UNCOPY_FIRST)
        cursor.execute(UNCOPY_REST)
    triggers.install(schema_editor.connection, BEFORE)


def triggers_install(apps, schema_editor) -> None:
    triggers.install(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("audit", "0008_field_limits")]

    operations = [
        migrations.CreateModel(
            name="ProcessingLogSubject",
            fields=[
                (
                    "pk",
                    models.CompositePrimaryKey(
                        "entry", "pseudonym", blank=True, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("pseudonym", models.CharField(max_length=64, verbose_name="betrokkene (pseudoniem)")),
                (
                    "occurred_at",
                    models.DateTimeField(
                        validators=[routekaart.core.limits.PlausibleDateValidator()], verbose_name="tijdstip"
                    ),
                ),
                (
                    "entry",
                    models.ForeignKey(
                        db_constraint=False,
                        db_index=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="data_subjects",
                        to="audit.processinglogentry",
                    ),
                ),
            ],
            options={
                "verbose_name": "betrokkene van een verwerking",
                "verbose_name_plural": "betrokkenen van verwerkingen",
                "indexes": [models.Index(fields=["pseudonym", "occurred_at"], name="audit_subject_pseudonym_idx")],
            },
        ),
        migrations.RunPython(subjects_copy, subjects_uncopy),
        migrations.RemoveField(model_name="processinglogentry", name="data_subject"),
        migrations.AlterField(
            model_name="breakglassreview",
            name="entry",
            field=models.OneToOneField(
                db_constraint=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="review",
                to="audit.processinglogentry",
            ),
        ),
        migrations.AlterField(
            model_name="processinglogentry",
            name="occurred_at",
            field=models.DateTimeField(
                db_index=True,
                default=django.utils.timezone.now,
                validators=[routekaart.core.limits.PlausibleDateValidator()],
                verbose_name="tijdstip",
            ),
        ),
        migrations.RunPython(triggers_install, migrations.RunPython.noop),
    ]
