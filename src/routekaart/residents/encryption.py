"""The BSN at rest: Fernet-encrypted with keys from the environment, found through a keyed hash.

`BSN_ENCRYPTION_KEYS` is a list of Fernet keys: the first encrypts, every one decrypts (MultiFernet), so a key is
rotated by putting a new one in front, re-encrypting (`manage.py rotate_bsn_key`) and then dropping the old one.
`BSN_HASH_KEY` keys the HMAC-SHA256 in `Resident.bsn_hash`, the only column a BSN is ever looked up by: encryption
is randomised, so equal BSNs never give equal ciphertexts.

Why not django-fernet-encrypted-fields: it derives its Fernet keys from Django's SECRET_KEY (PBKDF2 with SALT_KEY
as salt), so rotating SECRET_KEY would make every BSN unreadable and the "keys" in the environment are only salts;
it also hands back the ciphertext silently when no key fits. Here a wrong key is an error, not a wrong BSN.
"""

from __future__ import annotations

import hashlib
import hmac
from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import FieldError, ImproperlyConfigured
from django.core.signals import setting_changed
from django.db import models
from django.dispatch import receiver


@cache
def _fernet() -> MultiFernet:
    keys = settings.BSN_ENCRYPTION_KEYS
    if isinstance(keys, str):
        keys = [k for k in (part.strip() for part in keys.split(",")) if k]
    if not keys:
        raise ImproperlyConfigured("BSN_ENCRYPTION_KEYS is leeg: zet minstens één Fernet-sleutel.")
    try:
        return MultiFernet([Fernet(k) for k in keys])
    except ValueError as error:
        raise ImproperlyConfigured(
            "BSN_ENCRYPTION_KEYS bevat een ongeldige sleutel (verwacht: Fernet.generate_key())."
        ) from error


@cache
def _hash_key() -> bytes:
    key = settings.BSN_HASH_KEY
    if not key:
        raise ImproperlyConfigured("BSN_HASH_KEY is leeg.")
    return key.encode()


@receiver(setting_changed)
def _forget_keys(*, setting: str, **kwargs) -> None:
    """Tests swap keys with override_settings; the cached ciphers must follow."""
    if setting == "BSN_ENCRYPTION_KEYS":
        _fernet.cache_clear()
    elif setting == "BSN_HASH_KEY":
        _hash_key.cache_clear()


def normalise_bsn(value: str | int) -> str:
    return str(value).strip()


def bsn_hash(bsn: str | int) -> str:
    """The keyed lookup hash of a BSN (hex HMAC-SHA256): equal BSNs give equal hashes, the hash gives no BSN."""
    return hmac.new(_hash_key(), normalise_bsn(bsn).encode(), hashlib.sha256).hexdigest()


def encrypt_bsn(bsn: str) -> str:
    """A Fernet token (text) for the BSN, under the first key."""
    return _fernet().encrypt(normalise_bsn(bsn).encode()).decode("ascii")


def decrypt_bsn(token: str) -> str:
    """The BSN in a token made with any of the configured keys; an unknown key raises, never returns the token."""
    try:
        return _fernet().decrypt(token.encode("ascii")).decode()
    except InvalidToken as error:
        raise ImproperlyConfigured(
            "Een BSN kon met geen van de sleutels in BSN_ENCRYPTION_KEYS worden ontsleuteld."
        ) from error


def reencrypt_bsn(token: str) -> str:
    """The same BSN under the first key (key rotation)."""
    return _fernet().rotate(token.encode("ascii")).decode("ascii")


def is_token(value: str) -> bool:
    """Whether a stored value looks like a Fernet token (version byte 0x80 base64-encodes to `gAAAAA`)."""
    return isinstance(value, str) and value.startswith("gAAAAA")


class EncryptedBsnField(models.CharField):
    """A BSN in Python, a Fernet token in the database (a text column; not unique: look up by `bsn_hash`).

    Filtering on it finds nothing (every encryption differs); use `residents.selectors.resident_by_bsn`.
    """

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("max_length", 9)
        super().__init__(*args, **kwargs)

    def get_internal_type(self) -> str:
        return "TextField"

    def get_lookup(self, lookup_name: str):
        # A lookup on the ciphertext silently finds nothing; refuse it loudly instead.
        if lookup_name != "isnull":
            raise FieldError("Zoek een inwoner op BSN via bsn_hash (residents.selectors.resident_by_bsn).")
        return super().get_lookup(lookup_name)

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        return decrypt_bsn(value)

    def get_db_prep_value(self, value, connection, prepared=False):
        value = super().get_db_prep_value(value, connection, prepared)
        if value is None or value == "":
            return value
        return encrypt_bsn(value)


class BsnHashField(models.CharField):
    """The keyed hash of the model's BSN, computed on every save and bulk insert from the `bsn` attribute."""

    def __init__(self, *args, source: str = "bsn", **kwargs) -> None:
        self.source = source
        kwargs.setdefault("max_length", 64)
        kwargs.setdefault("editable", False)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.source != "bsn":
            kwargs["source"] = self.source
        if kwargs.get("max_length") == 64:
            del kwargs["max_length"]
        if kwargs.get("editable") is False:
            del kwargs["editable"]
        return name, path, args, kwargs

    def pre_save(self, model_instance, add):
        bsn = getattr(model_instance, self.source)
        value = bsn_hash(bsn) if bsn else None
        setattr(model_instance, self.attname, value)
        return value
