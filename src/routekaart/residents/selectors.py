"""Reads that feed pages and the API. Each read of personal data is logged (pseudonyms, never the BSN).

Household selectors take a `HouseholdAccess` from `access.household_access_check`: no access, no read. They run a
fixed number of queries whatever the size or history of the household.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from ..audit import selectors as audit_selectors
from ..audit import services as audit
from ..audit.models import Event
from ..core.periods import valid_on
from ..organisations.roles import Domain
from .access import DOMAIN_ACTIVITY, HouseholdAccess, households_visible, members_visible
from .encryption import bsn_hash, normalise_bsn
from .life_phase import age_on, life_phases
from .models import (
    Authorisation,
    Consent,
    District,
    Household,
    Involvement,
    InvolvementKind,
    Membership,
    Relation,
    Resident,
)

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
    coordinators: list[Involvement] = field(default_factory=list)  # every period, newest first, whoever looks

    def coordinator_on(self, on: date, closing: bool = False) -> Involvement | None:
        """The household's coordinator on a date, from the rows already loaded (no query)."""
        return coordinator_among(self.coordinators, on, closing)


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
        coordinators=[i for i in involvements_all if i.kind == InvolvementKind.COORDINATOR],
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


def my_household_count(*, user) -> int:
    """How many households the user sees now (the home page's figure; one query, no person read)."""
    return households_visible(user=user).count()


def consents_expiring_count(*, on: date | None = None, days: int = 30) -> int:
    """Consents in force that end within `days`: a count for the privacy officer, never whose (one query)."""
    on = on or timezone.localdate()
    return Consent.objects.filter(
        withdrawn_at__isnull=True, valid_from__lte=on, valid_to__gte=on, valid_to__lte=on + timedelta(days=days)
    ).count()


def own_household_coordinator(*, user, on: date | None = None) -> Involvement | None:
    """The coordinator of the household a resident's own account lives in now, with user and organisation (two
    queries): the resident's home names whom to contact."""
    on = on or timezone.localdate()
    household_id = (
        Membership.objects.filter(valid_on(on), resident__user=user).values_list("household_id", flat=True).first()
    )
    return None if household_id is None else household_coordinator(household_id=household_id, on=on)


# --- The household's coordinator: one involvement, read by cases and benefits -------------------------------


def _coordinating_on(on: date, closing: bool) -> Q:
    """Valid on `on`; for a closing day (`closing`) also the involvement that ended that very day, since whoever
    coordinated until a case closed is its coordinator."""
    if not closing:
        return valid_on(on)
    return Q(valid_from__lte=on) & (Q(valid_to__isnull=True) | Q(valid_to__gte=on))


def coordinator_among(involvements: Iterable[Involvement], on: date, closing: bool = False) -> Involvement | None:
    """The coordinator involvement valid on `on` among rows already loaded (newest first; at most one is)."""
    return next(
        (
            i
            for i in involvements
            if i.kind == InvolvementKind.COORDINATOR
            and i.valid_from <= on
            and (i.valid_to is None or on < i.valid_to or (closing and on == i.valid_to))
        ),
        None,
    )


def household_coordinator(*, household_id: int, on: date | None = None, closing: bool = False) -> Involvement | None:
    """The household's coordinator on a date (today by default), with user and organisation: one query.

    "Eén huishouden, één regisseur" is this one row; a case or a benefit has no coordinator of its own. For a
    closed case or an ended benefit pass its closing day and `closing=True`: who coordinated when is the periods of
    the involvements, so the coordinator of a closed case is the one covering its closing day.
    """
    on = on or timezone.localdate()
    return (
        Involvement.objects.filter(
            _coordinating_on(on, closing), household_id=household_id, kind=InvolvementKind.COORDINATOR
        )
        .select_related("user", "organisation__municipality")
        .order_by("-valid_from", "-pk")
        .first()
    )


def household_coordinators(*, household_ids: Iterable[int], on: date | None = None) -> dict[int, Involvement]:
    """household id → its coordinator on a date, for a page of households: one query whatever their number."""
    on = on or timezone.localdate()
    rows = (
        Involvement.objects.filter(valid_on(on), household_id__in=list(household_ids), kind=InvolvementKind.COORDINATOR)
        .select_related("user", "organisation")
        .order_by("household_id", "valid_from", "pk")
    )
    return {i.household_id: i for i in rows}


