"""The one access check: may this user see this household, in this domain, for this purpose?

Pages, the API and every other app ask it before they read personal data of a household; selectors take its
answer (`HouseholdAccess`) as proof. The rules, in one place:

- Staff see a household only while they, or their organisation, are involved with it (`Involvement`).
- A domain (J, W, P, G) is visible through the roles the user holds *at the involved organisation*
  (`ROLE_DOMAINS`), or through the resident's active consent to that organisation. A withdrawn or expired consent
  counts for nothing, from the moment it is withdrawn: nothing here is cached between requests.
- Break the glass: a user without involvement may open a household for a few hours with a written reason; then
  the domains of their roles apply and every read is logged with result `break_glass`.
- A resident with an account sees their own household (current membership), every domain.

A refused attempt raises `AccessDenied` (a `PermissionDenied`) and is logged first (result `denied`). Views answer
it as a 403 *response* rather than letting it propagate, so the request's transaction commits the log entry;
call the check before a service opens its own transaction for the same reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet, prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..audit import services as audit
from ..audit.models import Result
from ..organisations.roles import ROLE_DOMAINS, Domain, Role
from .models import BreakGlass, Consent, Household, Involvement, Membership

ALL_DOMAINS = frozenset(Domain.values)
# The processing activity (register code) under which reading each domain's data is logged.
DOMAIN_ACTIVITY = {
    Domain.GENERAL: "household-file",
    Domain.YOUTH: "youth-care",
    Domain.SUPPORT: "social-support",
    Domain.PARTICIPATION: "participation",
}


class AccessDenied(PermissionDenied):
    """Refused by the access check, and already logged."""


@dataclass(frozen=True)
class HouseholdAccess:
    """What one user may see of one household now, and on what ground ("involvement", "break_glass", "resident")."""

    user: object
    household_id: int
    domains: frozenset[str] = frozenset()
    basis: str = ""
    organisation_ids: frozenset[int] = frozenset()
    involvement_ids: frozenset[int] = frozenset()
    break_glass: BreakGlass | None = None
    channel: str = "page"
    on: date = field(default_factory=timezone.localdate)

    def sees(self, domain: str) -> bool:
        return domain in self.domains

    @property
    def result(self) -> str:
        """The result every processing under this access is logged with."""
        return Result.BREAK_GLASS if self.basis == "break_glass" else Result.OK

    @property
    def reason(self) -> str:
        return self.break_glass.reason if self.break_glass else ""


def _affiliations(user) -> list:
    """The user's affiliations, loaded once per request object and shared with `roles` and the audit writer."""
    if "affiliations" not in getattr(user, "_prefetched_objects_cache", {}):
        prefetch_related_objects([user], "affiliations__organisation")
    return list(user.affiliations.all())


def _domains_at(affiliations: list, organisation_id: int) -> set[str]:
    domains: set[str] = set()
    for affiliation in affiliations:
        if affiliation.organisation_id == organisation_id and affiliation.role != Role.RESIDENT:
            domains |= ROLE_DOMAINS.get(affiliation.role, frozenset())
    return domains


def _active(on: date) -> Q:
    return Q(valid_from__lte=on) & (Q(valid_to__isnull=True) | Q(valid_to__gt=on))


def household_access(*, user, household_id: int, channel: str = "page") -> HouseholdAccess:
    """What `user` may see of the household now. Never raises and never logs; `household_access_check` does both.

    A fixed number of small indexed queries, whatever the household's size or history.
    """
    on = timezone.localdate()
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return HouseholdAccess(user=user, household_id=household_id, channel=channel, on=on)
    affiliations = _affiliations(user)
    organisation_ids = {a.organisation_id for a in affiliations if a.role != Role.RESIDENT}

    involvements = list(
        Involvement.objects.filter(_active(on), household_id=household_id)
        .filter(Q(user=user) | Q(user__isnull=True, organisation_id__in=organisation_ids))
        .values_list("id", "organisation_id")
    )
    if involvements:
        involved_organisations = {organisation_id for _, organisation_id in involvements}
        domains: set[str] = set()
        for organisation_id in involved_organisations:
            domains |= _domains_at(affiliations, organisation_id)
        consented = Consent.objects.filter(
            _active(on),
            household_id=household_id,
            organisation_id__in=involved_organisations,
            withdrawn_at__isnull=True,
        ).values_list("domain", flat=True)
        domains |= set(consented)
        if domains:
            return HouseholdAccess(
                user=user,
                household_id=household_id,
                domains=frozenset(domains),
                basis="involvement",
                organisation_ids=frozenset(involved_organisations),
                involvement_ids=frozenset(i for i, _ in involvements),
                channel=channel,
                on=on,
            )

    glass = (
        BreakGlass.objects.filter(
            user=user, household_id=household_id, started_at__lte=timezone.now(), expires_at__gt=timezone.now()
        )
        .order_by("-started_at")
        .first()
    )
    if glass is not None:
        domains = set()
        for affiliation in affiliations:
            if affiliation.role != Role.RESIDENT:
                domains |= ROLE_DOMAINS.get(affiliation.role, frozenset())
        if domains:
            return HouseholdAccess(
                user=user,
                household_id=household_id,
                domains=frozenset(domains),
                basis="break_glass",
                organisation_ids=frozenset(organisation_ids),
                break_glass=glass,
                channel=channel,
                on=on,
            )

    if any(a.role == Role.RESIDENT for a in affiliations):
        own = Membership.objects.filter(_active(on), household_id=household_id, resident__user=user).exists()
        if own:
            domains = set(ROLE_DOMAINS[Role.RESIDENT])
            return HouseholdAccess(
                user=user,
                household_id=household_id,
                domains=frozenset(domains),
                basis="resident",
                channel=channel,
                on=on,
            )
    return HouseholdAccess(user=user, household_id=household_id, channel=channel, on=on)


