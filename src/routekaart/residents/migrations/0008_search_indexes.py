"""Search on family name, birth date and address: the search key of the family name, and indexes.

The key (residents.names.name_key) is filled for every existing row in batches; no row is lost or changed
otherwise. The key function is copied here so the migration keeps meaning what it meant when it ran.
"""

import unicodedata

from django.db import migrations, models

_NOT_DECOMPOSED = str.maketrans({"ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "\u0131": "i", "đ": "d", "Đ": "d", "æ": "ae"})
BATCH = 2_000


def _name_key(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", (text or "").translate(_NOT_DECOMPOSED))
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(plain.casefold().split())[:200]


def fill_keys(apps, schema_editor) -> None:
    Resident = apps.get_model("residents", "Resident")
    last = 0
    while True:
        rows = list(Resident.objects.filter(pk__gt=last).order_by("pk").only("pk", "family_name")[:BATCH])
        if not rows:
            return
        for row in rows:
            row.family_name_key = _name_key(row.family_name)
        Resident.objects.bulk_update(rows, ["family_name_key"])
        last = rows[-1].pk


class Migration(migrations.Migration):
    dependencies = [
        ("residents", "0007_journal_notes_and_documents"),
    ]

    operations = [
        migrations.AddField(
            model_name="resident",
            name="family_name_key",
            field=models.CharField(default="", editable=False, max_length=200, verbose_name="zoeksleutel achternaam"),
            preserve_default=False,
        ),
        migrations.RunPython(fill_keys, migrations.RunPython.noop, elidable=True),
        migrations.AddIndex(
            model_name="resident",
            index=models.Index(
                fields=["family_name_key", "birth_date"],
                name="resident_name_key_idx",
                opclasses=["varchar_pattern_ops", "date_ops"],
            ),
        ),
        migrations.AddIndex(
            model_name="resident",
            index=models.Index(fields=["birth_date"], name="resident_birth_date_idx"),
        ),
    ]
