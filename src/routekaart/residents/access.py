"""The one access decision: may this user see this person's or household's data, in this domain, for this purpose?

Every page, fragment, PDF, export and API view of every app asks here before it reads personal data; selectors take
the answer (`HouseholdAccess`) as proof. There is no second implementation: set-based pages (worklists, candidate
rankings) use the querysets below, built from the same rules. The rules, in one place:

- **Purpose.** Each read or write is for a processing activity of the register (audit/data/
  processing_activities.yaml). Only the roles listed for that activity may process data for it, whatever their
  involvement or a consent: a job coach holds the P domain, yet does not read the social-assistance file.
- **Involvement.** Staff see a household while they, or their organisation, are involved with it (`Involvement`);
  the domains (J, W, P, G) come from the roles the user holds *at the involved organisation* (`ROLE_DOMAINS`).
  Klantbeheer's involvement (kind legal_matter) opens the household to klantbeheer's roles only, and only it opens
  a household to them (`KIND_ROLES`): an objection at the Dienst is not its casework, nor the reverse.
- **Consent.** A person's active consent to an organisation widens exactly its scope: that person's data, that
  domain, that organisation, and only for users holding a role the purpose allows. A parent gives it for a child
  under 16 (AVG art. 8, UAVG art. 5). Withdrawn or expired consent counts for nothing from that moment: nothing here
  is cached between requests.
- **Break the glass.** A user without involvement may open a household for a few hours with a written reason; the
  domains of their roles apply (still only for purposes their roles allow); every read is logged `break_glass`.
- **Own data.** A resident with an account sees their own household (current membership), every domain.

A refused attempt raises `AccessDenied` (a `PermissionDenied`) and is logged first (result `denied`), with the same
answer whether the household or person exists or not. Inside a request the audit writer keeps refusals until the
request's transaction has ended, so they are written even when the refusal rolls the transaction back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..audit import selectors as audit_selectors
from ..audit import services as audit
from ..audit.configuration import activity_roles
from ..audit.context import current_channel
from ..audit.models import Result
from ..core.periods import valid_on
from ..organisations.roles import ROLE_DOMAINS, Domain, Role
from .models import BreakGlass, Consent, Household, Involvement, InvolvementKind, Membership, Resident

# The processing activity (register code) under which reading each domain's data is logged.
DOMAIN_ACTIVITY = {
    Domain.GENERAL: "household-file",
    Domain.YOUTH: "youth-care",
    Domain.SUPPORT: "social-support",
    Domain.PARTICIPATION: "participation",
}
HOUSEHOLD_FILE = "household-file"
COMPOSITION = "household-composition"
# An involvement of these kinds opens the household only to these roles at the involved organisation, and these
# roles are opened only by these kinds: klantbeheer's matter (an objection, an investigation) is not the Dienst's
# casework, and the Dienst's casework does not open a household to its klantbeheer.
KIND_ROLES: dict[str, frozenset[str]] = {
    InvolvementKind.LEGAL_MATTER: frozenset({Role.LEGAL, Role.CLIENT_ADMIN}),
}
_KIND_BOUND_ROLES = frozenset().union(*KIND_ROLES.values())


class AccessDenied(PermissionDenied):
    """Refused by the access check, and already logged."""


@dataclass(frozen=True)
class HouseholdAccess:
    """What one user may see of one household now, for one purpose, and on what ground.

    `domains` hold for every member; `consented` holds (resident id, domain) pairs that a person's consent opens
    for that person alone. `domain` is the domain the check was asked for; `covers()` answers for one person in it.
    """

    user: object
    household_id: int
    purpose: str = HOUSEHOLD_FILE
    domain: str = Domain.GENERAL
    domains: frozenset[str] = frozenset()
    consented: frozenset[tuple[int, str]] = frozenset()
    basis: str = ""
    organisation_ids: frozenset[int] = frozenset()
    involvement_ids: frozenset[int] = frozenset()
    break_glass: BreakGlass | None = None
    channel: str = "page"
    on: date = field(default_factory=timezone.localdate)

    def sees(self, domain: str) -> bool:
        """True when `domain` is open for the whole household (not only for a consenting person)."""
        return domain in self.domains

    def sees_person(self, resident_id: int, domain: str) -> bool:
        return domain in self.domains or (resident_id, domain) in self.consented

    def permits(self, domain: str) -> bool:
        """May anything of `domain` be shown: for the household, or for at least one consenting person."""
        return domain in self.domains or any(d == domain for _, d in self.consented)

    def covers(self, resident_id: int) -> bool:
        """May this person's data be shown in the domain the check was asked for?"""
        return self.sees_person(resident_id, self.domain)

    @property
    def resident_ids(self) -> frozenset[int] | None:
        """The persons the checked domain is open for; None means every member of the household."""
        if self.domain in self.domains:
            return None
        return frozenset(r for r, d in self.consented if d == self.domain)

    @property
    def result(self) -> str:
        """The result every processing under this access is logged with."""
        return Result.BREAK_GLASS if self.basis == "break_glass" else Result.OK

    @property
    def reason(self) -> str:
        return self.break_glass.reason if self.break_glass else ""