def household_access_check(
    *,
    user,
    household_id: int,
    domain: str = Domain.GENERAL,
    purpose: str = "household-file",
    channel: str = "page",
) -> HouseholdAccess:
    """May `user` see household `household_id` in `domain` for `purpose` (a processing activity code)?

    Returns the access (which may show more domains than asked). Refuses with `AccessDenied` after logging the
    attempt (result `denied`) for every person who ever belonged to the household. A household that does not
    exist is refused the same way, so the answer never tells whether it exists.
    """
    access = household_access(user=user, household_id=household_id, channel=channel)
    if access.sees(domain):
        return access
    subjects = _data_subjects(household_id)
    why = f"domain {domain} not granted" if access.domains else "no involvement"
    audit.processing_record(
        actor=user,
        activity=purpose,
        data_subjects=subjects or [""],
        channel=channel,
        result=Result.DENIED,
        reason=f"household {household_id}: {why}",
    )
    if access.domains:
        raise AccessDenied(_("U hebt geen toegang tot dit deel van het dossier."))
    raise AccessDenied(_("U bent niet betrokken bij dit huishouden."))


def resident_access_check(
    *, user, resident_id: int, domain: str = Domain.GENERAL, purpose: str = "household-file", channel: str = "page"
) -> HouseholdAccess:
    """A resident's data is seen through their current (or else latest) household, with the same check."""
    on = timezone.localdate()
    memberships = Membership.objects.filter(resident_id=resident_id, valid_from__lte=on).order_by("-valid_from", "-id")
    household_id = memberships.values_list("household_id", flat=True).first()
    if household_id is None:
        audit.processing_record(
            actor=user,
            activity=purpose,
            data_subjects=list(_resident_subjects([resident_id])) or [""],
            channel=channel,
            result=Result.DENIED,
            reason=f"resident {resident_id}: no household",
        )
        raise AccessDenied(_("U bent niet betrokken bij deze inwoner."))
    return household_access_check(user=user, household_id=household_id, domain=domain, purpose=purpose, channel=channel)


def households_visible(*, user) -> QuerySet[Household]:
    """The households `user` now sees in the general domain through an involvement ("my households").

    One query whatever the caseload: the same rules as `household_access`, as an EXISTS over involvements.
    Break-the-glass access is deliberately left out: it is for one urgent case, not for a worklist.
    """
    if not getattr(user, "is_authenticated", False):
        return Household.objects.none()
    on = timezone.localdate()
    affiliations = _affiliations(user)
    general_organisations = {
        a.organisation_id
        for a in affiliations
        if a.role != Role.RESIDENT and Domain.GENERAL in ROLE_DOMAINS.get(a.role, frozenset())
    }
    organisation_ids = {a.organisation_id for a in affiliations if a.role != Role.RESIDENT}
    general_consent = Consent.objects.filter(
        _active(on),
        household_id=OuterRef("household_id"),
        organisation_id=OuterRef("organisation_id"),
        domain=Domain.GENERAL,
        withdrawn_at__isnull=True,
    )
    involved = (
        Involvement.objects.filter(_active(on), household_id=OuterRef("pk"))
        .filter(Q(user=user) | Q(user__isnull=True, organisation_id__in=organisation_ids))
        .filter(Q(organisation_id__in=general_organisations) | Exists(general_consent))
    )
    return Household.objects.filter(Exists(involved))


def _data_subjects(household_id: int) -> list[str]:
    bsns = Membership.objects.filter(household_id=household_id).values_list("resident__bsn", flat=True)
    return [audit.pseudonym(bsn) for bsn in dict.fromkeys(bsns)]


def _resident_subjects(resident_ids) -> list[str]:
    from .models import Resident

    return [audit.pseudonym(b) for b in Resident.objects.filter(pk__in=resident_ids).values_list("bsn", flat=True)]
