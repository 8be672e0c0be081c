"""Writing to the household journal: a note, a document. One transaction, one event, one log entry each.

The caller passes the `HouseholdAccess` its view got from the access check: an entry may only be written in a domain
the author may see (for the person it is about, or for the whole household). Events carry ids, the domain and the
visibility, never the note's text, a document's title or its file name: those may hold personal data, and the
event stream cannot be anonymised later.

Documents are checked on their content, not their name (the `filetype` library reads the magic numbers), against
the kinds and the size limit of data/documents.yaml. A refused upload writes nothing: the checks run before any
row or file is written, and the file is written last, inside the transaction, and removed again when anything
after it fails.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import filetype
import yaml
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.db import transaction
from django.utils.formats import number_format
from django.utils.text import get_text_list
from django.utils.translation import gettext as _

from ..audit import services as audit
from ..core.periods import valid_on
from ..organisations.roles import ROLE_DOMAINS, Domain, Role
from .access import DOMAIN_ACTIVITY, HouseholdAccess
from .models import Document, Household, Membership, Note, Resident, Visibility

RULES_FILE = Path(__file__).parent / "data" / "documents.yaml"
NAME_MAX_LENGTH = 150
PLAIN_TEXT = "text/plain"


# --- the rules of data/documents.yaml ------------------------------------------------------------------------------


@dataclass(frozen=True)
class DocumentKind:
    mime: str
    label: str
    extensions: tuple[str, ...]


@dataclass(frozen=True)
class DocumentRules:
    version: str
    max_bytes: int
    kinds: tuple[DocumentKind, ...]

    def kind(self, mime: str) -> DocumentKind | None:
        return next((k for k in self.kinds if k.mime == mime), None)

    @property
    def labels(self) -> str:
        """ "PDF, JPEG, … en tekst": the accepted kinds, as a Dutch list for a message."""
        return str(get_text_list([k.label for k in self.kinds], _("en")))


@lru_cache(maxsize=1)
def document_rules() -> DocumentRules:
    """The kinds and the size limit in force, read once per process."""
    with RULES_FILE.open(encoding="utf-8") as handle:
        document = yaml.safe_load(handle)
    kinds = tuple(
        DocumentKind(mime=t["mime"], label=t["label"], extensions=tuple(e.lower() for e in t["extensions"]))
        for t in document["types"]
    )
    if not kinds or int(document["max_bytes"]) <= 0:
        raise ValueError(f"{RULES_FILE.name}: no kinds or no size limit")
    return DocumentRules(version=str(document["version"]), max_bytes=int(document["max_bytes"]), kinds=kinds)


def document_storage() -> FileSystemStorage:
    """The private document store: outside the static files and any served folder, readable by the app only."""
    return FileSystemStorage(
        location=settings.DOCUMENTS_ROOT, base_url=None, file_permissions_mode=0o600, directory_permissions_mode=0o700
    )


# --- checks shared by notes and documents --------------------------------------------------------------------------


def author_organisation(actor, access: HouseholdAccess, domain: str):
    """The organisation an entry is written for: the author's involved organisation whose role opens `domain`."""
    held = sorted(
        (
            a
            for a in actor.affiliations_held()
            if a.role != Role.RESIDENT and a.organisation_id in access.organisation_ids
        ),
        key=lambda a: a.organisation_id,
    )
    opening = [a for a in held if domain in ROLE_DOMAINS.get(a.role, frozenset())]
    chosen = (opening or held or [None])[0]
    return chosen.organisation if chosen is not None else None


