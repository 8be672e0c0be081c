"""The iWmo / iJw 3.2 messages as the standard's XML: `build(facts) -> bytes` and `parse(xml) -> facts`.

`build` writes a message in its namespace and checks it against its schema before it leaves (a message the other
side would refuse is a programming error here, never a retour later). `parse` reads a received message with a
hardened parser (size cap, no DTD, no entities, no network), validates it against its schema, then applies the
standard's rules (header, dagtekening, BSN 11-check, date order, code lists); a violation raises `MessageRefused`
with the retour code (WJ001) and the rule (`retour_codes.Rule`) as its detail. Error texts never carry a value
from the message: they name the element and the rule only, so no BSN reaches a log line.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation

from django.utils import timezone
from lxml import etree

from ...core.identifiers import bsn_is_valid
from .. import standard
from . import facts as f
from . import xml_names as names
from . import xsd
from .errors import MessageRefused
from .retour_codes import RULES, Rule

MAX_BYTES = 5 * 1024 * 1024  # the GGK takes 25 MB per delivery; one message of this product is a few kB
CENT = Decimal("0.01")
KIND_OF = {
    f.Assignment301: "301",
    f.Start305: "305",
    f.Stop307: "307",
    f.Request315: "315",
    f.Request317: "317",
    f.Answer319: "319",
    f.Declaration323: "323",
    f.DeclarationAnswer325: "325",
}
ADDRESS_KIND_BRP = "01"  # COD757 Soort adres: BRP-adres
REFERRER_MUNICIPALITY = "01"  # COD327 Code verwijzer: gemeente
REQUEST_REASON = "01"  # RedenVerzoek of a 317
SUBMISSION_FIRST = "1"  # COD467 StatusAanlevering: eerste aanlevering
ANSWER_REFUSED = "1"  # WJ760 VerzoekAntwoord: verzoek afgewezen
ANSWER_UNDER_REVIEW = "2"  # WJ760: aanvraag in onderzoek (a 301 follows)


def record_key(assignment_number: str, starts_on: date) -> str:
    """How a start (305) or stop (307) is known: the standard's key is ToewijzingNummer with Begindatum (TR074).

    `Start305.reference` / `Stop307.reference` of a parsed message is this key; a 306/308 answers by it.
    """
    return f"{assignment_number}:{starts_on.isoformat()}"


def _split_key(reference: str) -> tuple[str, str]:
    """ToewijzingNummer and Begindatum of a `record_key`; a reference of another form is the number alone."""
    number, _, starts_on = reference.rpartition(":")
    if not number or not _is_iso_date(starts_on):
        return reference, ""
    return number, starts_on


def _is_iso_date(value: str) -> bool:
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10


# --- build -------------------------------------------------------------------------------------------------------


class _Writer:
    def __init__(self, law: str, kind: str) -> None:
        self.law = law
        self.kind = kind
        self.ns = names.message_namespace(law, kind)
        self.base = names.base_namespace(law)
        self.root = etree.Element(self.q("Bericht"), nsmap={None: self.ns, names.STANDARD[law]: self.base})

    def q(self, name: str) -> str:
        return f"{{{self.ns}}}{name}"

    def add(self, parent: etree._Element, name: str, text: object = None) -> etree._Element:
        """A child element; "b:Name" is an element of a basisschema type (CDT_...), in the basisschema's namespace."""
        qname = f"{{{self.base}}}{name[2:]}" if name.startswith("b:") else self.q(name)
        element = etree.SubElement(parent, qname)
        if text is not None:
            element.text = text if isinstance(text, str) else _text(text)
        return element

    def header(self, head: f.Header, kind: str | None = None) -> etree._Element:
        header = self.add(self.root, "Header")
        self.add(header, "BerichtCode", names.MESSAGE_CODES[self.law][kind or self.kind])
        self.add(header, "BerichtVersie", names.MESSAGE_VERSION)
        self.add(header, "BerichtSubversie", names.MESSAGE_SUBVERSION)
        self.add(header, "Afzender", head.sender)
        self.add(header, "Ontvanger", head.receiver)
        self.identification(header, "BerichtIdentificatie", head.identification, head.dated_on)
        self.xsd_version(header, "XsdVersie")
        return header

    def identification(self, parent: etree._Element, name: str, identification: str, dated_on: date) -> None:
        element = self.add(parent, name)
        self.add(element, "b:Identificatie", identification)
        self.add(element, "b:Dagtekening", dated_on)

    def xsd_version(self, parent: etree._Element, name: str) -> None:
        element = self.add(parent, name)
        self.add(element, "b:BasisschemaXsdVersie", names.XSD_VERSION)
        self.add(element, "b:BerichtXsdVersie", names.XSD_VERSION)

    def person(self, parent: etree._Element, client: f.Client, *, full_name: bool) -> None:
        self.add(parent, "Bsn", client.bsn)
        self.add(self.add(parent, "Geboortedatum"), "b:Datum", client.birth_date)
        self.add(parent, "Geslacht", client.gender)
        name = self.add(parent, "Naam")
        self.add(self.add(name, "b:Geslachtsnaam"), "b:Achternaam", client.surname)
        if client.initials:
            self.add(name, "b:Voorletters", client.initials[:6])
        if full_name:
            self.add(name, "b:NaamGebruik", "1")

    def product(self, parent: etree._Element, category: str, code: str) -> None:
        if not category:
            return
        product = self.add(parent, "Product")
        self.add(product, "b:Categorie", category)
        if code:
            self.add(product, "b:Code", code)

    def volume(self, parent: etree._Element, volume: f.Volume | None) -> None:
        if volume is None:
            return
        extent = self.add(parent, "Omvang")
        self.add(extent, "b:Volume", volume.amount)
        self.add(extent, "b:Eenheid", volume.unit)
        self.add(extent, "b:Frequentie", volume.frequency)

    def amount(self, parent: etree._Element, name: str, amount: Decimal) -> None:
        element = self.add(parent, name)
        self.add(element, "b:Bedrag", _cents(abs(amount)))
        self.add(element, "b:DebetCredit", "C" if amount < 0 else "D")

    def codes(self, parent: etree._Element, codes: Iterable[str]) -> None:
        element = self.add(parent, "RetourCodes")
        for code in codes:
            self.add(element, "RetourCode", code)


