"""Registering a resident and their household from the BRP, by hand when the BRP has no answer, and refreshing a
resident's data from the BRP on request.

The BRP is the source: registration takes over name, birth date, gender, address and who lives at the address, as
the BRP says it at the moment of confirming (the confirmed form carries only the BSN, the service asks again). A
later difference is shown field by field (`resident_brp_compare`) and applied only when someone confirms it
(`resident_brp_apply`). Every row is written by `residents.services` (its checks and events); this module adds one
event per registration naming its source, and, for manual entry, the reason (never the personal data).

A BSN that Routekaart already knows is never registered twice. Whether the caller may learn where that person lives
is for the access check: `RegistrationPreview.known_household` is set only when the caller may open the household.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from ..audit import services as audit
from ..organisations.roles import Domain, Role
from . import selectors, services
from .access import household_access
from .brp.client import BrpUnavailable, brp_client
from .brp.types import BrpAddress, BrpPerson
from .models import Address, Household, MembershipRole, RelationKind, Resident
from .validators import bsn_is_valid

MANUAL_MIN_REASON = 15
NOT_IN_BRP = _lazy("De BRP kent dit BSN niet. Controleer het nummer, of registreer handmatig met een reden.")
ALREADY_KNOWN = _lazy("Deze inwoner staat al in Routekaart; er wordt geen tweede inschrijving gemaakt.")
DECEASED = _lazy("Volgens de BRP is deze persoon overleden; inschrijven kan niet.")
BRP_CHANGED = _lazy("De BRP is intussen gewijzigd. Bekijk de verschillen opnieuw voordat u ze overneemt.")


@dataclass(frozen=True)
class RegistrationPreview:
    """What the BRP says, before anything is written: the person, who else lives at the address, who is known."""

    person: BrpPerson
    co_residents: tuple[BrpPerson, ...]
    known_bsns: frozenset[str]
    known_household: int | None = None  # only when the caller may open it

    @property
    def is_known(self) -> bool:
        return self.person.bsn in self.known_bsns

    def role_of(self, other: BrpPerson) -> str:
        return _role(self.person, other)


def _bsn_check(bsn: str) -> str:
    bsn = (bsn or "").strip()
    if not bsn_is_valid(bsn):
        raise ValidationError({"bsn": _("Dit is geen geldig BSN: het voldoet niet aan de elfproef.")})
    return bsn


def _ask(question):
    """Run one BRP question; no answer becomes a form error in Dutch (the caller shows manual entry)."""
    try:
        return question(brp_client())
    except BrpUnavailable as error:
        raise ValidationError(str(error), code="brp_unavailable") from None


def _role(head: BrpPerson, other: BrpPerson) -> str:
    partners = {p.bsn for p in head.partners}
    if other.bsn in partners:
        return MembershipRole.PARTNER
    if other.bsn in {c.bsn for c in head.children} or partners & {p.bsn for p in other.parents}:
        return MembershipRole.CHILD
    return MembershipRole.OTHER


def brp_lookup(*, user, bsn: str) -> RegistrationPreview:
    """Ask the BRP about this BSN and who lives at the same address; write nothing."""
    bsn = _bsn_check(bsn)
    person = _ask(lambda client: client.person(bsn))
    if person is None:
        raise ValidationError({"bsn": NOT_IN_BRP})
    if person.date_of_death is not None:
        raise ValidationError({"bsn": DECEASED})
    co_residents: tuple[BrpPerson, ...] = ()
    if person.address is not None and person.address.object_id:
        found = _ask(lambda client: client.residents_at(person.address.object_id))
        co_residents = tuple(p for p in found if p.bsn and p.bsn != bsn)
    # Reading the BRP is a processing of these people's data, logged as any read (pseudonyms, never the BSN).
    audit.processing_record(
        actor=user,
        activity="household-composition",
        data_subjects=[audit.pseudonym(p.bsn) for p in (person, *co_residents)],
    )
    known = selectors.residents_by_bsn([bsn, *(p.bsn for p in co_residents)])
    known_household = None
    if bsn in known:
        household_id = selectors.household_id_of(resident_id=known[bsn].pk)
        if household_id is not None:
            access = household_access(user=user, household_id=household_id)
            known_household = household_id if access.sees(Domain.GENERAL) else None
    return RegistrationPreview(person, co_residents, frozenset(known), known_household)


def coordinator_organisation_of(user):
    """The organisation the registering coordinator works for (their first coordinator affiliation)."""
    affiliation = (
        user.affiliations.filter(role=Role.COORDINATOR).select_related("organisation").order_by("pk").first()
        if getattr(user, "is_authenticated", False)
        else None
    )
    if affiliation is None:
        raise ValidationError(_("Alleen een regisseur kan een inwoner en huishouden inschrijven."))
    return affiliation.organisation


def _address_ensure(actor, address: BrpAddress | None) -> Address | None:
    if address is None:
        return None
    return services.address_ensure(
        actor=actor,
        street=address.street,
        house_number=address.house_number,
        house_number_addition=address.addition,
        postcode=address.postcode,
        city=address.city,
    )


def _register(actor, person: BrpPerson, address: Address | None) -> Resident:
    if person.birth_date is None:
        raise ValidationError(_("De BRP kent de volledige geboortedatum niet; registreer handmatig met een reden."))
    return services.resident_register(
        actor=actor,
        bsn=person.bsn,
        given_names=person.given_names,
        name_prefix=person.name_prefix,
        family_name=person.family_name,
        birth_date=person.birth_date,
        gender=person.gender,
        address=address,
    )


def _registered_record(actor, household: Household, source: str, members: int, reason: str = "") -> None:
    audit.action_record(
        actor=actor,
        action="household.registered",
        subject=("household", household.pk),
        household_id=household.pk,
        after={"source": source, "members": members},
        reason=reason,
    )


@transaction.atomic
def household_register_from_brp(*, actor, bsn: str) -> Household:
    """Register the person with this BSN, the unknown people living with them and their address, as one household
    whose coordinator the caller becomes: all in one transaction, or nothing.

    People at the address whom Routekaart already knows are left where they are (the preview says so); the person
    asked about must be new."""
    organisation = coordinator_organisation_of(actor)
    preview = brp_lookup(user=actor, bsn=bsn)
    if preview.is_known:
        raise ValidationError({"bsn": ALREADY_KNOWN})
    person = preview.person
    address = _address_ensure(actor, person.address)
    newcomers = [p for p in preview.co_residents if p.bsn not in preview.known_bsns]
    head = _register(actor, person, address)
    others = [(p, _register(actor, p, address)) for p in newcomers]
    since = person.address.since if person.address and person.address.since else timezone.localdate()
    since = max(since, head.birth_date)
    members = [services.MemberSpec(resident=head, role=MembershipRole.HEAD)]
    born_later = []
    for brp_person, resident in others:
        spec = services.MemberSpec(resident=resident, role=_role(person, brp_person))
        (members if resident.birth_date <= since else born_later).append(spec)
    household = services.household_create(
        actor=actor,
        members=members,
        valid_from=since,
        coordinator_organisation=organisation,
        reason=_("Ingeschreven vanuit de BRP"),
    )
    for spec in born_later:  # a child born after the move joins the household on their birth date
        services.membership_start(
            actor=actor,
            household=household,
            resident=spec.resident,
            valid_from=spec.resident.birth_date,
            role=spec.role,
        )
    for brp_person, resident in others:
        role = _role(person, brp_person)
        if role == MembershipRole.PARTNER:
            services.relation_add(actor=actor, resident=head, related=resident, kind=RelationKind.PARTNER)
        elif role == MembershipRole.CHILD and brp_person.bsn in {c.bsn for c in person.children}:
            services.relation_add(actor=actor, resident=head, related=resident, kind=RelationKind.PARENT)
    _registered_record(actor, household, "brp", 1 + len(others))
    return household


@dataclass(frozen=True)
class ManualEntry:
    """What a caseworker types when the BRP has no answer; `reason` says why (it goes in the event)."""

    reason: str
    bsn: str
    given_names: str
    family_name: str
    birth_date: date
    name_prefix: str = ""
    gender: str = "unknown"
    street: str = ""
    house_number: int | None = None
    house_number_addition: str = ""
    postcode: str = ""
    city: str = ""


@transaction.atomic
def household_register_manual(*, actor, entry: ManualEntry) -> Household:
    """Register a person and a one-person household by hand, with a written reason; the caller becomes coordinator.

    Only when the BRP cannot answer (or does not know the person yet): the reason is recorded in the registration's
    event so the privacy officer can see why the BRP was not the source."""
    reason = (entry.reason or "").strip()
    if len(reason) < MANUAL_MIN_REASON:
        raise ValidationError(
            {
                "reason": _("Schrijf op waarom u handmatig registreert, in ten minste %(n)d tekens.")
                % {"n": MANUAL_MIN_REASON}
            }
        )
    organisation = coordinator_organisation_of(actor)
    bsn = _bsn_check(entry.bsn)
    if selectors.resident_by_bsn(bsn) is not None:
        raise ValidationError({"bsn": ALREADY_KNOWN})
    address = None
    address_fields = (entry.street, entry.house_number, entry.postcode, entry.city)
    if any(address_fields):
        if not all(address_fields):
            raise ValidationError({"street": _("Vul het hele adres in (straat, huisnummer, postcode, woonplaats).")})
        address = services.address_ensure(
            actor=actor,
            street=entry.street,
            house_number=entry.house_number,
            house_number_addition=entry.house_number_addition,
            postcode=entry.postcode,
            city=entry.city,
        )
    resident = services.resident_register(
        actor=actor,
        bsn=bsn,
        given_names=entry.given_names,
        name_prefix=entry.name_prefix,
        family_name=entry.family_name,
        birth_date=entry.birth_date,
        gender=entry.gender,
        address=address,
    )
    household = services.household_create(
        actor=actor,
        members=[services.MemberSpec(resident=resident, role=MembershipRole.HEAD)],
        valid_from=max(timezone.localdate(), resident.birth_date),
        coordinator_organisation=organisation,
        reason=_("Handmatig ingeschreven"),
    )
    _registered_record(actor, household, "manual", 1, reason=reason)
    return household


# --- Refresh on request ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Difference:
    """One field where Routekaart and the BRP disagree; `field` is the Resident field the BRP's value would set."""

    field: str
    label: str
    ours: str
    brp: str


