"""The facts each message carries, independent of XML: what services build and what the parser returns.

One dataclass per message kind; `law` ("W" iWmo, "J" iJw) picks the namespace and BerichtCode. Dates are dates,
amounts Decimals, codes strings exactly as the standard writes them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal


@dataclass(frozen=True)
class Header:
    kind: str  # "301", "302", "305", ...
    law: str  # "W" or "J"
    sender: str  # gemeentecode (4 digits) or the provider's AGB code (8 digits)
    receiver: str
    identification: str  # BerichtIdentificatie/Identificatie, unique per sender
    dated_on: date  # BerichtIdentificatie/Dagtekening


@dataclass(frozen=True)
class Client:
    bsn: str
    birth_date: date
    gender: str  # "0" onbekend, "1" man, "2" vrouw, "9" niet gespecificeerd
    surname: str
    initials: str = ""
    postcode: str = ""
    house_number: int | None = None


@dataclass(frozen=True)
class Volume:
    amount: Decimal
    unit: str  # WJ756
    frequency: str  # WJ757


@dataclass(frozen=True)
class AssignedProduct:
    """A ToegewezenProduct of a 301: a new assignment, or a change of one (change_reason set)."""

    number: str  # ToewijzingNummer
    category: str
    code: str
    starts_on: date
    ends_on: date | None
    volume: Volume | None
    assigned_at: datetime
    change_reason: str = ""  # WJ759 RedenWijziging, empty for a new assignment
    provider_reference: str = ""  # ReferentieAanbieder: the 315 this answers, if any


@dataclass(frozen=True)
class Assignment301:
    header: Header
    client: Client
    products: tuple[AssignedProduct, ...]


@dataclass(frozen=True)
class Start305:
    header: Header
    client: Client
    reference: str  # the provider's record reference
    assignment_number: str
    category: str
    code: str
    starts_on: date


@dataclass(frozen=True)
class Stop307:
    header: Header
    client: Client
    reference: str
    assignment_number: str
    category: str
    code: str
    starts_on: date
    ends_on: date
    reason: str  # WJ588 RedenBeeindiging


@dataclass(frozen=True)
class RequestedProduct:
    reference: str
    category: str
    code: str
    starts_on: date
    ends_on: date | None
    volume: Volume | None
    assignment_number: str = ""  # 317 only: the assignment to change


@dataclass(frozen=True)
class Request315:
    header: Header
    client: Client
    products: tuple[RequestedProduct, ...]


@dataclass(frozen=True)
class Request317:
    header: Header
    client: Client
    products: tuple[RequestedProduct, ...]


@dataclass(frozen=True)
class Answer319:
    """The municipality's answer to a 315/317: granted (a 301 follows) or refused, with a reason."""

    header: Header
    client: Client
    request_identification: str
    request_dated_on: date
    reference: str
    granted: bool
    reason: str = ""  # WJ761 when refused


@dataclass(frozen=True)
class DeclaredLine:
    reference: str
    bsn: str
    assignment_number: str
    category: str
    code: str
    starts_on: date
    ends_on: date
    volume: Decimal
    unit: str
    tariff: Decimal
    amount: Decimal


@dataclass(frozen=True)
class Declaration323:
    header: Header
    number: str
    period_start: date
    period_end: date
    total: Decimal
    lines: tuple[DeclaredLine, ...]


@dataclass(frozen=True)
class AnsweredLine:
    reference: str
    approved_amount: Decimal
    retour_codes: tuple[str, ...] = ()  # empty: approved


@dataclass(frozen=True)
class DeclarationAnswer325:
    header: Header
    declaration_number: str
    total_approved: Decimal
    total_rejected: Decimal
    lines: tuple[AnsweredLine, ...]


@dataclass(frozen=True)
class Retour:
    """302/306/308/316/318/320: the answer to a received message, header and per-record retour codes.

    `codes` holds the header's codes ("0001" geen fouten); `records` maps a record's reference to its codes.
    """

    header: Header
    answers_identification: str
    answers_dated_on: date
    codes: tuple[str, ...]
    records: dict[str, tuple[str, ...]] = field(default_factory=dict)


RETOUR_OF = {"301": "302", "305": "306", "307": "308", "315": "316", "317": "318", "319": "320"}

Facts = (
    Assignment301
    | Start305
    | Stop307
    | Request315
    | Request317
    | Answer319
    | Declaration323
    | DeclarationAnswer325
    | Retour
)