def _text(value: object) -> str:
    if isinstance(value, datetime):
        raise TypeError("A moment is written as a date and a time.")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value:f}"
    return str(value)


def _cents(amount: Decimal) -> int:
    cents = amount * 100
    if cents != cents.to_integral_value():
        raise ValueError("An amount is whole cents.")
    return int(cents)


def _local(moment: datetime) -> datetime:
    return timezone.localtime(moment) if timezone.is_aware(moment) else moment


def _client_contact(w: _Writer, parent: etree._Element, client: f.Client) -> None:
    contact = w.add(w.add(parent, "Contactgegevens"), "Contact")
    w.add(contact, "Soort", ADDRESS_KIND_BRP)
    postcode = client.postcode.replace(" ", "").upper()
    if client.house_number or postcode:
        address = w.add(contact, "Adres")
        if client.house_number:
            w.add(w.add(address, "b:Huisnummer"), "b:Huisnummer", client.house_number)
        if postcode:
            w.add(address, "b:Postcode", postcode)


def _build_301(w: _Writer, m: f.Assignment301) -> None:
    client = w.add(w.root, "Client")
    w.person(client, m.client, full_name=True)
    _client_contact(w, client, m.client)
    products = w.add(client, "ToegewezenProducten")
    for item in m.products:
        product = w.add(products, "ToegewezenProduct")
        w.add(product, "ToewijzingNummer", item.number)
        if item.provider_reference:
            w.add(product, "ReferentieAanbieder", item.provider_reference)
        w.product(product, item.category, item.code)
        moment = _local(item.assigned_at)
        w.add(product, "Toewijzingsdatum", moment.date())
        w.add(product, "Toewijzingstijd", moment.strftime("%H:%M:%S"))
        w.add(product, "Ingangsdatum", item.starts_on)
        if item.ends_on:
            w.add(product, "Einddatum", item.ends_on)
        if item.change_reason:
            w.add(product, "RedenWijziging", item.change_reason)
        w.volume(product, item.volume)


