"""Every change to residents, households, involvements and consents: one transaction, one event, one log entry.

Bad input raises Django's ValidationError with Dutch messages per field, and nothing is saved. Events carry
references, dates, roles and domains, never names, BSNs or free text: the event stream is append-only and cannot
be anonymised later, so personal data stays in the tables that retention can reach.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from ..audit import services as audit
from ..core.dates import After, not_before_refuse
from ..core.periods import overlaps, valid_on
from ..organisations.models import Organisation
from ..organisations.roles import Domain, Role
from .access import consents_in_force, resident_placement_check
from .models import (
    Address,
    District,
    Household,
    Involvement,
    InvolvementKind,
    Membership,
    MembershipRole,
    Relation,
    RelationKind,
    Resident,
)
from .privacy_services import break_glass_start as break_glass_start  # consent and break the glass: one module
from .privacy_services import consent_record as consent_record
from .privacy_services import consent_withdraw as consent_withdraw
from .selectors import household_coordinator, household_id_of

OVERLAP_MESSAGE = _lazy(
    "Deze inwoner hoort in die periode al bij een huishouden. Iemand woont op één dag in één huishouden."
)
# "Eén huishouden, één regisseur": the one refusal every app gives when someone else is named as coordinator.
ONE_COORDINATOR_MESSAGE = _lazy(
    "Dit huishouden heeft al een regisseur: één huishouden, één regisseur. Kies die regisseur, of draag over met een "
    "warme overdracht."
)
RESIDENT_FIELDS = (
    "bsn",
    "given_names",
    "name_prefix",
    "family_name",
    "birth_date",
    "gender",
    "country_of_birth",
    "education_level",
    "email",
    "phone",
    "address",
)
RESIDENT_EDITABLE = tuple(f for f in RESIDENT_FIELDS if f not in {"bsn"})


# --- Addresses and districts -------------------------------------------------------------------------


@transaction.atomic
def district_create(*, actor, municipality: Organisation, code: str, name: str) -> District:
    district = District(municipality=municipality, code=code, name=name)
    district.full_clean()
    district.save()
    audit.action_record(
        actor=actor,
        action="district.created",
        subject=("district", district.pk),
        after={"code": code, "municipality": municipality.code},
    )
    return district


@transaction.atomic
def address_ensure(
    *,
    actor,
    street: str,
    house_number: int,
    postcode: str,
    city: str,
    house_number_addition: str = "",
    district: District | None = None,
) -> Address:
    """The address with this postcode, number and addition; created (and its wijk set) when it is new."""
    address = Address(
        street=street,
        house_number=house_number,
        house_number_addition=house_number_addition,
        postcode=postcode,
        city=city,
        district=district,
    )
    address.clean()  # normalises the postcode before the lookup
    existing = Address.objects.filter(
        postcode=address.postcode,
        house_number=address.house_number,
        house_number_addition=address.house_number_addition,
    ).first()
    if existing:
        return existing
    address.full_clean()
    address.save()
    audit.action_record(
        actor=actor,
        action="address.registered",
        subject=("address", address.pk),
        after={"district": district.pk if district else None},
    )
    return address


# --- Residents ----------------------------------------------------------------------------------------


@transaction.atomic
def resident_register(
    *,
    actor,
    bsn: str,
    given_names: str,
    family_name: str,
    birth_date: date,
    name_prefix: str = "",
    gender: str = "unknown",
    country_of_birth: str = "NL",
    education_level: str = "unknown",
    email: str = "",
    phone: str = "",
    address: Address | None = None,
) -> Resident:
    """Register a person; the BSN must pass the 11-check and be new."""
    resident = Resident(
        bsn=bsn,
        given_names=given_names,
        name_prefix=name_prefix,
        family_name=family_name,
        birth_date=birth_date,
        gender=gender,
        country_of_birth=country_of_birth,
        education_level=education_level,
        email=email,
        phone=phone,
        address=address,
    )
    resident.full_clean()
    if birth_date > timezone.localdate():
        raise ValidationError({"birth_date": _("De geboortedatum ligt in de toekomst.")})
    resident.save()
    audit.action_record(
        actor=actor,
        action="resident.registered",
        subject=("resident", resident.pk),
        after={"fields": [f for f in RESIDENT_FIELDS if getattr(resident, f) not in ("", None)]},
        purpose="household-file",
        residents=[resident],
    )
    return resident


@transaction.atomic
def resident_update(*, actor, resident: Resident, **changes) -> Resident:
    """Change a resident's general data. The BSN is not changeable: a wrong BSN is a different person."""
    unknown = set(changes) - set(RESIDENT_EDITABLE)
    if unknown:
        raise ValidationError({name: _("Dit gegeven kan hier niet worden gewijzigd.") for name in sorted(unknown)})
    resident = Resident.objects.select_for_update(of=("self",)).get(pk=resident.pk)
    changed = [name for name, value in changes.items() if getattr(resident, name) != value]
    for name in changed:
        setattr(resident, name, changes[name])
    resident.full_clean()
    if "birth_date" in changed:
        _birth_before_memberships(resident)
    if not changed:
        return resident
    resident.save(update_fields=changed)
    audit.action_record(
        actor=actor,
        action="resident.updated",
        subject=("resident", resident.pk),
        household_id=household_id_of(resident_id=resident.pk),
        # Which fields changed, not their values: the event stream keeps no personal data (module docstring).
        before={"fields": changed},
        after={"fields": changed},
        purpose="household-file",
        residents=[resident],
    )
    return resident


