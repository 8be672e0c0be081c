"""The BSN encrypted at rest (Fernet, keys from BSN_ENCRYPTION_KEYS) with a keyed hash (BSN_HASH_KEY) to look it up.

Existing rows are encrypted in place in batches; the reverse decrypts them again. The SQL is raw so that no model
code (which decrypts on read) sees a clear BSN in the column halfway.
"""

from django.db import migrations

import routekaart.residents.encryption
import routekaart.residents.validators

BATCH = 2000


def _rewrite(schema_editor, convert) -> None:
    connection = schema_editor.connection
    table = connection.ops.quote_name("residents_resident")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, bsn FROM {table} ORDER BY id")
        rows = cursor.fetchall()
    for start in range(0, len(rows), BATCH):
        batch = [(*convert(bsn), pk) for pk, bsn in rows[start : start + BATCH]]
        with connection.cursor() as cursor:
            cursor.executemany(f"UPDATE {table} SET bsn = %s, bsn_hash = %s WHERE id = %s", batch)


def encrypt(apps, schema_editor) -> None:
    enc = routekaart.residents.encryption

    def convert(value: str) -> tuple[str, str]:
        if enc.is_token(value):  # already encrypted (a re-run)
            value = enc.decrypt_bsn(value)
        return enc.encrypt_bsn(value), enc.bsn_hash(value)

    _rewrite(schema_editor, convert)


def decrypt(apps, schema_editor) -> None:
    enc = routekaart.residents.encryption

    def convert(value: str) -> tuple[str, str]:
        clear = enc.decrypt_bsn(value) if enc.is_token(value) else value
        return clear, enc.bsn_hash(clear)

    _rewrite(schema_editor, convert)


class Migration(migrations.Migration):
    dependencies = [
        ("residents", "0002_membership_no_overlap_on_postgresql"),
    ]

    operations = [
        migrations.AddField(
            model_name="resident",
            name="bsn_hash",
            field=routekaart.residents.encryption.BsnHashField(null=True, verbose_name="BSN-sleutelhash"),
        ),
        migrations.AlterField(
            model_name="resident",
            name="bsn",
            field=routekaart.residents.encryption.EncryptedBsnField(
                max_length=9,
                validators=[routekaart.residents.validators.validate_bsn],
                verbose_name="BSN",
            ),
        ),
        migrations.RunPython(encrypt, decrypt, elidable=False),
        migrations.AlterField(
            model_name="resident",
            name="bsn_hash",
            field=routekaart.residents.encryption.BsnHashField(
                error_messages={"unique": "Er is al een inwoner met dit BSN."},
                unique=True,
                verbose_name="BSN-sleutelhash",
            ),
        ),
    ]