def _same_address(ours: Address | None, theirs: BrpAddress | None) -> bool:
    if ours is None or theirs is None:
        return ours is None and theirs is None
    return (ours.postcode.replace(" ", ""), ours.house_number, ours.house_number_addition.strip().upper()) == (
        theirs.postcode.replace(" ", ""),
        theirs.house_number,
        theirs.addition.strip().upper(),
    )


def _address_text(address: BrpAddress | None) -> str:
    if address is None:
        return _("geen adres in Nederland bekend")
    addition = f" {address.addition}" if address.addition else ""
    return f"{address.street} {address.house_number}{addition}, {address.postcode} {address.city}"


def _differences(resident: Resident, person: BrpPerson) -> list[Difference]:
    gender_labels = dict(Resident._meta.get_field("gender").choices)
    pairs = [
        ("given_names", _("Voornamen"), resident.given_names, person.given_names),
        ("name_prefix", _("Tussenvoegsel"), resident.name_prefix, person.name_prefix),
        ("family_name", _("Achternaam"), resident.family_name, person.family_name),
    ]
    found = [Difference(f, label, ours, brp) for f, label, ours, brp in pairs if (ours or "") != (brp or "")]
    if person.birth_date is not None and person.birth_date != resident.birth_date:
        found.append(
            Difference("birth_date", _("Geboortedatum"), resident.birth_date.isoformat(), person.birth_date.isoformat())
        )
    if person.gender != "unknown" and person.gender != resident.gender:
        found.append(
            Difference("gender", _("Geslacht"), str(gender_labels[resident.gender]), str(gender_labels[person.gender]))
        )
    if person.address is not None and not _same_address(resident.address, person.address):
        ours = str(resident.address) if resident.address else _("geen adres")
        found.append(Difference("address", _("Adres"), ours, _address_text(person.address)))
    return found