def _build_305(w: _Writer, m: f.Start305) -> None:
    client = w.add(w.root, "Client")
    w.person(client, m.client, full_name=False)
    product = w.add(w.add(client, "StartProducten"), "StartProduct")
    w.add(product, "ToewijzingNummer", m.assignment_number)
    w.product(product, m.category, m.code)
    w.add(product, "Begindatum", m.starts_on)
    w.add(product, "StatusAanlevering", SUBMISSION_FIRST)


def _build_307(w: _Writer, m: f.Stop307) -> None:
    client = w.add(w.root, "Client")
    w.person(client, m.client, full_name=False)
    product = w.add(w.add(client, "StopProducten"), "StopProduct")
    w.add(product, "ToewijzingNummer", m.assignment_number)
    w.product(product, m.category, m.code)
    w.add(product, "Begindatum", m.starts_on)
    w.add(product, "RedenBeeindiging", m.reason)
    w.add(product, "Einddatum", m.ends_on)
    w.add(product, "StatusAanlevering", SUBMISSION_FIRST)


def _build_315(w: _Writer, m: f.Request315) -> None:
    client = w.add(w.root, "Client")
    w.person(client, m.client, full_name=False)
    products = w.add(client, "AangevraagdeProducten")
    for item in m.products:
        product = w.add(products, "AangevraagdProduct")
        w.add(product, "ReferentieAanbieder", item.reference)
        w.product(product, item.category, item.code)
        w.add(product, "ToewijzingIngangsdatum", item.starts_on)
        if item.ends_on:
            w.add(product, "ToewijzingEinddatum", item.ends_on)
        w.volume(product, item.volume)
        w.add(w.add(product, "Verwijzer"), "b:Type", REFERRER_MUNICIPALITY)


def _build_317(w: _Writer, m: f.Request317) -> None:
    if not m.products:
        raise ValueError("A 317 asks for at least one product.")
    client = w.add(w.root, "Client")
    w.person(client, m.client, full_name=False)
    request = w.add(client, "Verzoek")
    reference = m.products[0].reference
    w.add(request, "ReferentieAanbieder", reference)
    w.add(request, "RedenVerzoek", REQUEST_REASON)
    changed = [item for item in m.products if item.assignment_number]
    new = [item for item in m.products if not item.assignment_number]
    for container, record, items in (
        ("TeWijzigenProducten", "TeWijzigenProduct", changed),
        ("NieuweProducten", "NieuwProduct", new),
    ):
        if not items:
            continue
        parent = w.add(request, container)
        for item in items:
            product = w.add(parent, record)
            if item.assignment_number:
                w.add(product, "ToewijzingNummer", item.assignment_number)
            if item.reference != reference:
                w.add(product, "ReferentieAanbieder", item.reference)
            w.product(product, item.category, item.code)
            w.add(product, "GewensteIngangsdatum", item.starts_on)
            if item.ends_on:
                w.add(product, "Einddatum", item.ends_on)
            w.volume(product, item.volume)


def _build_319(w: _Writer, m: f.Answer319) -> None:
    w.person(w.add(w.root, "Client"), m.client, full_name=False)
    answer = w.add(w.root, "Antwoord")
    w.add(answer, "ReferentieAanbieder", m.reference)
    w.add(answer, "VerzoekAntwoord", ANSWER_UNDER_REVIEW if m.granted else ANSWER_REFUSED)
    if m.reason:
        w.add(answer, "RedenAfwijzingVerzoek", m.reason)
    w.identification(answer, "VerzoekIdentificatie", m.request_identification, m.request_dated_on)