def _entry_check(*, actor, access: HouseholdAccess, resident: Resident | None, domain: str, visibility: str):
    """Refuse an entry the author may not write; answer the organisation it is written for."""
    if access.basis == "resident" or not getattr(actor, "is_authenticated", False):
        raise ValidationError(_("Alleen medewerkers schrijven in het journaal van een huishouden."))
    errors: dict[str, str] = {}
    if domain not in Domain.values:
        errors["domain"] = _("Kies een domein.")
    if visibility not in Visibility.values:
        errors["visibility"] = _("Kies voor wie dit zichtbaar is.")
    if resident is not None:
        member = Membership.objects.filter(
            valid_on(access.on), household_id=access.household_id, resident_id=resident.pk
        ).exists()
        if not member:
            errors["resident"] = _("Kies een lid van dit huishouden, of het hele huishouden.")
        elif domain in Domain.values and not access.sees_person(resident.pk, domain):
            errors["domain"] = _("U mag in dit domein niets over deze persoon vastleggen.")
    elif domain in Domain.values and not access.sees(domain):
        errors["domain"] = _(
            "U mag in dit domein niets over het hele huishouden vastleggen. Kies de persoon over wie het gaat."
        )
    organisation = author_organisation(actor, access, domain)
    if visibility == Visibility.ORGANISATION and organisation is None:
        errors["visibility"] = _("U bent hier niet namens een organisatie betrokken. Kies een andere zichtbaarheid.")
    if errors:
        raise ValidationError(errors)
    return organisation


def _entry_state(entry: Note | Document) -> dict:
    return {
        "domain": entry.domain,
        "visibility": entry.visibility,
        "resident": entry.resident_id,
        "organisation": entry.organisation_id,
    }


# --- notes ---------------------------------------------------------------------------------------------------------


def note_record(
    *,
    actor,
    access: HouseholdAccess,
    text: str,
    domain: str,
    visibility: str,
    resident: Resident | None = None,
    corrects: Note | None = None,
) -> Note:
    """Record a note in the household's journal. A note is never edited: to correct one, record a new note that
    names it in `corrects` (the old one stays, marked as corrected)."""
    organisation = _entry_check(actor=actor, access=access, resident=resident, domain=domain, visibility=visibility)
    if corrects is not None and corrects.household_id != access.household_id:
        raise ValidationError({"corrects": _("U kunt alleen een notitie van dit huishouden corrigeren.")})
    note = Note(
        household=Household(pk=access.household_id),
        resident=resident,
        domain=domain,
        visibility=visibility,
        organisation=organisation,
        text=(text or "").strip(),
        corrects=corrects,
        author=actor,
    )
    note.full_clean(exclude=["household", "author"])
    with transaction.atomic():
        note.save()
        audit.action_record(
            actor=actor,
            action="note.recorded",
            subject=("note", note.pk),
            household_id=access.household_id,
            after={**_entry_state(note), "corrects": note.corrects_id},
            domain=domain,
            purpose=DOMAIN_ACTIVITY[domain],
            residents=[resident] if resident is not None else None,
        )
    return note


# --- documents -----------------------------------------------------------------------------------------------------

_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")  # control characters other than tab, newlines, form feed
_UNSAFE = re.compile(r'[<>:"/\\|?*;%\x00-\x1f]')


def filename_sanitise(name: str) -> str:
    """A file name safe to store and to offer in a download: no folders, no control or direction characters, no
    characters a file system or a header refuses, at most NAME_MAX_LENGTH characters, the extension kept."""
    name = unicodedata.normalize("NFC", str(name or "")).replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if not unicodedata.category(ch).startswith("C"))  # control, format (bidi)
    name = re.sub(r"\s+", " ", _UNSAFE.sub("_", name)).strip(" .")
    stem, dot, extension = name.rpartition(".")
    if not dot or not stem:
        stem, extension = name, ""
    extension = extension.lower()[:10]
    stem = stem[: NAME_MAX_LENGTH - len(extension) - 1].strip(" .") or _("document")
    return f"{stem}.{extension}" if extension else stem


def _content_kind(content: bytes, rules: DocumentRules) -> DocumentKind | None:
    """The accepted kind the content is, read from the content itself; None when it is none of them."""
    guessed = filetype.guess(content)
    if guessed is not None:
        return rules.kind(guessed.mime)
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    if _CONTROL.search(text):
        return None
    return rules.kind(PLAIN_TEXT)


