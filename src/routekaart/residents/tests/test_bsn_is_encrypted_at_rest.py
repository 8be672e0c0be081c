"""The BSN is stored encrypted (Fernet, keys from the environment) and found only through its keyed hash."""

import importlib
import os
import subprocess
import sys
from datetime import date
from io import StringIO
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.test import override_settings

from routekaart.audit.models import Event, ProcessingLogEntry

from .. import services
from ..models import Resident
from .factories import ResidentFactory, bsn_for

pytestmark = [pytest.mark.django_db]

# Fixed, public test keys (Fernet keys are url-safe base64 of 32 bytes).
# The two keys differ in their first 16 bytes too (Fernet's signing half): keys that shared it let a token of one
# pass the other's signature check and decrypt to garbage now and then, instead of being refused.
KEY_1 = "b25lLXJvdGF0aW9uLXRlc3Qta2V5LW5vdC1zZWNyZXQ="  # "one-rotation-test-key-not-secret"
KEY_2 = "dHdvLXJvdGF0aW9uLXRlc3Qta2V5LW5vdC1zZWNyZXQ="  # "two-rotation-test-key-not-secret"
SRC = Path(__file__).resolve().parents[3]


def raw_row(pk: int) -> tuple:
    """Every column of the resident's row as the database holds it, past the ORM."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM residents_resident WHERE id = %s", [pk])
        return cursor.fetchone()


def raw_bsn(pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT bsn FROM residents_resident WHERE id = %s", [pk])
        return cursor.fetchone()[0]


def test_the_bsn_column_in_the_database_does_not_hold_the_bsn():
    resident = ResidentFactory(bsn=bsn_for(4242))

    row = raw_row(resident.pk)

    assert all(resident.bsn not in str(value) for value in row)
    assert Resident.objects.get(pk=resident.pk).bsn == resident.bsn


def test_two_residents_never_share_a_ciphertext_pattern():
    # Fernet is randomised: the same BSN encrypted twice gives two different tokens (no frequency analysis).
    from ..encryption import encrypt_bsn

    assert encrypt_bsn(bsn_for(7)) != encrypt_bsn(bsn_for(7))


def test_a_resident_is_found_by_bsn_through_the_keyed_hash():
    from ..selectors import resident_by_bsn, residents_by_bsn

    wanted, other = ResidentFactory(), ResidentFactory()

    assert resident_by_bsn(wanted.bsn) == wanted
    assert resident_by_bsn(f" {wanted.bsn} ") == wanted
    assert resident_by_bsn(bsn_for(999_999)) is None
    assert residents_by_bsn([wanted.bsn, other.bsn, bsn_for(999_998)]) == {wanted.bsn: wanted, other.bsn: other}


def test_filtering_on_the_encrypted_column_is_refused_instead_of_finding_nothing():
    from django.core.exceptions import FieldError

    resident = ResidentFactory()
    with pytest.raises(FieldError):
        Resident.objects.filter(bsn=resident.bsn).exists()


def test_a_duplicate_bsn_is_refused_in_dutch_and_nothing_is_saved():
    existing = ResidentFactory()
    before = (Resident.objects.count(), Event.objects.count(), ProcessingLogEntry.objects.count())

    with pytest.raises(ValidationError) as error:
        services.resident_register(
            actor=None, bsn=existing.bsn, given_names="Dubbel", family_name="Persoon", birth_date=date(1990, 1, 1)
        )

    assert error.value.message_dict == {"bsn": ["Er is al een inwoner met dit BSN."]}
    assert (Resident.objects.count(), Event.objects.count(), ProcessingLogEntry.objects.count()) == before


def test_the_database_itself_refuses_a_duplicate_bsn_that_skipped_validation():
    existing = ResidentFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ResidentFactory(bsn=existing.bsn)
    assert Resident.objects.count() == 1


def test_editing_a_resident_does_not_trip_over_its_own_bsn():
    resident = ResidentFactory()
    updated = services.resident_update(actor=None, resident=resident, phone="0612345678")
    assert updated.phone == "0612345678"


def test_after_rotation_old_data_is_readable_and_after_re_encryption_the_old_key_can_go():
    with override_settings(BSN_ENCRYPTION_KEYS=[KEY_1]):
        resident = ResidentFactory()
        under_key_1 = raw_bsn(resident.pk)

    with override_settings(BSN_ENCRYPTION_KEYS=[KEY_2, KEY_1]):  # step 1: new key in front, old one kept
        assert Resident.objects.get(pk=resident.pk).bsn == resident.bsn
        call_command("rotate_bsn_key", "--batch-size", "1", stdout=StringIO())  # step 2
        assert raw_bsn(resident.pk) != under_key_1

    with override_settings(BSN_ENCRYPTION_KEYS=[KEY_2]):  # step 3: old key removed
        assert Resident.objects.get(pk=resident.pk).bsn == resident.bsn
        from ..selectors import resident_by_bsn

        assert resident_by_bsn(resident.bsn) == resident

    with override_settings(BSN_ENCRYPTION_KEYS=[KEY_1]), pytest.raises(ImproperlyConfigured):
        Resident.objects.get(pk=resident.pk)  # a wrong key is an error, never a ciphertext posing as a BSN


def test_the_rotation_command_prints_a_count_and_never_a_bsn():
    residents = ResidentFactory.create_batch(3)
    out = StringIO()

    call_command("rotate_bsn_key", stdout=out)

    assert out.getvalue().startswith("3 ")
    assert all(r.bsn not in out.getvalue() for r in residents)


def test_the_migration_encrypts_a_clear_bsn_and_fills_its_hash():
    from ..encryption import bsn_hash

    resident = ResidentFactory()
    with connection.cursor() as cursor:  # the row as it was before migration 0003
        cursor.execute(
            "UPDATE residents_resident SET bsn = %s, bsn_hash = %s WHERE id = %s", [resident.bsn, "x", resident.pk]
        )
    migration = importlib.import_module("routekaart.residents.migrations.0003_bsn_encrypted")

    migration.encrypt(None, SimpleNamespace(connection=connection))

    assert resident.bsn not in raw_bsn(resident.pk)
    assert Resident.objects.get(pk=resident.pk).bsn == resident.bsn
    assert Resident.objects.get(pk=resident.pk).bsn_hash == bsn_hash(resident.bsn)


def test_the_pseudonym_in_the_processing_log_stays_what_it_was_and_does_not_follow_secret_key():
    from routekaart.audit.services import pseudonym

    assert pseudonym("999990019") == "610bb94514050fc9b11d82ce63a68987"  # the value from before the BSN was encrypted
    with override_settings(SECRET_KEY="another-secret-key-after-rotation"):
        assert pseudonym("999990019") == "610bb94514050fc9b11d82ce63a68987"


def production_settings_import(**variables: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BSN_", "DJANGO_SETTINGS_MODULE"))}
    env = {k: v for k, v in env.items() if k != "PSEUDONYM_KEY"}
    env.update(SECRET_KEY="x" * 50, PYTHONPATH=str(SRC), **variables)
    return subprocess.run(
        [sys.executable, "-c", "import routekaart.conf.production"],
        env=env,
        cwd="/",
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("variables", "named"),
    [
        ({"BSN_ENCRYPTION_KEYS": "", "BSN_HASH_KEY": "z" * 40, "PSEUDONYM_KEY": "p" * 40}, "BSN_ENCRYPTION_KEYS"),
        ({"BSN_ENCRYPTION_KEYS": "no-key", "BSN_HASH_KEY": "z" * 40, "PSEUDONYM_KEY": "p" * 40}, "BSN_ENCRYPTION_KEYS"),
        ({"BSN_ENCRYPTION_KEYS": KEY_1, "BSN_HASH_KEY": "", "PSEUDONYM_KEY": "p" * 40}, "BSN_HASH_KEY"),
        # No longer falls back to SECRET_KEY: rotating that must not change the pseudonyms in the log.
        ({"BSN_ENCRYPTION_KEYS": KEY_1, "BSN_HASH_KEY": "z" * 40}, "PSEUDONYM_KEY"),
    ],
)
def test_production_settings_refuse_to_start_without_proper_bsn_keys(variables, named):
    done = production_settings_import(**variables)
    assert done.returncode != 0
    assert named in done.stderr.strip().splitlines()[-1]


def test_production_settings_start_with_proper_bsn_keys():
    done = production_settings_import(
        BSN_ENCRYPTION_KEYS=f"{KEY_2},{KEY_1}", BSN_HASH_KEY="z" * 40, PSEUDONYM_KEY="p" * 40
    )
    assert done.returncode == 0, done.stderr


def all_url_patterns(resolver=None, prefix: str = "") -> list[str]:
    from django.urls import URLResolver, get_resolver

    found = []
    for pattern in (resolver or get_resolver()).url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            found += all_url_patterns(pattern, route)
        else:
            found.append(route)
    return found


def test_no_url_takes_a_bsn():
    # A BSN may be posted, never put in a URL: URLs end up in proxy logs, browser history and Referer headers.
    assert all("bsn" not in route.lower() for route in all_url_patterns())


def test_no_template_sends_a_bsn_in_a_get_query_string():
    import re

    templates = Path(__file__).resolve().parents[2].glob("*/templates/**/*.html")
    for template in templates:
        for form in re.findall(r"<form\b[^>]*>.*?</form>", template.read_text(), flags=re.S | re.I):
            if not re.search(r'method="post"', form, flags=re.I):
                assert not re.search(r'name="bsn"|person_form', form, flags=re.I), template