def _build_323(w: _Writer, m: f.Declaration323) -> None:
    declaration = w.add(w.root, "Declaratie")
    w.add(declaration, "DeclaratieNummer", m.number)
    period = w.add(declaration, "DeclaratiePeriode")
    w.add(period, "b:Begindatum", m.period_start)
    w.add(period, "b:Einddatum", m.period_end)
    w.add(declaration, "DeclaratieDagtekening", m.header.dated_on)
    w.amount(declaration, "TotaalIngediendBedrag", m.total)
    clients = w.add(declaration, "Clienten")
    for bsn, lines in _by_client(m.lines).items():
        client = w.add(clients, "Client")
        w.add(client, "Bsn", bsn)
        services = w.add(client, "Prestaties")
        for line in lines:
            service = w.add(services, "Prestatie")
            w.add(w.add(service, "ProductReferentie"), "b:Nummer", line.reference)
            w.add(service, "ToewijzingNummer", line.assignment_number)
            w.add(service, "ProductCategorie", line.category)
            w.add(service, "ProductCode", line.code)
            period = w.add(service, "ProductPeriode")
            w.add(period, "b:Begindatum", line.starts_on)
            w.add(period, "b:Einddatum", line.ends_on)
            w.add(service, "GeleverdVolume", line.volume)
            w.add(service, "Eenheid", line.unit)
            w.add(service, "ProductTarief", _cents(line.tariff))
            w.amount(service, "IngediendBedrag", line.amount)


def _by_client(lines: Iterable[f.DeclaredLine]) -> dict[str, list[f.DeclaredLine]]:
    """The declaration's lines per client (Clienten/Client/Prestaties), in the order the clients first appear."""
    grouped: dict[str, list[f.DeclaredLine]] = {}
    for line in lines:
        grouped.setdefault(line.bsn, []).append(line)
    return grouped


def _build_325(w: _Writer, m: f.DeclarationAnswer325) -> None:
    answer = w.add(w.root, "DeclaratieAntwoord")
    w.add(answer, "DeclaratieNummer", m.declaration_number)
    w.amount(answer, "TotaalIngediendBedrag", m.total_approved + m.total_rejected)
    w.amount(answer, "TotaalToegekendBedrag", m.total_approved)
    if m.lines:
        services = w.add(answer, "Prestaties")
        for line in m.lines:
            service = w.add(services, "Prestatie")
            w.add(w.add(service, "ProductReferentie"), "b:Nummer", line.reference)
            w.amount(service, "ToegekendBedrag", line.approved_amount)
            if line.retour_codes:
                w.codes(service, line.retour_codes)


def _build_retour(w: _Writer, m: f.Retour) -> None:
    header = w.add(w.root, "Header")
    w.add(header, "BerichtCode", names.MESSAGE_CODES[w.law][w.kind])
    w.add(header, "BerichtVersie", names.MESSAGE_VERSION)
    w.add(header, "BerichtSubversie", names.MESSAGE_SUBVERSION)
    w.add(header, "Afzender", m.header.sender)
    w.add(header, "Ontvanger", m.header.receiver)
    w.identification(header, "BerichtIdentificatie", m.answers_identification, m.answers_dated_on)
    w.xsd_version(header, "XsdVersie")
    w.add(header, "IdentificatieRetour", m.header.identification)
    w.add(header, "DagtekeningRetour", m.header.dated_on)
    w.xsd_version(header, "XsdVersieRetour")
    if m.codes:
        w.codes(header, m.codes)
    if not m.records:
        return
    container, record, key = xsd.RETOUR_RECORDS[w.kind]
    parent = w.add(w.root, container)
    for reference, codes in m.records.items():
        element = w.add(parent, record)
        if w.kind in {"306", "308"}:
            number, starts_on = _split_key(reference)
            w.add(element, key, number)
            if starts_on:
                w.add(element, "Begindatum", starts_on)
        else:
            w.add(element, key, reference)
        w.codes(element, codes)


BUILDERS: dict[str, Callable] = {
    "301": _build_301,
    "305": _build_305,
    "307": _build_307,
    "315": _build_315,
    "317": _build_317,
    "319": _build_319,
    "323": _build_323,
    "325": _build_325,
    **dict.fromkeys(names.RETOUR_KINDS, _build_retour),
}