def _birth_before_memberships(resident: Resident) -> None:
    """A corrected birth date keeps what followed it in order: nobody joins a household before they were born."""
    first = Membership.objects.filter(resident=resident).order_by("valid_from").values_list("valid_from", flat=True)
    joined = first.first()
    if joined is not None and resident.birth_date > joined:
        raise ValidationError(
            {
                "birth_date": _(
                    "De inwoner kwam op %(date)s in een huishouden; de geboortedatum ligt niet later. "
                    "Controleer de geboortedatum, of pas eerst de inschrijving in het huishouden aan."
                )
                % {"date": date_format(joined, "j F Y")}
            }
        )


@transaction.atomic
def resident_death_record(*, actor, resident: Resident, date_of_death: date) -> Resident:
    """Record a death: open memberships end the day after, so the person still counts on the day itself."""
    resident = Resident.objects.select_for_update(of=("self",)).get(pk=resident.pk)
    if resident.date_of_death:
        raise ValidationError({"date_of_death": _("Het overlijden is al vastgelegd.")})
    if date_of_death < resident.birth_date:
        raise ValidationError({"date_of_death": _("De overlijdensdatum ligt vóór de geboortedatum.")})
    if date_of_death > timezone.localdate():
        raise ValidationError({"date_of_death": _("De overlijdensdatum ligt in de toekomst.")})
    household_id = household_id_of(resident_id=resident.pk, on=date_of_death)
    later = Membership.objects.filter(resident=resident, valid_from__gt=date_of_death)
    if later.exists():
        raise ValidationError({"date_of_death": _("Er is een inschrijving in een huishouden na deze datum.")})
    resident.date_of_death = date_of_death
    resident.save(update_fields=["date_of_death"])
    end = date_of_death + timedelta(days=1)
    for membership in Membership.objects.filter(resident=resident).filter(overlaps(end, None)):
        before = _membership_state(membership)
        membership.valid_to = end
        membership.save(update_fields=["valid_to"])
        audit.action_record(
            actor=actor,
            action="membership.ended",
            subject=("membership", membership.pk),
            household_id=membership.household_id,
            before=before,
            after=_membership_state(membership),
        )
    audit.action_record(
        actor=actor,
        action="resident.died",
        subject=("resident", resident.pk),
        household_id=household_id,
        after={"date_of_death": date_of_death},
        purpose="household-composition",
        residents=[resident],
    )
    return resident


@transaction.atomic
def relation_add(
    *, actor, resident: Resident, related: Resident, kind: str, valid_from: date | None = None
) -> Relation:
    if resident.pk == related.pk:
        raise ValidationError({"related": _("Iemand kan geen relatie met zichzelf hebben.")})
    if kind == RelationKind.PARENT and related.birth_date <= resident.birth_date:
        raise ValidationError({"related": _("Een kind is later geboren dan de ouder.")})
    not_before_refuse(
        valid_from,
        "valid_from",
        After(resident.birth_date, _("de geboorte van de inwoner"), private=True),
        After(related.birth_date, _("de geboorte van de ander"), private=True),
    )
    relation = Relation(resident=resident, related=related, kind=kind, valid_from=valid_from)
    relation.full_clean()
    if Relation.objects.filter(
        Q(resident=resident, related=related) | Q(resident=related, related=resident, kind=RelationKind.PARTNER),
        kind=kind,
    ).exists():
        raise ValidationError({"related": _("Deze relatie is al vastgelegd.")})
    relation.save()
    audit.action_record(
        actor=actor,
        action="relation.added",
        subject=("relation", relation.pk),
        household_id=household_id_of(resident_id=resident.pk),
        after={"resident": resident.pk, "related": related.pk, "kind": kind, "valid_from": valid_from},
        purpose="household-composition",
        residents=[resident, related],
    )
    return relation