def coordinated_by(*, user, on: date | None = None, household: str = "household_id") -> Q:
    """For set-based reads (worklists): the row's household is coordinated by `user` on a date.

    `household` names the row's household column (`"case__household_id"`). The condition is `IN (the user's
    coordinated households)`: the database reads that short list once through the (user, valid_from) index, where a
    correlated EXISTS walked it again for every open case (2.5 times slower at 1M residents, docs/performance.md).
    """
    on = on or timezone.localdate()
    households = Involvement.objects.filter(valid_on(on), kind=InvolvementKind.COORDINATOR, user=user)
    return Q(**{f"{household}__in": households.values("household_id")})


def coordinator_column(*, column: str = "user_id", on: date | None = None, household: str = "household_id") -> Subquery:
    """For set-based reads: a column (`user_id`, `organisation_id`) of the row's household coordinator on a date,
    as a correlated subquery to annotate a list with."""
    on = on or timezone.localdate()
    return Subquery(
        Involvement.objects.filter(valid_on(on), household_id=OuterRef(household), kind=InvolvementKind.COORDINATOR)
        .order_by("-valid_from")
        .values(column)[:1]
    )


def coordinated_by_organisations(
    *,
    organisation_ids: Iterable[int],
    user_id: int | None = None,
    on: date | None = None,
    household: str = "household_id",
) -> Q:
    """For set-based reads (a team leader's list): the row's household is coordinated on a date by a coordinator
    on behalf of one of these organisations (and, with `user_id`, by that coordinator). An `IN` semi-join like
    `coordinated_by`."""
    on = on or timezone.localdate()
    households = Involvement.objects.filter(
        valid_on(on), kind=InvolvementKind.COORDINATOR, organisation_id__in=list(organisation_ids)
    )
    if user_id is not None:
        households = households.filter(user_id=user_id)
    return Q(**{f"{household}__in": households.values("household_id")})


def members_of(*, household_ids: Iterable[int], on: date | None = None) -> dict[int, list[Resident]]:
    """household id → its members on a date, for a page of households: one query. A pure query (no access check,
    no log): the caller shows only the households the access check opens and logs the read."""
    on = on or timezone.localdate()
    members: dict[int, list[Resident]] = {}
    rows = (
        Membership.objects.filter(valid_on(on), household_id__in=list(household_ids))
        .select_related("resident")
        .order_by("valid_from", "id")
    )
    for membership in rows:
        members.setdefault(membership.household_id, []).append(membership.resident)
    return members


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


def authorisations_given(*, resident_id: int) -> list[Authorisation]:
    """Whom this resident authorised (machtigingen, withdrawn and ended ones too, newest first): one query. A pure
    query (no access check, no log): the caller checks and logs."""
    return list(
        Authorisation.objects.filter(principal_id=resident_id).select_related("agent").order_by("-valid_from", "-id")
    )


def authorisations_received(*, resident_id: int) -> list[Authorisation]:
    """Who authorised this resident (withdrawn and ended ones too, newest first): one query. A pure query."""
    return list(
        Authorisation.objects.filter(agent_id=resident_id).select_related("principal").order_by("-valid_from", "-id")
    )


def authorisation_given_get(*, resident_id: int, authorisation_id: int) -> Authorisation | None:
    """One authorisation this resident gave, or None (not theirs, or no such row: the same answer)."""
    return Authorisation.objects.filter(pk=authorisation_id, principal_id=resident_id).first()


def consents_of(*, resident_id: int) -> list[Consent]:
    """The consents about this resident's own data (withdrawn and ended ones too, newest first), with the
    organisation and who gave them: one query. A pure query."""
    return list(
        Consent.objects.filter(resident_id=resident_id)
        .select_related("organisation", "given_by")
        .order_by("-valid_from", "-id")
    )


def consent_of_get(*, resident_id: int, consent_id: int) -> Consent | None:
    """One consent about this resident's data, or None (another person's, or no such row: the same answer)."""
    return Consent.objects.filter(pk=consent_id, resident_id=resident_id).first()


def district_list() -> QuerySet[District]:
    """The wijken (districts) of every municipality, by municipality and name: a filter of aggregate figures."""
    return District.objects.select_related("municipality").order_by("municipality__name", "name")