def build(message: f.Facts) -> bytes:
    """The standard's XML of a message (UTF-8), checked against its schema; ValueError when it would not pass."""
    head = message.header
    kind = KIND_OF.get(type(message))
    if isinstance(message, f.Retour):
        if head.kind not in names.RETOUR_KINDS:
            raise ValueError("A Retour is a 302, 306, 308, 316, 318 or 320.")
        kind = head.kind
    if kind is None:
        raise TypeError("Not the facts of a message.")
    if head.kind != kind:
        raise ValueError("The header names another kind of message than its facts.")
    if head.law not in names.LAWS:
        raise ValueError('The law is "W" (iWmo) or "J" (iJw).')
    writer = _Writer(head.law, kind)
    if kind not in names.RETOUR_KINDS:
        writer.header(head)
    BUILDERS[kind](writer, message)
    schema = xsd.schema(head.law, kind)
    if not schema.validate(writer.root):
        raise ValueError(f"The {kind} does not pass its schema: {_schema_errors(schema)}")
    return etree.tostring(writer.root, xml_declaration=True, encoding="UTF-8")


def _schema_errors(schema: etree.XMLSchema) -> str:
    """Where the schema refused, without the refused values (they may be a BSN or a name)."""
    return "; ".join(f"{error.path} ({error.type_name})" for error in schema.error_log)[:1000]


# --- parse -------------------------------------------------------------------------------------------------------


def _refuse(rule: str) -> MessageRefused:
    code, _meaning = RULES[rule]
    return MessageRefused([code], rule)


def _read(xml: bytes) -> etree._Element:
    if isinstance(xml, str):
        xml = xml.encode("utf-8")
    if not isinstance(xml, bytes | bytearray):
        raise _refuse(Rule.NOT_XML)
    if len(xml) > MAX_BYTES:
        raise _refuse(Rule.TOO_LARGE)
    if b"<!DOCTYPE" in xml or b"<!ENTITY" in xml:
        raise _refuse(Rule.DOCTYPE)
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(bytes(xml), parser)
    except etree.XMLSyntaxError:
        raise _refuse(Rule.NOT_XML) from None
    if root is None:
        raise _refuse(Rule.NOT_XML)
    if root.getroottree().docinfo.doctype or any(True for _ in root.iter(etree.Entity)):
        raise _refuse(Rule.DOCTYPE)
    return root


class _Reader:
    def __init__(self, root: etree._Element, law: str, kind: str) -> None:
        self.root = root
        self.ns = names.message_namespace(law, kind)
        self.base = names.base_namespace(law)

    def path(self, path: str) -> str:
        """ElementPath of "A/b:B": "b:" marks an element of a basisschema type, in the basisschema's namespace."""
        return "/".join(
            f"{{{self.base}}}{part[2:]}" if part.startswith("b:") else f"{{{self.ns}}}{part}"
            for part in path.split("/")
        )

    def find(self, element: etree._Element, path: str) -> etree._Element | None:
        return element.find(self.path(path))

    def all(self, element: etree._Element, path: str) -> list[etree._Element]:
        return element.findall(self.path(path))

    def text(self, element: etree._Element, path: str) -> str:
        return (element.findtext(self.path(path)) or "").strip()

    def date(self, element: etree._Element, path: str) -> date:
        return date.fromisoformat(self.text(element, path))

    def optional_date(self, element: etree._Element, path: str) -> date | None:
        value = self.text(element, path)
        return date.fromisoformat(value) if value else None

    def decimal(self, element: etree._Element, path: str) -> Decimal:
        return Decimal(self.text(element, path))

    def amount(self, element: etree._Element, path: str) -> Decimal:
        cents = Decimal(self.text(element, f"{path}/b:Bedrag"))
        sign = -1 if self.text(element, f"{path}/b:DebetCredit") == "C" else 1
        return (sign * cents / 100).quantize(CENT)

    def codes(self, element: etree._Element) -> tuple[str, ...]:
        return tuple((code.text or "").strip() for code in self.all(element, "RetourCodes/RetourCode"))

    def header(self, law: str, kind: str) -> f.Header:
        header = self.find(self.root, "Header")
        return f.Header(
            kind=kind,
            law=law,
            sender=self.text(header, "Afzender"),
            receiver=self.text(header, "Ontvanger"),
            identification=self.text(header, "BerichtIdentificatie/b:Identificatie"),
            dated_on=self.date(header, "BerichtIdentificatie/b:Dagtekening"),
        )

    def client(self, client: etree._Element) -> f.Client:
        postcode, house_number = "", None
        address = self.find(client, "Contactgegevens/Contact/Adres")
        if address is not None:
            postcode = self.text(address, "b:Postcode")
            number = self.text(address, "b:Huisnummer/b:Huisnummer")
            house_number = int(number) if number else None
        return f.Client(
            bsn=self.text(client, "Bsn"),
            birth_date=self.date(client, "Geboortedatum/b:Datum"),
            gender=self.text(client, "Geslacht"),
            surname=self.text(client, "Naam/b:Geslachtsnaam/b:Achternaam"),
            initials=self.text(client, "Naam/b:Voorletters"),
            postcode=postcode,
            house_number=house_number,
        )

    def volume(self, element: etree._Element) -> f.Volume | None:
        extent = self.find(element, "Omvang")
        if extent is None:
            return None
        return f.Volume(
            amount=self.decimal(extent, "b:Volume"),
            unit=self.text(extent, "b:Eenheid"),
            frequency=self.text(extent, "b:Frequentie"),
        )


