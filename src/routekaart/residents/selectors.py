"""Reads that feed pages and the API. Each read of personal data is logged (pseudonyms, never the BSN).

Household selectors take a `HouseholdAccess` from `access.household_access_check`: no access, no read. They run a
fixed number of queries whatever the size or history of the household.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from ..audit import selectors as audit_selectors
from ..audit import services as audit
from ..audit.models import Event
from ..core.periods import valid_on
from ..organisations.roles import Domain
from .access import DOMAIN_ACTIVITY, HouseholdAccess, households_visible, members_visible
from .encryption import bsn_hash, normalise_bsn
from .life_phase import age_on, life_phases
from .models import Consent, Household, Involvement, Membership, Relation, Resident

TIMELINE_LIMIT = 200


def processing_log_read(
    *, access: HouseholdAccess, residents, domains: set[str] | frozenset[str] = frozenset({Domain.GENERAL})
) -> None:
    """Log that `access.user` read these residents' data: one entry per person per domain shown."""
    subjects = [audit.pseudonym(r.bsn) for r in residents] or [""]
    for domain in sorted(domains):
        audit.processing_record(
            actor=access.user,
            activity=DOMAIN_ACTIVITY[domain],
            data_subjects=subjects,
            channel=access.channel,
            result=access.result,
            reason=access.reason,
        )


@dataclass(frozen=True)
class MemberRow:
    membership: Membership
    resident: Resident
    age: int
    life_phases: tuple[str, ...]


@dataclass
class HouseholdFile:
    """Everything the household page and API show, already narrowed to what the viewer may see."""

    household: Household
    access: HouseholdAccess
    members: list[MemberRow]
    history: list[Membership]
    relations: list[Relation]
    involvements: list[Involvement]
    consents: list[Consent]
    events: list[Event]


def event_domain(event: Event) -> str:
    """The law domain an event reveals; events about youth care, Wmo or work name it in their state."""
    for state in (event.after, event.before):
        if isinstance(state, dict) and state.get("domain") in Domain.values:
            return state["domain"]
    return Domain.GENERAL


def household_file_get(*, access: HouseholdAccess) -> HouseholdFile:
    """The household as the viewer may see it, on today's date; the read is logged per person and domain."""
    on = access.on
    household = Household.objects.get(pk=access.household_id)
    history = [
        m
        for m in Membership.objects.filter(household=household)
        .select_related("resident__address__district")
        .order_by("valid_from", "id")
        if access.covers(m.resident_id)
    ]
    residents = list({m.resident_id: m.resident for m in history}.values())
    ids = [r.pk for r in residents]
    members = [
        MemberRow(
            membership=m,
            resident=m.resident,
            age=age_on(m.resident.birth_date, on),
            life_phases=life_phases(m.resident.birth_date, on),
        )
        for m in history
        if m.is_active_on(on)
    ]
    relations = list(
        Relation.objects.filter(resident_id__in=ids, related_id__in=ids)
        .select_related("resident", "related")
        .order_by("kind", "resident_id", "related_id")
    )
    involvements_all = list(
        Involvement.objects.filter(household=household)
        .select_related("organisation", "user")
        .order_by("-valid_from", "-id")
    )
    involvements = [i for i in involvements_all if access.sees(i.domain) or i.pk in access.involvement_ids]
    if access.resident_ids is not None:  # a consent opens the person, not who else is involved with the household
        involvements = [i for i in involvements if i.pk in access.involvement_ids]
    consents_all = list(
        Consent.objects.filter(household=household)
        .select_related("organisation", "resident")
        .order_by("-valid_from", "-id")
    )
    consents = [c for c in consents_all if access.sees_person(c.resident_id, c.domain)]
    events = [e for e in audit_selectors.event_timeline(household_id=household.pk, limit=TIMELINE_LIMIT)]
    # The timeline is the household's; a person-scoped (consent) access sees none of it.
    events = [e for e in events if access.sees(event_domain(e))]
    shown = {Domain.GENERAL} | {i.domain for i in involvements} | {c.domain for c in consents}
    processing_log_read(access=access, residents=residents, domains=shown)
    return HouseholdFile(
        household=household,
        access=access,
        members=members,
        history=history,
        relations=relations,
        involvements=involvements,
        consents=consents,
        events=events,
    )