def _affiliations(user) -> list:
    """The user's affiliations, loaded once per request object and shared with `roles` and the audit writer."""
    return user.affiliations_held()


def purpose_roles(user, purpose: str) -> frozenset[str]:
    """The roles that may process data for `purpose` (the register), read once per request object."""
    cache = user.__dict__.setdefault("_purpose_roles", {})
    if purpose not in cache:
        roles = activity_roles(purpose)  # the register version in force today
        cache[purpose] = frozenset(roles or ())
    return cache[purpose]


def _staff_roles_by_organisation(user, purpose: str) -> dict[int, set[str]]:
    """Per organisation, the user's staff roles that the purpose allows."""
    allowed = purpose_roles(user, purpose)
    roles: dict[int, set[str]] = {}
    for affiliation in _affiliations(user):
        if affiliation.role != Role.RESIDENT and affiliation.role in allowed:
            roles.setdefault(affiliation.organisation_id, set()).add(affiliation.role)
    return roles


def _roles_opened(kind: str, roles) -> set[str]:
    """Of a user's roles at an involved organisation, those that an involvement of `kind` opens the household to."""
    bound = KIND_ROLES.get(kind)
    if bound is not None:
        return {role for role in roles if role in bound}
    return {role for role in roles if role not in _KIND_BOUND_ROLES}


def _role_domains(roles) -> set[str]:
    domains: set[str] = set()
    for role in roles:
        domains |= ROLE_DOMAINS.get(role, frozenset())
    return domains


def consents_in_force(*, organisation_ids, on: date | None = None) -> QuerySet[Consent]:
    """The consents to these organisations in force on `on`: valid on that date and not withdrawn. The one reading
    of "consent counts" that every rule and set-based page uses."""
    return Consent.objects.filter(
        valid_on(on or timezone.localdate()), organisation_id__in=list(organisation_ids), withdrawn_at__isnull=True
    )


@dataclass(frozen=True)
class HouseholdGrounds:
    """The rows an access to one household is decided from, for every purpose at once: today's involvements of the
    user (or their organisations) and the consents in force to their organisations. A page that asks for several
    purposes (the household page's blocks) reads them once; the rules stay in `household_access`."""

    on: date
    involvements: tuple[tuple[int, int, str], ...]  # (involvement id, organisation id, kind)
    consents: tuple[tuple[int, str, int], ...]  # (resident id, domain, organisation id)


def household_grounds(*, user, household_id: int) -> HouseholdGrounds:
    """Two queries, whatever the household's size or history."""
    on = timezone.localdate()
    organisations = sorted({a.organisation_id for a in _affiliations(user) if a.role != Role.RESIDENT})
    involvements = (
        Involvement.objects.filter(valid_on(on), household_id=household_id, organisation_id__in=organisations)
        .filter(Q(user=user) | Q(user__isnull=True))
        .values_list("id", "organisation_id", "kind")
    )
    consents = (
        consents_in_force(on=on, organisation_ids=organisations)
        .filter(household_id=household_id)
        .values_list("resident_id", "domain", "organisation_id")
    )
    return HouseholdGrounds(on=on, involvements=tuple(involvements), consents=tuple(consents))


