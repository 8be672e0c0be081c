"""The work app's view through the one access door (residents.access): no rule of its own lives here.

- The employer adviser sees a work profile only while the resident's own consent to share it (domain P) with the
  adviser's organisation is in force; the register lets advisers process data for matching and placement only.
- The coordinator and the job coach reach the profile through their involvement with the household (domain P).
- An employer sees a proposed candidate only while the resident consents to share the profile with that employer.

Set-based pages (rankings of many candidates, the desk) filter with `consents_in_force`, the same reading of
consent the door uses. Each read is logged in the processing log (pseudonyms, never the BSN).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db.models import Exists, OuterRef, QuerySet, prefetch_related_objects

from ..audit import services as audit
from ..audit.models import Operation
from ..organisations.roles import Domain, Role
from ..residents.access import consents_in_force, resident_access_check
from ..residents.models import Resident

MATCHING = "work-matching"
PLACEMENT = "work-placement"


def adviser_organisation_ids(user) -> list[int]:
    """The organisations for which the user works as employer adviser."""
    if not getattr(user, "is_authenticated", False):
        return []
    if "affiliations" not in getattr(user, "_prefetched_objects_cache", {}):
        # loaded once per request object, and shared with the audit writer that names the actor's organisation
        prefetch_related_objects([user], "affiliations__organisation")
    return sorted({a.organisation_id for a in user.affiliations.all() if a.role == Role.EMPLOYER_ADVISER})


def consent_exists(*, organisation_ids: Iterable[int], on: date | None = None, resident_ref: str = "resident_id"):
    """EXISTS: the resident of the outer row shares the work profile with one of these organisations."""
    return Exists(
        consents_in_force(organisation_ids=organisation_ids, on=on).filter(
            resident_id=OuterRef(resident_ref), domain=Domain.PARTICIPATION
        )
    )


def consenting_residents(*, organisation_ids: Iterable[int], on: date | None = None) -> QuerySet:
    """The residents who share the work profile with one of these organisations, as an uncorrelated subquery
    (the database builds the set once, which keeps a ranking of 50,000 candidates one fast query)."""
    return (
        consents_in_force(organisation_ids=organisation_ids, on=on)
        .filter(domain=Domain.PARTICIPATION)
        .values("resident_id")
    )


def consented_resident_ids(*, resident_ids: Iterable[int], organisation_id: int, on: date | None = None) -> set[int]:
    return set(
        consents_in_force(organisation_ids=[organisation_id], on=on)
        .filter(resident_id__in=list(resident_ids), domain=Domain.PARTICIPATION)
        .values_list("resident_id", flat=True)
    )


def read_log(*, user, residents: Iterable[Resident], activity: str = MATCHING, channel: str | None = None) -> None:
    """One insert for every candidate shown on a page."""
    subjects = [audit.pseudonym(r.bsn) for r in residents]
    if subjects:
        audit.processing_record(actor=user, activity=activity, data_subjects=subjects, channel=channel)


def write_log(*, user, resident: Resident, activity: str, channel: str | None = None) -> None:
    audit.processing_record(
        actor=user,
        activity=activity,
        data_subjects=[audit.pseudonym(resident.bsn)],
        operation=Operation.WRITE,
        channel=channel,
    )


def candidate_check(*, user, resident: Resident, activity: str = MATCHING, channel: str | None = None) -> str:
    """May `user` see this resident's work profile? Returns the ground ("consent" or "household"), else raises
    `AccessDenied` after the door logged the refusal. The caller logs the read of what it shows."""
    access = resident_access_check(
        user=user, resident_id=resident.pk, domain=Domain.PARTICIPATION, purpose=activity, channel=channel
    )
    return "household" if access.sees(Domain.PARTICIPATION) else "consent"