# --- Households and composition -----------------------------------------------------------------------


def _membership_state(membership: Membership) -> dict:
    return {
        "resident": membership.resident_id,
        "household": membership.household_id,
        "role": membership.role,
        "valid_from": membership.valid_from,
        "valid_to": membership.valid_to,
    }


def _overlapping(resident_id: int, valid_from: date, valid_to: date | None, exclude_pk: int | None = None):
    """Memberships of the resident, in any household, that share at least one day with [valid_from, valid_to)."""
    others = Membership.objects.filter(resident_id=resident_id).filter(overlaps(valid_from, None))
    if valid_to is not None:
        others = others.filter(valid_from__lt=valid_to)
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    return others


def _lock(resident: Resident) -> Resident:
    """Serialise changes to one person's memberships (PostgreSQL row lock; SQLite serialises writes anyway)."""
    return Resident.objects.select_for_update(of=("self",)).get(pk=resident.pk)


def _check_membership(resident: Resident, valid_from: date, valid_to: date | None, exclude_pk=None) -> None:
    if valid_to is not None and valid_to <= valid_from:
        raise ValidationError({"valid_to": _("De vertrekdatum moet na de datum van komst liggen.")})
    if valid_from < resident.birth_date:
        raise ValidationError({"valid_from": _("De datum van komst ligt vóór de geboortedatum.")})
    if resident.date_of_death and valid_from > resident.date_of_death:
        raise ValidationError({"valid_from": _("De datum van komst ligt na de overlijdensdatum.")})
    if _overlapping(resident.pk, valid_from, valid_to, exclude_pk).exists():
        raise ValidationError({"valid_from": OVERLAP_MESSAGE})


def _membership_save(membership: Membership) -> Membership:
    try:
        with transaction.atomic():
            membership.save()
    except IntegrityError as error:  # PostgreSQL's exclusion constraint, when two requests race
        raise ValidationError({"valid_from": OVERLAP_MESSAGE}) from error
    return membership


@transaction.atomic
def membership_start(
    *,
    actor,
    household: Household,
    resident: Resident,
    valid_from: date,
    role: str = MembershipRole.OTHER,
    valid_to: date | None = None,
) -> Membership:
    """A resident joins a household (moving in, birth). Refused if they belong elsewhere on any of those days.

    A person acting needs a lawful ground to place this resident (see `resident_placement_check`), asked before
    anything about the resident is checked so a refusal tells nothing; a system actor (BRP, generator) has one.
    """
    if getattr(actor, "is_authenticated", False):
        resident_placement_check(user=actor, resident_id=resident.pk)
    resident = _lock(resident)
    membership = Membership(household=household, resident=resident, role=role, valid_from=valid_from, valid_to=valid_to)
    membership.full_clean(exclude=["household", "resident"])
    _check_membership(resident, valid_from, valid_to)
    _membership_save(membership)
    audit.action_record(
        actor=actor,
        action="membership.started",
        subject=("membership", membership.pk),
        household_id=household.pk,
        after=_membership_state(membership),
        purpose="household-composition",
        residents=[resident],
    )
    return membership


@transaction.atomic
def membership_end(*, actor, membership: Membership, valid_to: date) -> Membership:
    """A resident leaves a household on `valid_to` (moving out): from that day they no longer belong to it."""
    membership = Membership.objects.select_for_update(of=("self",)).select_related("resident").get(pk=membership.pk)
    resident = _lock(membership.resident)
    before = _membership_state(membership)
    _check_membership(resident, membership.valid_from, valid_to, exclude_pk=membership.pk)
    membership.valid_to = valid_to
    membership.save(update_fields=["valid_to"])
    audit.action_record(
        actor=actor,
        action="membership.ended",
        subject=("membership", membership.pk),
        household_id=membership.household_id,
        before=before,
        after=_membership_state(membership),
        purpose="household-composition",
        residents=[resident],
    )
    return membership