def megabytes(size: int) -> str:
    """A size in MB as Dutch readers write it: "10" for a whole number, else one decimal ("2,5")."""
    mb = size / 1024 / 1024
    return str(int(mb)) if mb == int(mb) else number_format(mb, 1)


def _too_large(rules: DocumentRules) -> str:
    return _(
        "Het bestand is groter dan %(limit)s MB. Kies een kleiner bestand, of maak een scan in een lagere resolutie."
    ) % {"limit": megabytes(rules.max_bytes)}


def _upload_check(upload, rules: DocumentRules) -> tuple[bytes, DocumentKind, str]:
    """The upload's content, kind and safe name; refused (a Dutch message on the file field) when it is empty, too
    large, none of the accepted kinds, or named as another kind than it is."""
    if upload is None:
        raise ValidationError({"file": _("Kies een bestand.")})
    size = int(upload.size or 0)
    if size > rules.max_bytes:
        raise ValidationError({"file": _too_large(rules)})
    content = b"".join(upload.chunks())
    if not content:
        raise ValidationError({"file": _("Het bestand is leeg.")})
    if len(content) > rules.max_bytes:  # the size the client claimed was not the size it sent
        raise ValidationError({"file": _too_large(rules)})
    kind = _content_kind(content, rules)
    if kind is None:
        raise ValidationError(
            {
                "file": _("Dit soort bestand kan niet worden toegevoegd. Toegestaan zijn: %(kinds)s.")
                % {"kinds": rules.labels}
            }
        )
    name = filename_sanitise(upload.name)
    extension = name.rpartition(".")[2].lower() if "." in name else ""
    if extension not in kind.extensions:
        raise ValidationError(
            {
                "file": _(
                    "De naam van het bestand past niet bij de inhoud: het is een %(kind)s-bestand. Geef het de "
                    "extensie .%(extension)s."
                )
                % {"kind": kind.label, "extension": kind.extensions[0]}
            }
        )
    return content, kind, name


def document_upload(
    *,
    actor,
    access: HouseholdAccess,
    upload,
    title: str,
    domain: str,
    visibility: str,
    resident: Resident | None = None,
) -> Document:
    """Add a document to the household's journal: checked, stored under a random name in the private store, and
    recorded with its SHA-256. A refusal saves nothing, in the database or on disk."""
    organisation = _entry_check(actor=actor, access=access, resident=resident, domain=domain, visibility=visibility)
    content, kind, name = _upload_check(upload, document_rules())
    token = secrets.token_hex(16)
    document = Document(
        household=Household(pk=access.household_id),
        resident=resident,
        domain=domain,
        visibility=visibility,
        organisation=organisation,
        title=(title or "").strip() or name,
        original_name=name,
        content_type=kind.mime,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        stored_name=f"{token[:2]}/{token}",
        uploaded_by=actor,
    )
    document.full_clean(exclude=["household", "uploaded_by", "stored_name"])
    storage = document_storage()
    saved, writing = "", False
    try:
        with transaction.atomic():
            document.save()
            audit.action_record(
                actor=actor,
                action="document.uploaded",
                subject=("document", document.pk),
                household_id=access.household_id,
                after={**_entry_state(document), "content_type": kind.mime, "size": len(content)},
                domain=domain,
                purpose=DOMAIN_ACTIVITY[domain],
                residents=[resident] if resident is not None else None,
            )
            writing = True
            saved = storage.save(document.stored_name, ContentFile(content))
            if saved != document.stored_name:  # 128 random bits never name an existing file; if so, refuse
                raise RuntimeError("document store: the random name was taken")
    except BaseException:
        if saved:
            storage.delete(saved)
        elif writing and storage.exists(document.stored_name):  # a write broken off half-way
            storage.delete(document.stored_name)
        raise
    return document


def document_open(document: Document):
    """The stored file, opened for reading (the download view has checked access and logs the read)."""
    return document_storage().open(document.stored_name, "rb")
