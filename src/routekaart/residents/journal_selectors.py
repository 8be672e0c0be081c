"""Reading the household journal: the notes and documents the viewer may see, newest first, and each read logged.

An entry is shown when the access check opens its domain (for its person, or for the whole household) AND its
visibility lets the viewer in (models/journal.py says the three visibilities). Both are one filter in the query, so
a page of the journal is a page of what the viewer may see, whatever else the household holds.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q, QuerySet

from ..audit import services as audit
from ..organisations.roles import Role
from .access import DOMAIN_ACTIVITY, HouseholdAccess, access_refuse, data_subjects_of
from .models import Document, Note, Resident, Visibility


def _viewer_organisations(access: HouseholdAccess) -> set[int]:
    user = access.user
    if not getattr(user, "is_authenticated", False):
        return set()
    return {a.organisation_id for a in user.affiliations_held() if a.role != Role.RESIDENT}


def _visible(access: HouseholdAccess, author_field: str) -> Q:
    domain = Q(domain__in=sorted(access.domains))
    for resident_id, consented in sorted(access.consented):
        domain |= Q(resident_id=resident_id, domain=consented)
    visibility = Q(visibility=Visibility.INVOLVED) | Q(
        visibility=Visibility.ORGANISATION, organisation_id__in=sorted(_viewer_organisations(access))
    )
    if getattr(access.user, "is_authenticated", False):
        visibility |= Q(visibility=Visibility.AUTHOR, **{f"{author_field}_id": access.user.pk})
    return Q(household_id=access.household_id) & domain & visibility


def entry_visible(access: HouseholdAccess, entry: Note | Document) -> bool:
    """The same rule as the queries, for one entry already loaded."""
    if entry.household_id != access.household_id:
        return False
    if entry.resident_id is not None:
        domain_open = access.sees_person(entry.resident_id, entry.domain)
    else:
        domain_open = access.sees(entry.domain)
    if not domain_open:
        return False
    if entry.visibility == Visibility.INVOLVED:
        return True
    if entry.visibility == Visibility.ORGANISATION:
        return entry.organisation_id in _viewer_organisations(access)
    author_id = entry.author_id if isinstance(entry, Note) else entry.uploaded_by_id
    return getattr(access.user, "is_authenticated", False) and author_id == access.user.pk


def notes_visible(*, access: HouseholdAccess) -> QuerySet[Note]:
    """The household's notes the viewer may see, newest first (not yet logged: log what is shown)."""
    return (
        Note.objects.filter(_visible(access, "author"))
        .select_related("author", "organisation", "resident", "corrects")
        .order_by("-created_at", "-pk")
    )


def documents_visible(*, access: HouseholdAccess) -> QuerySet[Document]:
    """The household's documents the viewer may see, newest first (not yet logged: log what is shown)."""
    return (
        Document.objects.filter(_visible(access, "uploaded_by"))
        .select_related("uploaded_by", "organisation", "resident")
        .order_by("-uploaded_at", "-pk")
    )


def corrected_ids(*, notes: Iterable[Note]) -> set[int]:
    """Which of these notes a later note corrects (one query for the page)."""
    ids = [n.pk for n in notes]
    if not ids:
        return set()
    return set(Note.objects.filter(corrects_id__in=ids).values_list("corrects_id", flat=True))


def journal_read_log(
    *, access: HouseholdAccess, entries: Iterable[Note | Document], members: Iterable[Resident] | None = None
) -> None:
    """Log the read of the shown entries: per domain one entry, about the person each is about, or about the
    household's members for an entry about the whole household (`members` when the caller has them loaded)."""
    by_domain: dict[str, list[Resident | None]] = {}
    for entry in entries:
        by_domain.setdefault(entry.domain, []).append(entry.resident)
    household_wide: list[str] | None = None
    for domain in sorted(by_domain):
        subjects = [audit.pseudonym(r.bsn) for r in by_domain[domain] if r is not None]
        if any(r is None for r in by_domain[domain]):
            if household_wide is None:
                household_wide = (
                    [audit.pseudonym(r.bsn) for r in members]
                    if members is not None
                    else data_subjects_of(household_id=access.household_id)
                )
            subjects += household_wide
        audit.processing_record(
            actor=access.user,
            activity=DOMAIN_ACTIVITY[domain],
            data_subjects=subjects or [""],
            channel=access.channel,
            result=access.result,
            reason=access.reason,
        )


def note_get(*, access: HouseholdAccess, note_id: int) -> Note | None:
    """One note of this household that the viewer may see (to correct it), else None."""
    note = notes_visible(access=access).filter(pk=note_id).first()
    return note


def document_get(*, access: HouseholdAccess, document_id: int) -> Document:
    """One document for download. Not of this household: `Document.DoesNotExist`. Of this household but closed to
    the viewer (its domain or its visibility): refused and logged as refused, like every refusal of the check."""
    document = (
        Document.objects.select_related("resident").filter(household_id=access.household_id, pk=document_id).first()
    )
    if document is None:
        raise Document.DoesNotExist
    if not entry_visible(access, document):
        access_refuse(access, why=f"document {document.pk} (domain {document.domain}) not open to this user")
    return document