def _parse_301(r: _Reader, head: f.Header) -> f.Assignment301:
    client = r.find(r.root, "Client")
    products = []
    for item in r.all(client, "ToegewezenProducten/ToegewezenProduct"):
        moment = datetime.combine(r.date(item, "Toewijzingsdatum"), time.fromisoformat(r.text(item, "Toewijzingstijd")))
        products.append(
            f.AssignedProduct(
                number=r.text(item, "ToewijzingNummer"),
                category=r.text(item, "Product/b:Categorie"),
                code=r.text(item, "Product/b:Code"),
                starts_on=r.date(item, "Ingangsdatum"),
                ends_on=r.optional_date(item, "Einddatum"),
                volume=r.volume(item),
                assigned_at=timezone.make_aware(moment),
                change_reason=r.text(item, "RedenWijziging"),
                provider_reference=r.text(item, "ReferentieAanbieder"),
            )
        )
    return f.Assignment301(header=head, client=r.client(client), products=tuple(products))


def _only(r: _Reader, client: etree._Element, path: str) -> etree._Element:
    records = r.all(client, path)
    if len(records) != 1:
        raise _refuse(Rule.SEVERAL_RECORDS)
    return records[0]


def _start_stop_fields(r: _Reader, head: f.Header, path: str) -> tuple[etree._Element, dict]:
    """The fields a 305 and a 307 share: one product record of the client, keyed by number and start date."""
    client = r.find(r.root, "Client")
    item = _only(r, client, path)
    number, starts_on = r.text(item, "ToewijzingNummer"), r.date(item, "Begindatum")
    return item, {
        "header": head,
        "client": r.client(client),
        "reference": record_key(number, starts_on),
        "assignment_number": number,
        "category": r.text(item, "Product/b:Categorie"),
        "code": r.text(item, "Product/b:Code"),
        "starts_on": starts_on,
    }


def _parse_305(r: _Reader, head: f.Header) -> f.Start305:
    _, fields = _start_stop_fields(r, head, "StartProducten/StartProduct")
    return f.Start305(**fields)


def _parse_307(r: _Reader, head: f.Header) -> f.Stop307:
    item, fields = _start_stop_fields(r, head, "StopProducten/StopProduct")
    return f.Stop307(**fields, ends_on=r.date(item, "Einddatum"), reason=r.text(item, "RedenBeeindiging"))


def _parse_315(r: _Reader, head: f.Header) -> f.Request315:
    client = r.find(r.root, "Client")
    products = tuple(
        f.RequestedProduct(
            reference=r.text(item, "ReferentieAanbieder"),
            category=r.text(item, "Product/b:Categorie"),
            code=r.text(item, "Product/b:Code"),
            starts_on=r.date(item, "ToewijzingIngangsdatum"),
            ends_on=r.optional_date(item, "ToewijzingEinddatum"),
            volume=r.volume(item),
        )
        for item in r.all(client, "AangevraagdeProducten/AangevraagdProduct")
    )
    return f.Request315(header=head, client=r.client(client), products=products)