def household_access(
    *,
    user,
    household_id: int,
    purpose: str = HOUSEHOLD_FILE,
    domain: str = Domain.GENERAL,
    channel: str | None = None,
    grounds: HouseholdGrounds | None = None,
) -> HouseholdAccess:
    """What `user` may see of the household now, for `purpose`. Never raises and never logs (the check does both).

    A fixed number of small indexed queries, whatever the household's size or history; none for the involvements
    and consents when `grounds` (read for this user and household today) are given.
    """
    on = timezone.localdate()
    channel = channel or current_channel()
    base = {"user": user, "household_id": household_id, "purpose": purpose, "domain": domain, "channel": channel}
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return HouseholdAccess(**base, on=on)
    staff = _staff_roles_by_organisation(user, purpose)

    if staff:
        if grounds is None or grounds.on != on:
            grounds = household_grounds(user=user, household_id=household_id)
        domains: set[str] = set()
        involvements = []
        for pk, organisation, kind in grounds.involvements:
            opened = _roles_opened(kind, staff.get(organisation, ()))
            if opened:
                involvements.append((pk, organisation))
                domains |= _role_domains(opened)
        involved = {organisation_id for _, organisation_id in involvements}
        consented = frozenset(
            (resident_id, consent_domain)
            for resident_id, consent_domain, organisation_id in grounds.consents
            if organisation_id in staff
        )
        if domains or consented:
            return HouseholdAccess(
                **base,
                domains=frozenset(domains),
                consented=consented,
                basis="involvement" if domains else "consent",
                organisation_ids=frozenset(involved or staff),
                involvement_ids=frozenset(i for i, _ in involvements),
                on=on,
            )

        now = timezone.now()
        glass = (
            BreakGlass.objects.filter(user=user, household_id=household_id, started_at__lte=now, expires_at__gt=now)
            .order_by("-started_at")
            .first()
        )
        if glass is not None:
            domains = _role_domains({role for roles in staff.values() for role in roles})
            if domains:
                return HouseholdAccess(
                    **base,
                    domains=frozenset(domains),
                    basis="break_glass",
                    organisation_ids=frozenset(staff),
                    break_glass=glass,
                    on=on,
                )

    if Role.RESIDENT in purpose_roles(user, purpose) and any(a.role == Role.RESIDENT for a in _affiliations(user)):
        own = Membership.objects.filter(valid_on(on), household_id=household_id, resident__user=user).exists()
        if own:
            return HouseholdAccess(**base, domains=frozenset(ROLE_DOMAINS[Role.RESIDENT]), basis="resident", on=on)
    return HouseholdAccess(**base, on=on)


def household_access_check(
    *,
    user,
    household_id: int,
    domain: str = Domain.GENERAL,
    purpose: str = HOUSEHOLD_FILE,
    channel: str | None = None,
) -> HouseholdAccess:
    """May `user` see household `household_id` in `domain` for `purpose` (a processing activity code)?

    Returns the access (which may show more domains than asked, or `domain` for consenting persons only). Refuses
    with `AccessDenied` after logging the attempt (result `denied`) for every person who ever belonged to the
    household. A household that does not exist is refused the same way, so the answer never tells whether it exists.
    """
    access = household_access(user=user, household_id=household_id, purpose=purpose, domain=domain, channel=channel)
    channel = access.channel
    if access.permits(domain):
        return access
    _refuse(
        user=user,
        purpose=purpose,
        subjects=_data_subjects(household_id),
        channel=channel,
        why=f"household {household_id}: " + (f"domain {domain} not granted" if access.domains else "no ground"),
    )
    if access.domains:
        raise AccessDenied(_("U hebt geen toegang tot dit deel van het dossier."))
    raise AccessDenied(_("U bent niet betrokken bij dit huishouden."))


