"""`manage.py rotate_bsn_key`: re-encrypt every BSN under the first key of BSN_ENCRYPTION_KEYS, in batches.

Step two of a key rotation (docs/security.md, "BSN-versleuteling en sleutelrotatie"): the new key is already in
front and the old one still behind it, so every row can be read; afterwards the old key can go. The keyed hash is
recomputed too, so the same command finishes a rotation of BSN_HASH_KEY. Each batch is its own transaction: an
interrupted run is simply started again. Raw SQL, so that only the two BSN columns are read and written.
"""

from django.core.management.base import BaseCommand
from django.db import connection, transaction

from ...encryption import bsn_hash, decrypt_bsn, encrypt_bsn, is_token
from ...models import Resident


def bsn_rotate_all(*, batch_size: int = 1000) -> int:
    """Re-encrypt and re-hash every resident's BSN under the current keys; returns how many rows were written."""
    table = connection.ops.quote_name(Resident._meta.db_table)
    select = f"SELECT id, bsn FROM {table} WHERE id > %s ORDER BY id LIMIT %s"
    update = f"UPDATE {table} SET bsn = %s, bsn_hash = %s WHERE id = %s"
    last_id, written = 0, 0
    while True:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(select, [last_id, batch_size])
            rows = cursor.fetchall()
            if not rows:
                return written
            changes = []
            for pk, stored in rows:
                clear = decrypt_bsn(stored) if is_token(stored) else stored
                changes.append((encrypt_bsn(clear), bsn_hash(clear), pk))
            cursor.executemany(update, changes)
        written += len(rows)
        last_id = rows[-1][0]


class Command(BaseCommand):
    help = (
        "Versleutel elk BSN opnieuw met de eerste sleutel uit BSN_ENCRYPTION_KEYS en bereken de BSN-hash opnieuw "
        "met BSN_HASH_KEY. Daarna kan een oude sleutel uit BSN_ENCRYPTION_KEYS weg."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--batch-size", type=int, default=1000, help="Rijen per transactie (standaard 1000).")

    def handle(self, *args, batch_size: int, **options) -> None:
        written = bsn_rotate_all(batch_size=batch_size)
        self.stdout.write(f"{written} BSN's opnieuw versleuteld.")  # a count only: never a BSN in the output
