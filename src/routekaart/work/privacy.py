"""Who may see a candidate's work profile, in one place.

- The employer adviser sees a work profile only while the resident's consent to share it (domain P) with the
  adviser's organisation is active: consent is the door, there is no role that opens it (ROLE_DOMAINS gives the
  adviser nothing). Withdrawn or expired consent closes it at once; nothing is cached.
- An employer sees a candidate only when the candidate was proposed to it and the resident's consent to share the
  work profile with *that employer* (domain P, the employer's organisation) is active.
- The coordinator and the job coach reach the profile through the household access check (domain P).

Each read is logged in the processing log (pseudonyms, never the BSN); a refusal is logged, then raised.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db.models import Exists, OuterRef, Q, prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..audit import services as audit
from ..audit.models import Operation, Result
from ..organisations.roles import Domain, Role
from ..residents.access import AccessDenied, resident_access_check
from ..residents.models import Consent, Resident

MATCHING = "work-matching"
PLACEMENT = "work-placement"


def _active(on: date) -> Q:
    return Q(valid_from__lte=on) & (Q(valid_to__isnull=True) | Q(valid_to__gt=on))


def adviser_organisation_ids(user) -> list[int]:
    """The organisations for which the user works as employer adviser."""
    if not getattr(user, "is_authenticated", False):
        return []
    if "affiliations" not in getattr(user, "_prefetched_objects_cache", {}):
        # loaded once per request object, and shared with the audit writer that names the actor's organisation
        prefetch_related_objects([user], "affiliations__organisation")
    return sorted({a.organisation_id for a in user.affiliations.all() if a.role == Role.EMPLOYER_ADVISER})


def consent_exists(*, organisation_ids: Iterable[int], on: date | None = None, resident_ref: str = "resident_id"):
    """EXISTS: the resident of the outer row consented to share the work profile with one of these organisations."""
    on = on or timezone.localdate()
    return Exists(
        Consent.objects.filter(
            _active(on),
            resident_id=OuterRef(resident_ref),
            organisation_id__in=list(organisation_ids),
            domain=Domain.PARTICIPATION,
            withdrawn_at__isnull=True,
        )
    )


def consenting_residents(*, organisation_ids: Iterable[int], on: date | None = None):
    """The residents who consent now to share the work profile with one of these organisations, as a subquery.

    Not correlated: the database builds the set once (a hash or an index) instead of probing per candidate, which
    keeps the ranking of 50,000 candidates one fast query on SQLite as on PostgreSQL.
    """
    on = on or timezone.localdate()
    return Consent.objects.filter(
        _active(on),
        organisation_id__in=list(organisation_ids),
        domain=Domain.PARTICIPATION,
        withdrawn_at__isnull=True,
    ).values("resident_id")


def consented_resident_ids(*, resident_ids: Iterable[int], organisation_id: int, on: date | None = None) -> set[int]:
    on = on or timezone.localdate()
    return set(
        Consent.objects.filter(
            _active(on),
            resident_id__in=list(resident_ids),
            organisation_id=organisation_id,
            domain=Domain.PARTICIPATION,
            withdrawn_at__isnull=True,
        ).values_list("resident_id", flat=True)
    )


def read_log(*, user, residents: Iterable[Resident], activity: str = MATCHING, channel: str = "page") -> None:
    """One insert for every candidate shown on a page."""
    subjects = [audit.pseudonym(r.bsn) for r in residents]
    if subjects:
        audit.processing_record(actor=user, activity=activity, data_subjects=subjects, channel=channel)


def write_log(*, user, resident: Resident, activity: str, channel: str = "page") -> None:
    audit.processing_record(
        actor=user,
        activity=activity,
        data_subjects=[audit.pseudonym(resident.bsn)],
        operation=Operation.WRITE,
        channel=channel,
    )


def _deny(*, user, resident: Resident, activity: str, channel: str, why: str):
    audit.processing_record(
        actor=user,
        activity=activity,
        data_subjects=[audit.pseudonym(resident.bsn)],
        channel=channel,
        result=Result.DENIED,
        reason=why,
    )
    return AccessDenied(_("De inwoner heeft geen toestemming gegeven om dit werkprofiel met u te delen."))


def candidate_check(*, user, resident: Resident, activity: str = MATCHING, channel: str = "page") -> str:
    """May `user` see this resident's work profile? Returns the ground ("consent" or "household"), else raises.

    Advisers by consent; staff who hold the P domain for the household (coordinator, job coach) by the household
    access check. The caller logs the read of what it shows.
    """
    if user.has_perm("work.edit_work_profile"):
        try:
            resident_access_check(
                user=user, resident_id=resident.pk, domain=Domain.PARTICIPATION, purpose=activity, channel=channel
            )
        except AccessDenied:
            if not adviser_organisation_ids(user):
                raise
        else:
            return "household"
    organisations = adviser_organisation_ids(user)
    if (
        organisations
        and Resident.objects.filter(
            consent_exists(organisation_ids=organisations, resident_ref="pk"), pk=resident.pk
        ).exists()
    ):
        return "consent"
    raise _deny(user=user, resident=resident, activity=activity, channel=channel, why="no consent for work profile")