def resident_access_check(
    *, user, resident_id: int, domain: str = Domain.GENERAL, purpose: str = HOUSEHOLD_FILE, channel: str | None = None
) -> HouseholdAccess:
    """A person's data is seen through their current (or else latest) household, with the same check, and only
    when the access covers that person (a consent opens the person who gave it, not the housemates)."""
    household_id = _household_of(resident_id)
    if household_id is not None:
        access = household_access(user=user, household_id=household_id, purpose=purpose, domain=domain, channel=channel)
        if access.covers(resident_id):
            return access
    _refuse(
        user=user,
        purpose=purpose,
        subjects=_resident_subjects([resident_id]),
        channel=channel,
        why=f"resident {resident_id}: domain {domain} not granted for this person",
    )
    raise AccessDenied(_("U bent niet betrokken bij deze inwoner."))


def resident_placement_check(*, user, resident_id: int, channel: str | None = None) -> None:
    """May `user` place this person in a household (register a household with them, move them in)?

    Placing someone is no way to gain access: it needs a lawful ground. Either the person lives (or last lived) in
    a household whose composition the user may change, or the user registered this person and they have never
    lived anywhere on record (a new registration after a signal or a BRP move-in). A refusal is logged and reads
    the same whether the person exists, died or moved away, so it tells nothing about them.
    """
    household_id = _household_of(resident_id)
    if household_id is None:
        ever_housed = Membership.objects.filter(resident_id=resident_id).exists()
        registered = audit_selectors.acted_on(
            actor=user, action="resident.registered", subject_type="resident", subject_id=resident_id
        )
        if registered and not ever_housed:
            return
    else:
        access = household_access(
            user=user, household_id=household_id, purpose=COMPOSITION, domain=Domain.GENERAL, channel=channel
        )
        if access.sees(Domain.GENERAL):
            return
    _refuse(
        user=user,
        purpose=COMPOSITION,
        subjects=_resident_subjects([resident_id]),
        channel=channel,
        why=f"resident {resident_id}: no ground to place this person in a household",
    )
    raise AccessDenied(_("U bent niet betrokken bij deze inwoner."))


def access_refuse(access: HouseholdAccess, *, why: str) -> None:
    """Refuse, after the door let the user in, an action their role may not take here; logged like any refusal.

    Raises `AccessDenied` always; for views that check a role's permission once they know whose data it is.
    """
    _refuse(
        user=access.user,
        purpose=access.purpose,
        subjects=_data_subjects(access.household_id),
        channel=access.channel,
        why=f"household {access.household_id}: {why}",
    )
    raise AccessDenied(_("U hebt hiervoor niet de juiste rol."))


def _household_of(resident_id: int) -> int | None:
    on = timezone.localdate()
    memberships = Membership.objects.filter(resident_id=resident_id, valid_from__lte=on).order_by("-valid_from", "-id")
    return memberships.values_list("household_id", flat=True).first()


def _refuse(*, user, purpose: str, subjects: list[str], channel: str | None, why: str) -> None:
    audit.processing_record(
        actor=user,
        activity=purpose,
        data_subjects=subjects or [""],
        channel=channel or current_channel(),
        result=Result.DENIED,
        reason=why,
    )


def _opening(staff: dict[int, set[str]], domain: str, kind: str) -> list[int]:
    """The organisations whose involvements of `kind` open `domain` to the user (`kind` "" for the ordinary ones)."""
    return [o for o, roles in staff.items() if domain in _role_domains(_roles_opened(kind, roles))]


def _household_wide(*, user, purpose: str, domain: str, on: date, household_ref: str) -> Q:
    """IN: an involvement of the user (or their organisation) opens `domain` of the row's household.

    An uncorrelated semi-join (`household IN (the opening involvements' households)`), computed once per query:
    a correlated EXISTS let the planner walk all of an organisation's involvements for every row (quadratic).
    """
    staff = _staff_roles_by_organisation(user, purpose)
    bound = list(KIND_ROLES)
    opening = Q(organisation_id__in=_opening(staff, domain, "")) & ~Q(kind__in=bound)
    for kind in bound:
        opening |= Q(kind=kind, organisation_id__in=_opening(staff, domain, kind))
    households = (
        Involvement.objects.filter(valid_on(on), opening)
        .filter(Q(user=user) | Q(user__isnull=True))
        .values("household_id")
    )
    return Q(**{f"{household_ref}__in": households})