def _brp_person(resident: Resident) -> BrpPerson:
    person = _ask(lambda client: client.person(resident.bsn))
    if person is None:
        raise ValidationError(_("De BRP kent het BSN van deze inwoner niet (meer). Er is niets gewijzigd."))
    return person


def resident_brp_compare(*, resident: Resident) -> list[Difference]:
    """Routekaart's data of this resident beside the BRP's, field by field; only the fields that differ."""
    return _differences(resident, _brp_person(resident))


def residents_brp_compare(*, residents: list[Resident]) -> dict[int, list[Difference] | None]:
    """Each resident's differences with the BRP (None: the BRP does not know the BSN), in one question per 20."""
    bsns = [r.bsn for r in residents]
    found: dict[str, BrpPerson] = {}
    for start in range(0, len(bsns), 20):
        batch = bsns[start : start + 20]
        found.update((p.bsn, p) for p in _ask(lambda client, batch=batch: client.persons(batch)))
    return {r.pk: (_differences(r, found[r.bsn]) if r.bsn in found else None) for r in residents}


@transaction.atomic
def resident_brp_apply(*, actor, resident: Resident, fields: list[str]) -> Resident:
    """Take over the BRP's values of `fields`, the differences the caller saw and confirmed, in one transaction and
    one `resident.updated` event. If the BRP now differs in other fields than were shown, nothing is changed."""
    person = _brp_person(resident)
    differences = {d.field: d for d in _differences(resident, person)}
    if not fields or sorted(fields) != sorted(differences):
        raise ValidationError(BRP_CHANGED)
    changes: dict = {}
    for name in fields:
        if name == "address":
            changes["address"] = _address_ensure(actor, person.address)
        elif name == "birth_date":
            changes["birth_date"] = person.birth_date
        else:
            changes[name] = getattr(person, name)
    return services.resident_update(actor=actor, resident=resident, **changes)