@transaction.atomic
def resident_move(
    *, actor, resident: Resident, household: Household, on: date, role: str = MembershipRole.OTHER
) -> Membership:
    """Move a resident from their current household (if any) to another on `on`: one ends, the other starts."""
    resident = _lock(resident)
    current = Membership.objects.filter(valid_on(on), resident=resident).first()
    if current is not None:
        if current.household_id == household.pk:
            raise ValidationError({"household": _("Deze inwoner hoort op die datum al bij dit huishouden.")})
        if current.valid_from == on:
            raise ValidationError({"on": _("Deze inwoner is op die datum pas ingeschreven in het huidige huishouden.")})
        membership_end(actor=actor, membership=current, valid_to=on)
    return membership_start(actor=actor, household=household, resident=resident, valid_from=on, role=role)


@dataclass(frozen=True)
class MemberSpec:
    resident: Resident
    role: str = MembershipRole.OTHER


@transaction.atomic
def household_create(
    *,
    actor,
    members: Sequence[MemberSpec],
    valid_from: date,
    coordinator_organisation: Organisation | None = None,
    reason: str = "",
) -> Household:
    """A new household with its first members; optionally the actor becomes its coordinator at once."""
    if not members:
        raise ValidationError({"members": _("Een huishouden heeft ten minste één lid.")})
    if len({m.resident.pk for m in members}) != len(members):
        raise ValidationError({"members": _("Iemand staat twee keer in de lijst.")})
    household = Household.objects.create()
    audit.action_record(
        actor=actor,
        action="household.created",
        subject=("household", household.pk),
        household_id=household.pk,
    )
    for member in members:
        membership_start(
            actor=actor, household=household, resident=member.resident, valid_from=valid_from, role=member.role
        )
    if coordinator_organisation is not None:
        involvement_start(
            actor=actor,
            household=household,
            organisation=coordinator_organisation,
            user=actor,
            kind=InvolvementKind.COORDINATOR,
            reason=reason,
            valid_from=timezone.localdate(),
        )
    return household


# --- Involvement, consent, break the glass --------------------------------------------------------------


def _involvement_state(involvement: Involvement) -> dict:
    return {
        "organisation": involvement.organisation.code,
        "user": involvement.user_id,
        "kind": involvement.kind,
        "domain": involvement.domain,
        "valid_from": involvement.valid_from,
        "valid_to": involvement.valid_to,
    }


def _household_residents(household_id: int, on: date) -> list[Resident]:
    return list(
        Resident.objects.filter(valid_on(on, prefix="memberships__"), memberships__household_id=household_id).distinct()
    )


@transaction.atomic
def involvement_start(
    *,
    actor,
    household: Household,
    organisation: Organisation,
    kind: str,
    user=None,
    domain: str = Domain.GENERAL,
    reason: str = "",
    valid_from: date | None = None,
    valid_to: date | None = None,
) -> Involvement:
    """Involve a staff member (on behalf of their organisation) or a whole organisation with a household."""
    valid_from = valid_from or timezone.localdate()
    involvement = Involvement(
        household=household,
        organisation=organisation,
        user=user,
        kind=kind,
        domain=domain,
        reason=reason,
        valid_from=valid_from,
        valid_to=valid_to,
    )
    Household.objects.select_for_update(of=("self",)).filter(pk=household.pk).first()  # one coordinator at a time
    if kind == InvolvementKind.COORDINATOR:  # before full_clean, whose unique check would word it otherwise
        overlapping = Involvement.objects.filter(
            overlaps(valid_from, valid_to), household=household, kind=InvolvementKind.COORDINATOR
        )
        if overlapping.exists():
            raise ValidationError({"kind": str(ONE_COORDINATOR_MESSAGE)})
    involvement.full_clean()
    if user is not None and not user.affiliations.filter(organisation=organisation).exists():
        raise ValidationError({"user": _("Deze medewerker werkt niet voor deze organisatie.")})
    coordinates_here = user is None or user.affiliations.filter(organisation=organisation, role=Role.COORDINATOR)
    if kind == InvolvementKind.COORDINATOR and not (user is None or coordinates_here.exists()):
        raise ValidationError({"user": _("Alleen een regisseur kan regisseur van een huishouden zijn.")})
    if kind == InvolvementKind.EMPLOYER_CANDIDATE:
        consent = consents_in_force(organisation_ids=[organisation.pk], on=valid_from).filter(household=household)
        if not consent.exists():
            raise ValidationError(
                {"kind": _("Een werkgeversadviseur wordt pas betrokken als de inwoner daarvoor toestemming gaf.")}
            )
    involvement.save()
    audit.action_record(
        actor=actor,
        action="involvement.started",
        subject=("involvement", involvement.pk),
        household_id=household.pk,
        after=_involvement_state(involvement),
        purpose="household-file",
        residents=_household_residents(household.pk, valid_from),
    )
    return involvement