def _person_consent(*, user, purpose: str, domain: str, on: date, **refs: str) -> Exists:
    """EXISTS: a consent to one of the user's organisations opens `domain` for the outer row (household/person)."""
    staff = _staff_roles_by_organisation(user, purpose)
    return Exists(
        consents_in_force(on=on, organisation_ids=staff).filter(
            domain=domain, **{key: OuterRef(ref) for key, ref in refs.items()}
        )
    )


def households_visible(*, user, purpose: str = HOUSEHOLD_FILE, domain: str = Domain.GENERAL) -> QuerySet[Household]:
    """The households the access check lets `user` into for `purpose` ("my households"): the same rules as
    `household_access`, as one EXISTS query whatever the caseload. Use `members_visible` for whom to show.

    Break-the-glass access is deliberately left out: it is for one urgent case, not for a worklist.
    """
    if not getattr(user, "is_authenticated", False):
        return Household.objects.none()
    on = timezone.localdate()
    return Household.objects.filter(
        _household_wide(user=user, purpose=purpose, domain=domain, on=on, household_ref="pk")
        | _person_consent(user=user, purpose=purpose, domain=domain, on=on, household_id="pk")
    )


def households_opened_by_break_glass(
    *, user, purpose: str = HOUSEHOLD_FILE, domain: str = Domain.GENERAL
) -> dict[int, BreakGlass]:
    """household id → the user's break-the-glass access to it in force now, where it opens `domain` for `purpose`
    (the same rule as `household_access`). One query; for a search that must find the household just opened."""
    staff = _staff_roles_by_organisation(user, purpose)
    if domain not in _role_domains({role for roles in staff.values() for role in roles}):
        return {}
    now = timezone.now()
    rows = BreakGlass.objects.filter(user=user, started_at__lte=now, expires_at__gt=now).order_by("started_at")
    return {glass.household_id: glass for glass in rows}


def members_visible(
    *, user, purpose: str = HOUSEHOLD_FILE, domain: str = Domain.GENERAL, on: date | None = None
) -> QuerySet[Membership]:
    """Today's memberships whose person `user` may see in `domain` for `purpose`: every member of a household an
    involvement opens, and each person whose own consent opens them (never their housemates)."""
    if not getattr(user, "is_authenticated", False):
        return Membership.objects.none()
    on = on or timezone.localdate()
    return Membership.objects.filter(valid_on(on)).filter(
        _household_wide(user=user, purpose=purpose, domain=domain, on=on, household_ref="household_id")
        | _person_consent(
            user=user, purpose=purpose, domain=domain, on=on, household_id="household_id", resident_id="resident_id"
        )
    )


def data_subjects_of(*, household_id: int | None = None, residents=None, on: date | None = None) -> list[str]:
    """Who an action's processing-log entries are about (pseudonyms): the residents given (objects or ids), else
    the household's members on `on` (today). Registered with the audit writer, which knows no domain model."""
    if residents is not None:
        residents = list(residents)
        known = [r.bsn for r in residents if isinstance(r, Resident)]
        ids = [r for r in residents if not isinstance(r, Resident)]
        bsns = known + list(Resident.objects.filter(pk__in=ids).values_list("bsn", flat=True)) if ids else known
    else:
        members = Membership.objects.filter(valid_on(on or timezone.localdate()), household_id=household_id)
        bsns = list(members.values_list("resident__bsn", flat=True))
    return [audit.pseudonym(bsn) for bsn in dict.fromkeys(bsns)]


def _data_subjects(household_id: int) -> list[str]:
    bsns = Membership.objects.filter(household_id=household_id).values_list("resident__bsn", flat=True)
    return [audit.pseudonym(bsn) for bsn in dict.fromkeys(bsns)]


def _resident_subjects(resident_ids) -> list[str]:
    return [audit.pseudonym(b) for b in Resident.objects.filter(pk__in=resident_ids).values_list("bsn", flat=True)]
