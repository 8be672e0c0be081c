"""What every outgoing iWmo/iJw message shares: who sends it, who it is about, its XML, its row and the wire.

One place builds the XML (`encode`), so the services never care whether the codec or the wire changes.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone

from ..messages import facts as f
from ..models import Assignment, Direction, Message, MessageStatus

POSTCODE = re.compile(r"[1-9][0-9]{3}[A-Z]{2}")
GENDER_CODES = {"male": "1", "female": "2", "unspecified": "9", "unknown": "0"}


def encode(message_facts) -> bytes:
    """The standard's XML of a message: the codec's `build`, the one function to swap for another encoder."""
    try:
        from ..messages import codec
    except ImportError:  # the codec is not installed on this tree yet: a plain stand-in keeps the flow working
        return _stand_in(message_facts)
    return codec.build(message_facts)


def _stand_in(message_facts) -> bytes:
    from xml.sax.saxutils import escape

    head = message_facts.header
    return (
        f'<Bericht kind="{head.kind}" identification="{head.identification}">{escape(repr(message_facts))}</Bericht>'
    ).encode()


def decode(xml: bytes):
    """The facts of a received message (raises MessageRefused with the standard's retour codes)."""
    from ..messages import codec

    return codec.parse(xml)


def municipality_code(municipality) -> str:
    """The gemeentecode (4 digits) a message names the municipality by: the CBS code without its "GM"."""
    digits = re.sub(r"\D", "", municipality.cbs_code or "")
    return digits[-4:].rjust(4, "0") if digits else f"{municipality.pk % 10_000:04d}"


def provider_code(provider) -> str:
    """The provider's AGB code (its ProviderProfile); empty when the market has not registered it."""
    profile = getattr(provider, "provider_profile", None)
    return profile.agb_code if profile else ""


def new_identification() -> str:
    """A BerichtIdentificatie: 12 digits, random so two processes never hand out the same one."""
    return f"{secrets.randbelow(10**12):012d}"


def client_of(resident) -> f.Client:
    """The Client block: only what the provider needs to deliver (BSN, birth date, gender, name, postcode)."""
    address = resident.address
    initials = "".join(part[0] for part in resident.given_names.split() if part).upper()[:6]
    postcode = address.postcode.replace(" ", "").upper() if address else ""
    house_number = address.house_number if address else None
    return f.Client(
        bsn=resident.bsn,
        birth_date=resident.birth_date,
        gender=GENDER_CODES.get(resident.gender, "0"),
        surname=resident.family_name,
        initials=initials,
        postcode=postcode if POSTCODE.fullmatch(postcode) else "",
        house_number=house_number if house_number and 1 <= house_number <= 99_999 else None,
    )


def header(*, kind: str, law: str, sender: str, receiver: str, on: date | None = None) -> f.Header:
    return f.Header(
        kind=kind,
        law=law,
        sender=sender,
        receiver=receiver,
        identification=new_identification(),
        dated_on=on or timezone.localdate(),
    )


@transaction.atomic(savepoint=False)  # joins the caller's transaction: the message lands with its cause
def message_send(
    message_facts,
    *,
    provider,
    municipality,
    assignment: Assignment | None = None,
    answers: Message | None = None,
    status: str = MessageStatus.SENT,
    retour_codes: list[str] | None = None,
) -> Message:
    """Store an outgoing message and put it on the wire once the transaction commits (never a file for a rollback)."""
    head = message_facts.header
    message = Message.objects.create(
        kind=head.kind,
        direction=Direction.OUT,
        sender=head.sender,
        receiver=head.receiver,
        identification=head.identification,
        dated_on=head.dated_on,
        provider=provider,
        municipality=municipality,
        assignment=assignment,
        answers=answers,
        xml=encode(message_facts).decode("utf-8"),
        status=status,
        retour_codes=retour_codes or [],
    )
    transaction.on_commit(lambda: _wire_send(message))
    return message


def _wire_send(message: Message) -> None:
    from ..wire import wire

    wire().send(message)


def record_key(number: str, starts_on: date) -> str:
    """How a 305/307 record is known (ToewijzingNummer with Begindatum, TR074), as the codec keys it."""
    return f"{number}:{starts_on.isoformat()}"


def now() -> datetime:
    return timezone.now()


class Code:
    """The retour codes (WJ001) the flow answers with; the codec adds those of the schema and header checks."""

    OK = "0200"  # Geen opmerking over deze berichtklasse
    DECLARATION_APPROVED = "8001"  # Declaratie is volledig toegewezen
    TARIFF = "0611"  # Het ingediende tarief komt niet overeen met het contractuele tarief (TR418)
    NO_ASSIGNMENT = "9019"  # Het regiebericht kan niet gekoppeld worden aan een toewijzing (TR019)
    NOT_STARTED = "9069"  # Er is geen actueel startbericht met dezelfde sleutel (TR382)
    ALREADY_RECEIVED = "9074"  # Er is al een eerder bericht ontvangen met dezelfde sleutel (TR074)
    START_OUTSIDE = "9307"  # Begindatum ligt niet tussen de ingangsdatum en einddatum toewijzing (TR307)
    END_OUTSIDE = "9308"  # Einddatum ligt niet tussen de ingangsdatum en einddatum toewijzing (TR308)
    VOLUME = "9321"  # Het ingediende volume overschrijdt het toegewezen volume (TR321)
    DECLARATION_NUMBER = "9333"  # Declaratienummer is niet uniek (TR333)
    LINE_NO_ASSIGNMENT = "9338"  # Prestatie niet gerelateerd aan een toegewezen product (TR338)
    CATEGORY = "9339"  # ProductCategorie ongelijk aan die van het ToegewezenProduct (TR339)
    PRODUCT = "9340"  # ProductCode ongelijk aan die van het ToegewezenProduct (TR340)
    UNIT = "9341"  # Eenheid past niet bij de Eenheid in het ToegewezenProduct (TR341)
    AMOUNT = "9346"  # IngediendBedrag is niet GeleverdVolume x ProductTarief (TR346)
    REFERENCE_TAKEN = "9347"  # ReferentieAanbieder is niet uniek voor de aanbieder (TR347)
    CHANGE_NOT_CURRENT = "9351"  # TeWijzigenProduct is niet gerelateerd aan een actuele toewijzing (TR351)
    REQUEST_OPEN = "9374"  # Er is al een verzoek onderhanden (TR374)
    UNSUPPORTED = "0001"  # Bericht is afgekeurd om technische redenen
    CLIENT = "8187"  # De prestatie hoort niet bij deze client (TR304)


class ChangeReason:
    """WJ759 RedenWijziging: why a 301 changes an assignment."""

    EXTENDED = "04"  # Herbeoordeling: verlenging toewijzing
    SHORTENED = "05"  # Herbeoordeling: verkorting toewijzing
    PROVIDER = "12"  # Geïnitieerd door de aanbieder
    CORRECTION = "14"  # Administratieve correctie
    ALL = {"01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "13", "14"}


@dataclass
class Outcome:
    """What a handler of a received message decided: the retour codes per record, and what it touched.

    `records` maps each record's reference to its codes (empty: accepted); `codes` are codes of the whole
    message. `answer` replaces the plain retour when the standard answers otherwise (a 325 for a 323).
    """

    records: dict[str, tuple[str, ...]] = field(default_factory=dict)
    codes: tuple[str, ...] = ()
    assignment: Assignment | None = None
    answer: object | None = None

    @property
    def refused(self) -> bool:
        return bool(self.codes) or (bool(self.records) and all(self.records.values()))