def _parse_317(r: _Reader, head: f.Header) -> f.Request317:
    client = r.find(r.root, "Client")
    request = r.find(client, "Verzoek")
    reference = r.text(request, "ReferentieAanbieder")
    items = [*r.all(request, "TeWijzigenProducten/TeWijzigenProduct"), *r.all(request, "NieuweProducten/NieuwProduct")]
    products = tuple(
        f.RequestedProduct(
            reference=r.text(item, "ReferentieAanbieder") or reference,
            category=r.text(item, "Product/b:Categorie"),
            code=r.text(item, "Product/b:Code"),
            starts_on=r.date(item, "GewensteIngangsdatum"),
            ends_on=r.optional_date(item, "Einddatum"),
            volume=r.volume(item),
            assignment_number=r.text(item, "ToewijzingNummer"),
        )
        for item in items
    )
    return f.Request317(header=head, client=r.client(client), products=products)


def _parse_319(r: _Reader, head: f.Header) -> f.Answer319:
    answer = r.find(r.root, "Antwoord")
    return f.Answer319(
        header=head,
        client=r.client(r.find(r.root, "Client")),
        request_identification=r.text(answer, "VerzoekIdentificatie/b:Identificatie"),
        request_dated_on=r.date(answer, "VerzoekIdentificatie/b:Dagtekening"),
        reference=r.text(answer, "ReferentieAanbieder"),
        granted=r.text(answer, "VerzoekAntwoord") == ANSWER_UNDER_REVIEW,
        reason=r.text(answer, "RedenAfwijzingVerzoek"),
    )


def _parse_323(r: _Reader, head: f.Header) -> f.Declaration323:
    declaration = r.find(r.root, "Declaratie")
    lines = []
    for client in r.all(declaration, "Clienten/Client"):
        bsn = r.text(client, "Bsn")
        for service in r.all(client, "Prestaties/Prestatie"):
            tariff = r.text(service, "ProductTarief")
            lines.append(
                f.DeclaredLine(
                    reference=r.text(service, "ProductReferentie/b:Nummer"),
                    bsn=bsn,
                    assignment_number=r.text(service, "ToewijzingNummer"),
                    category=r.text(service, "ProductCategorie"),
                    code=r.text(service, "ProductCode"),
                    starts_on=r.date(service, "ProductPeriode/b:Begindatum"),
                    ends_on=r.date(service, "ProductPeriode/b:Einddatum"),
                    volume=r.decimal(service, "GeleverdVolume"),
                    unit=r.text(service, "Eenheid"),
                    tariff=(Decimal(tariff) / 100).quantize(CENT) if tariff else Decimal("0.00"),
                    amount=r.amount(service, "IngediendBedrag"),
                )
            )
    return f.Declaration323(
        header=head,
        number=r.text(declaration, "DeclaratieNummer"),
        period_start=r.date(declaration, "DeclaratiePeriode/b:Begindatum"),
        period_end=r.date(declaration, "DeclaratiePeriode/b:Einddatum"),
        total=r.amount(declaration, "TotaalIngediendBedrag"),
        lines=tuple(lines),
    )


def _parse_325(r: _Reader, head: f.Header) -> f.DeclarationAnswer325:
    answer = r.find(r.root, "DeclaratieAntwoord")
    submitted = r.amount(answer, "TotaalIngediendBedrag")
    approved = r.amount(answer, "TotaalToegekendBedrag")
    lines = tuple(
        f.AnsweredLine(
            reference=r.text(service, "ProductReferentie/b:Nummer"),
            approved_amount=r.amount(service, "ToegekendBedrag"),
            retour_codes=r.codes(service),
        )
        for service in r.all(answer, "Prestaties/Prestatie")
    )
    return f.DeclarationAnswer325(
        header=head,
        declaration_number=r.text(answer, "DeclaratieNummer"),
        total_approved=approved,
        total_rejected=submitted - approved,
        lines=lines,
    )