# The household's coordinator is one involvement; an open case and a running benefit read it and need it. Those
# apps sit above residents (they may not be imported here), so each registers its check from AppConfig.ready: a
# callable (household id, day) -> the Dutch refusal, or "" when the household may go without a coordinator.
_coordinator_needed_by: list[Callable[[int, date], str]] = []


def coordinator_needed_by(check: Callable[[int, date], str]) -> None:
    """Register a reason a household keeps its coordinator (idempotent: `ready()` may run twice in tests)."""
    if check not in _coordinator_needed_by:
        _coordinator_needed_by.append(check)


def coordinator_named_check(
    *, household_id: int, user, on: date | None = None, field: str = "coordinator"
) -> Involvement | None:
    """The household's coordinator on `on` (today by default), after refusing anyone else named as coordinator.

    Every app that names a coordinator (a signal opening or joining a case, a benefit's grant) calls this, so a
    second coordinator is refused in one place with one Dutch message; who coordinates changes only through a warm
    handover (`coordinator_hand_over`). Call it inside the transaction that acts: it locks the household.
    """
    on = on or timezone.localdate()
    Household.objects.select_for_update(of=("self",)).filter(pk=household_id).first()
    present = household_coordinator(household_id=household_id, on=on)
    if present is not None and user is not None and present.user_id != user.pk:
        raise ValidationError({field: str(ONE_COORDINATOR_MESSAGE)})
    return present


@transaction.atomic
def involvement_end(*, actor, involvement: Involvement, valid_to: date | None = None) -> Involvement:
    """End an involvement; from `valid_to` (default: today) it no longer opens the household.

    A coordinator involvement ends only when nothing needs it (no open case, no running benefit); otherwise the
    coordinator is handed over (`coordinator_hand_over`), so the household is never without one.
    """
    valid_to = valid_to or timezone.localdate()
    if involvement.kind == InvolvementKind.COORDINATOR:
        for check in _coordinator_needed_by:
            refusal = check(involvement.household_id, valid_to)
            if refusal:
                raise ValidationError({"valid_to": refusal})
    return _involvement_end(actor=actor, involvement=involvement, valid_to=valid_to)


def _involvement_end(*, actor, involvement: Involvement, valid_to: date) -> Involvement:
    involvement = (
        Involvement.objects.select_for_update(of=("self",)).select_related("organisation").get(pk=involvement.pk)
    )
    if involvement.valid_to is not None and involvement.valid_to <= valid_to:
        raise ValidationError({"valid_to": _("Deze betrokkenheid is al beëindigd.")})
    if valid_to < involvement.valid_from:
        raise ValidationError({"valid_to": _("De einddatum ligt vóór de begindatum.")})
    before = _involvement_state(involvement)
    involvement.valid_to = valid_to
    involvement.save(update_fields=["valid_to"])
    audit.action_record(
        actor=actor,
        action="involvement.ended",
        subject=("involvement", involvement.pk),
        household_id=involvement.household_id,
        before=before,
        after=_involvement_state(involvement),
        purpose="household-file",
        residents=_household_residents(involvement.household_id, valid_to),
    )
    return involvement


@transaction.atomic
def coordinator_hand_over(
    *, actor, household: Household, to_user, organisation: Organisation, on: date, reason: str = ""
) -> Involvement:
    """Warm handover of the household's one coordinator: the present involvement ends on `on`, the next begins.

    The one path of every warm handover (the case's, the benefit's, the team leader's): cases, benefits, planned
    yearly conversations and coordinator reminders read the coordinator from this involvement, so after this call
    every one of them shows the new coordinator; there is no copy to move or to stay behind.
    """
    Household.objects.select_for_update(of=("self",)).filter(pk=household.pk).first()
    present = (
        Involvement.objects.filter(valid_on(on), household=household, kind=InvolvementKind.COORDINATOR)
        .order_by("-valid_from", "-pk")
        .first()
    )
    if present is not None and present.user_id == to_user.pk:
        raise ValidationError({"to_user": _("Een overdracht gaat naar een andere regisseur.")})
    if present is not None:
        _involvement_end(actor=actor, involvement=present, valid_to=on)
    involvement = involvement_start(
        actor=actor,
        household=household,
        organisation=organisation,
        user=to_user,
        kind=InvolvementKind.COORDINATOR,
        domain=present.domain if present is not None else Domain.GENERAL,
        reason=reason or (present.reason if present is not None else ""),
        valid_from=on,
    )
    return involvement