def household_composition_on(*, household_id: int, on: date) -> list[Membership]:
    """Who lived in the household on `on` (a pure query: no access check, no logging; callers do both)."""
    return list(
        Membership.objects.filter(valid_on(on), household_id=household_id)
        .select_related("resident")
        .order_by("valid_from", "id")
    )


def household_composition_get(*, access: HouseholdAccess, on: date) -> list[Membership]:
    """The composition on a date, for the viewer, logged as a read of household composition."""
    memberships = [
        m for m in household_composition_on(household_id=access.household_id, on=on) if access.covers(m.resident_id)
    ]
    audit.processing_record(
        actor=access.user,
        activity="household-composition",
        data_subjects=[audit.pseudonym(m.resident.bsn) for m in memberships] or [""],
        channel=access.channel,
        result=access.result,
        reason=access.reason,
    )
    return memberships


def resident_get(*, access: HouseholdAccess, resident_id: int) -> Resident:
    """One resident's general data, read through an access to one of their households (logged)."""
    if not access.covers(resident_id):
        raise Resident.DoesNotExist
    resident = (
        Resident.objects.select_related("address__district")
        .filter(pk=resident_id, memberships__household_id=access.household_id)
        .distinct()
        .get()
    )
    processing_log_read(access=access, residents=[resident])
    return resident


def my_households(*, user) -> QuerySet[Household]:
    """The households the user now sees, with the members the user may see in them and the user's involvements.

    A queryset so pages can paginate it; call `households_read_log` on the page shown to log the read. A household
    opened by one person's consent lists that person only: the housemates' names stay closed.
    """
    on = timezone.localdate()
    visible = households_visible(user=user)  # loads the user's affiliations once
    organisation_ids = [a.organisation_id for a in user.affiliations.all()]
    return visible.prefetch_related(
        Prefetch(
            "memberships",
            queryset=members_visible(user=user, on=on).select_related("resident").order_by("valid_from", "id"),
            to_attr="members_now",
        ),
        Prefetch(
            "involvements",
            queryset=Involvement.objects.filter(valid_on(on))
            .filter(Q(user=user) | Q(user__isnull=True, organisation_id__in=organisation_ids))
            .select_related("organisation"),
            to_attr="my_involvements",
        ),
    ).order_by("-pk")


def households_read_log(*, user, households, channel: str | None = None) -> None:
    """Log the read of the names shown in a list of households (one insert for the whole page)."""
    subjects = [audit.pseudonym(m.resident.bsn) for h in households for m in getattr(h, "members_now", [])]
    if subjects:
        audit.processing_record(actor=user, activity="household-file", data_subjects=subjects, channel=channel)


def household_id_of(*, resident_id: int, on: date | None = None) -> int | None:
    """The household a resident lives in on a date (today by default); other apps ask here, not the table."""
    on = on or timezone.localdate()
    return (
        Membership.objects.filter(valid_on(on), resident_id=resident_id).values_list("household_id", flat=True).first()
    )


def resident_by_bsn(bsn: str) -> Resident | None:
    """The resident with this BSN, or None. The only way to find someone by BSN: the column itself is encrypted,
    so the lookup goes through the keyed hash. No access check and no log here: the caller does both."""
    return Resident.objects.filter(bsn_hash=bsn_hash(bsn)).first()


def residents_by_bsn(bsns: Iterable[str]) -> dict[str, Resident]:
    """BSN → resident for those of these BSNs that are known (one query per 500 BSNs)."""
    by_hash = {bsn_hash(b): normalise_bsn(b) for b in bsns}
    keys = list(by_hash)
    found: dict[str, Resident] = {}
    for start in range(0, len(keys), 500):
        for resident in Resident.objects.filter(bsn_hash__in=keys[start : start + 500]):
            found[by_hash[resident.bsn_hash]] = resident
    return found