def _parse_retour(r: _Reader, head: f.Header) -> f.Retour:
    header = r.find(r.root, "Header")
    container, record, key = xsd.RETOUR_RECORDS[head.kind]
    records = {}
    for element in r.all(r.root, f"{container}/{record}"):
        reference = r.text(element, key)
        if head.kind in {"306", "308"} and r.text(element, "Begindatum"):
            reference = record_key(reference, r.date(element, "Begindatum"))
        records[reference] = r.codes(element)
    return f.Retour(
        header=f.Header(
            kind=head.kind,
            law=head.law,
            sender=head.sender,
            receiver=head.receiver,
            identification=r.text(header, "IdentificatieRetour"),
            dated_on=r.date(header, "DagtekeningRetour"),
        ),
        answers_identification=head.identification,
        answers_dated_on=head.dated_on,
        codes=r.codes(header),
        records=records,
    )


PARSERS: dict[str, Callable] = {
    "301": _parse_301,
    "305": _parse_305,
    "307": _parse_307,
    "315": _parse_315,
    "317": _parse_317,
    "319": _parse_319,
    "323": _parse_323,
    "325": _parse_325,
    **dict.fromkeys(names.RETOUR_KINDS, _parse_retour),
}


def parse(xml: bytes) -> f.Facts:
    """The facts of a received message; MessageRefused (retour code + rule) when it breaks the schema or a rule."""
    root = _read(xml)
    qname = etree.QName(root)
    if qname.localname != "Bericht" or qname.namespace not in names.NAMESPACES:
        raise _refuse(Rule.UNKNOWN_MESSAGE)
    law, kind = names.NAMESPACES[qname.namespace]
    if not xsd.schema(law, kind).validate(root):
        raise _refuse(Rule.SCHEMA)
    reader = _Reader(root, law, kind)
    _check_header(reader, law, kind)
    try:
        message = PARSERS[kind](reader, reader.header(law, kind))
    except (ValueError, InvalidOperation):  # a value the schema lets through but no date or number can hold
        raise _refuse(Rule.SCHEMA) from None
    _check_content(message)
    return message


def _check_header(r: _Reader, law: str, kind: str) -> None:
    header = r.find(r.root, "Header")
    if r.text(header, "BerichtCode") != names.MESSAGE_CODES[law][kind]:
        raise _refuse(Rule.MESSAGE_CODE)
    versions = (r.text(header, "BerichtVersie"), r.text(header, "BerichtSubversie"))
    if versions != (names.MESSAGE_VERSION, names.MESSAGE_SUBVERSION):
        raise _refuse(Rule.VERSION)
    today = timezone.localdate()
    dated = [r.text(header, "BerichtIdentificatie/b:Dagtekening"), r.text(header, "DagtekeningRetour")]
    if any(value and date.fromisoformat(value) > today for value in dated):
        raise _refuse(Rule.DATED_IN_FUTURE)


def _check_content(message: f.Facts) -> None:
    """The standard's rules on the content: BSN 11-check, an end never before its start, units in WJ756/WJ757."""
    bsns: list[str] = []
    periods: list[tuple[date, date | None]] = []
    volumes: list[f.Volume] = []
    units: list[str] = []
    client = getattr(message, "client", None)
    if client is not None:
        bsns.append(client.bsn)
    if isinstance(message, f.Assignment301 | f.Request315 | f.Request317):
        for item in message.products:
            periods.append((item.starts_on, item.ends_on))
            if item.volume:
                volumes.append(item.volume)
    elif isinstance(message, f.Stop307):
        periods.append((message.starts_on, message.ends_on))
    elif isinstance(message, f.Declaration323):
        periods.append((message.period_start, message.period_end))
        for line in message.lines:
            bsns.append(line.bsn)
            periods.append((line.starts_on, line.ends_on))
            units.append(line.unit)
    if not all(bsn_is_valid(bsn) for bsn in bsns):
        raise _refuse(Rule.BSN)
    if any(end is not None and end < start for start, end in periods):
        raise _refuse(Rule.DATE_ORDER)
    if any(unit not in standard.UNITS for unit in [*units, *(volume.unit for volume in volumes)]):
        raise _refuse(Rule.UNIT)
    if any(volume.frequency not in standard.FREQUENCIES for volume in volumes):
        raise _refuse(Rule.FREQUENCY)
