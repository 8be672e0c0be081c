"""Messages received from providers (305, 307, 315, 317, 323): checked, applied, stored and answered.

One path for every channel: the wire, the API and the provider's own screen (which builds the message the provider's
system would send). A message is processed once: the same sender, kind and identification again finds the first
row and changes nothing. A refused or malformed message changes nothing but its own row and its retour.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db import IntegrityError, transaction
from lxml import etree

from ...audit import services as audit
from ..messages import facts as f
from ..messages.errors import MessageRefused
from ..models import Assignment, AssignmentStatus, Contract, Direction, Message, MessageStatus, ProviderProfile
from . import messaging
from .messaging import Code, Outcome

PURPOSE = "provision-delivery"
CHUNK = 500


class Lookup:
    """Who and what messages name, read once: per message, or in bulk for a batch (the benchmark's path)."""

    def __init__(self) -> None:
        self.assignments: dict[str, Assignment | None] = {}
        self.providers: dict[str, object | None] = {}
        self.municipalities: dict[int, list] = {}
        self.seen: dict[tuple[str, str, str], int] = {}
        self.seen_complete = False

    def prefetch(self, messages: Iterable[f.Facts]) -> None:
        """Read the assignments, providers and earlier messages of many messages in a few queries."""
        messages = list(messages)
        numbers = {n for m in messages for n in _assignment_numbers(m)} - set(self.assignments)
        for chunk in _chunks(sorted(numbers)):
            found = {a.number: a for a in _assignments().filter(number__in=chunk)}
            for number in chunk:
                self.assignments[number] = found.get(number)
        senders = {m.header.sender for m in messages} - set(self.providers)
        for chunk in _chunks(sorted(senders)):
            found = {p.agb_code: p.organisation for p in _profiles().filter(agb_code__in=chunk)}
            for sender in chunk:
                self.providers[sender] = found.get(sender)
        keys = {(m.header.sender, m.header.kind, m.header.identification) for m in messages}
        identifications = sorted({key[2] for key in keys})
        for chunk in _chunks(identifications):
            rows = Message.objects.filter(direction=Direction.IN, identification__in=chunk).values_list(
                "sender", "kind", "identification", "pk"
            )
            for sender, kind, identification, pk in rows:
                self.seen[(sender, kind, identification)] = pk
        self.seen_complete = True

    def assignment(self, number: str) -> Assignment | None:
        if number not in self.assignments:
            self.assignments[number] = _assignments().filter(number=number).first()
        return self.assignments[number]

    def provider(self, agb_code: str):
        if agb_code not in self.providers:
            profile = _profiles().filter(agb_code=agb_code).first()
            self.providers[agb_code] = profile.organisation if profile else None
        return self.providers[agb_code]

    def municipality(self, provider, code: str):
        """The municipality a provider's message is addressed to: one its contracts cover, by gemeentecode."""
        if provider.pk not in self.municipalities:
            through = Contract.municipalities.through.objects.filter(contract__provider=provider)
            municipalities = {row.organisation_id: row.organisation for row in through.select_related("organisation")}
            self.municipalities[provider.pk] = list(municipalities.values())
        return next((m for m in self.municipalities[provider.pk] if messaging.municipality_code(m) == code), None)

    def seen_message(self, sender: str, kind: str, identification: str) -> Message | None:
        key = (sender, kind, identification)
        if key in self.seen:
            return Message.objects.get(pk=self.seen[key])
        if self.seen_complete:
            return None
        return Message.objects.filter(
            direction=Direction.IN, sender=sender, kind=kind, identification=identification
        ).first()

    def forget(self, number: str) -> None:
        """After a rollback the cached assignment may hold changes the database does not: read it again."""
        self.assignments.pop(number, None)


def _assignments():
    return Assignment.objects.select_related("product", "resident", "municipality", "provider__provider_profile")


def _profiles():
    return ProviderProfile.objects.select_related("organisation__provider_profile")


def _chunks(values: list, size: int = CHUNK):
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _assignment_numbers(message) -> list[str]:
    if isinstance(message, f.Start305 | f.Stop307):
        return [message.assignment_number]
    if isinstance(message, f.Request317):
        return [p.assignment_number for p in message.products]
    if isinstance(message, f.Declaration323):
        return [line.assignment_number for line in message.lines]
    return []


# --- the handlers: check first, then apply; a refusal writes nothing ----------------------------------------------


def _record(actor, action: str, assignment: Assignment, after: dict) -> None:
    audit.action_record(
        actor=actor,
        action=action,
        subject=assignment,
        household_id=assignment.household_id,
        after={"number": assignment.number, **after},
        domain=assignment.law,
        purpose=PURPOSE,
        residents=[assignment.resident],
    )


def _linked(message, assignment: Assignment | None, provider) -> tuple[str, ...]:
    """The assignment a 305/307 names must exist, be this provider's and be for this product."""
    if assignment is None or assignment.provider_id != provider.pk:
        return (Code.NO_ASSIGNMENT,)
    if message.header.receiver != messaging.municipality_code(assignment.municipality):
        return (Code.NO_ASSIGNMENT,)
    if message.category != assignment.product.category_code:
        return (Code.CATEGORY,)
    if message.code != assignment.product.code:
        return (Code.PRODUCT,)
    if assignment.status == AssignmentStatus.ENDED:
        return (Code.NO_ASSIGNMENT,)
    return ()


def _start(message: f.Start305, *, actor, provider, lookup: Lookup) -> Outcome:
    assignment = lookup.assignment(message.assignment_number)
    codes = _linked(message, assignment, provider)
    if not codes and assignment.status != AssignmentStatus.SENT:
        codes = (Code.ALREADY_RECEIVED,)
    if not codes and not assignment.starts_on <= message.starts_on <= assignment.ends_on:
        codes = (Code.START_OUTSIDE,)
    outcome = Outcome(records={message.reference: codes}, assignment=assignment if assignment else None)
    if codes:
        return outcome
    assignment.status = AssignmentStatus.STARTED
    assignment.started_on = message.starts_on
    assignment.save(update_fields=["status", "started_on"])
    _record(actor, "assignment.started", assignment, {"started_on": assignment.started_on})
    return outcome


def _stop(message: f.Stop307, *, actor, provider, lookup: Lookup) -> Outcome:
    assignment = lookup.assignment(message.assignment_number)
    codes = _linked(message, assignment, provider)
    if not codes and assignment.status == AssignmentStatus.SENT:
        codes = (Code.NOT_STARTED,)
    if not codes and assignment.status == AssignmentStatus.STOPPED:
        codes = (Code.ALREADY_RECEIVED,)
    if not codes and message.starts_on != assignment.started_on:
        codes = (Code.NOT_STARTED,)
    if not codes and not assignment.started_on <= message.ends_on <= assignment.ends_on:
        codes = (Code.END_OUTSIDE,)
    outcome = Outcome(records={message.reference: codes}, assignment=assignment)
    if codes:
        return outcome
    assignment.status = AssignmentStatus.STOPPED
    assignment.stopped_on = message.ends_on
    assignment.stop_reason = message.reason
    assignment.save(update_fields=["status", "stopped_on", "stop_reason"])
    _record(actor, "assignment.stopped", assignment, {"stopped_on": assignment.stopped_on, "reason": message.reason})
    return outcome


def _handlers() -> dict:
    from .declarations import declaration_receive
    from .requests import request_receive

    return {
        "305": _start,
        "307": _stop,
        "315": request_receive,
        "317": request_receive,
        "323": declaration_receive,
    }


# --- receiving -----------------------------------------------------------------------------------------------------


@dataclass
class Summary:
    received: int = 0
    accepted: int = 0
    rejected: int = 0
    duplicates: int = 0
    unanswerable: int = 0
    messages: list[int] = field(default_factory=list)


def message_receive(xml: bytes, *, actor=None) -> Message:
    """Receive one message from a provider: parse, check, apply, store and answer, in one transaction.

    Returns the stored incoming Message (its status and retour codes say how it went; its `retours` the answer).
    A message from a sender or to a receiver this municipality does not know cannot be stored or answered: an
    unsaved Message says why.
    """
    with transaction.atomic():
        return _receive_xml(xml, actor=actor, lookup=Lookup())


def _receive_xml(xml: bytes, *, actor, lookup: Lookup, message_facts=None) -> Message:
    if message_facts is None:
        try:
            message_facts = messaging.decode(xml)
        except MessageRefused as refused:
            return _malformed(xml, refused.codes, lookup=lookup)
    return facts_receive(message_facts, xml=xml, actor=actor, lookup=lookup)


@transaction.atomic(savepoint=False)  # joins the caller's transaction: one per received message
def facts_receive(message_facts, *, xml: bytes | None = None, actor=None, lookup: Lookup | None = None) -> Message:
    """Process a received message by its facts (the provider's screen builds them; the wire parses them)."""
    lookup = lookup or Lookup()
    head = message_facts.header
    if xml is None:
        xml = messaging.encode(message_facts)
    earlier = lookup.seen_message(head.sender, head.kind, head.identification)
    if earlier is not None:
        return earlier
    provider = lookup.provider(head.sender)
    municipality = lookup.municipality(provider, head.receiver) if provider is not None else None
    if provider is None or municipality is None:
        return _unanswerable(head, (Code.NO_ASSIGNMENT,))
    handler = _handlers().get(head.kind)
    if handler is None:
        outcome = Outcome(codes=(Code.UNSUPPORTED,))
    else:
        outcome = handler(message_facts, actor=actor, provider=provider, lookup=lookup)
    return _store_and_answer(head, xml, outcome, provider=provider, municipality=municipality, lookup=lookup)


def _store_and_answer(head: f.Header, xml: bytes, outcome: Outcome, *, provider, municipality, lookup) -> Message:
    codes = [code for codes in outcome.records.values() for code in codes] or list(outcome.codes)
    message = Message(
        kind=head.kind,
        direction=Direction.IN,
        sender=head.sender,
        receiver=head.receiver,
        identification=head.identification,
        dated_on=head.dated_on,
        provider=provider,
        municipality=municipality,
        assignment=outcome.assignment,
        xml=xml.decode("utf-8", errors="replace") if isinstance(xml, bytes) else xml,
        status=MessageStatus.REJECTED if outcome.refused else MessageStatus.ACCEPTED,
        retour_codes=list(dict.fromkeys(codes)) or [Code.OK],
    )
    try:
        with transaction.atomic():
            message.save()
    except IntegrityError:  # the same message, received at the same moment by another process: that one counts
        earlier = Message.objects.filter(
            direction=Direction.IN, sender=head.sender, kind=head.kind, identification=head.identification
        ).first()
        if earlier is None:
            raise
        transaction.set_rollback(True)
        return earlier
    lookup.seen[(head.sender, head.kind, head.identification)] = message.pk
    answer = outcome.answer or _retour(head, outcome)
    if answer is not None:
        messaging.message_send(
            answer,
            provider=provider,
            municipality=municipality,
            assignment=outcome.assignment,
            answers=message,
            status=MessageStatus.SENT,
            retour_codes=message.retour_codes,
        )
    return message


def _retour(head: f.Header, outcome: Outcome) -> f.Retour | None:
    kind = f.RETOUR_OF.get(head.kind)
    if kind is None:
        return None
    return f.Retour(
        header=messaging.header(kind=kind, law=head.law, sender=head.receiver, receiver=head.sender),
        answers_identification=head.identification,
        answers_dated_on=head.dated_on,
        codes=tuple(outcome.codes) or (Code.OK,),
        records={reference: tuple(codes) or (Code.OK,) for reference, codes in outcome.records.items()},
    )


def _unanswerable(head: f.Header | None, codes) -> Message:
    """Nobody to store it for or answer it to: an unsaved row that says why (the exchange bounces such messages)."""
    return Message(
        kind=head.kind if head else "",
        direction=Direction.IN,
        sender=head.sender if head else "",
        receiver=head.receiver if head else "",
        identification=head.identification if head else "",
        status=MessageStatus.REJECTED,
        retour_codes=list(codes),
    )


def _malformed(xml: bytes, codes, *, lookup: Lookup) -> Message:
    """A message the codec refused: stored and answered when its header still says who sent it and what it is."""
    head = _loose_header(xml)
    if head is None:
        return _unanswerable(None, codes)
    earlier = lookup.seen_message(head.sender, head.kind, head.identification)
    if earlier is not None:
        return earlier
    provider = lookup.provider(head.sender)
    municipality = lookup.municipality(provider, head.receiver) if provider is not None else None
    if provider is None or municipality is None:
        return _unanswerable(head, codes)
    text = xml.decode("utf-8", errors="replace") if isinstance(xml, bytes) else str(xml)
    return _store_and_answer(
        head,
        text.encode("utf-8"),
        Outcome(codes=tuple(codes)),
        provider=provider,
        municipality=municipality,
        lookup=lookup,
    )


def _loose_header(xml: bytes) -> f.Header | None:
    """Kind, law, sender, receiver and identification of a message that did not pass the codec, if they can be read."""
    from ..messages import xml_names

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(xml if isinstance(xml, bytes) else str(xml).encode(), parser)
    except (etree.XMLSyntaxError, ValueError):
        return None
    if root is None or root.getroottree().docinfo.doctype:
        return None
    law_kind = xml_names.NAMESPACES.get(etree.QName(root).namespace or "")
    if law_kind is None:
        return None
    values: dict[str, str] = {}
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        name = etree.QName(element).localname
        if name in {"Afzender", "Ontvanger", "Identificatie", "Dagtekening"} and name not in values:
            values[name] = (element.text or "").strip()
        if name == "Client":
            break
    try:
        dated_on = date.fromisoformat(values.get("Dagtekening", ""))
    except ValueError:
        dated_on = None
    if not all(values.get(name) for name in ("Afzender", "Ontvanger", "Identificatie")) or dated_on is None:
        return None
    if len(values["Identificatie"]) > 20 or len(values["Afzender"]) > 8 or len(values["Ontvanger"]) > 8:
        return None
    law, kind = law_kind
    return f.Header(
        kind=kind,
        law=law,
        sender=values["Afzender"],
        receiver=values["Ontvanger"],
        identification=values["Identificatie"],
        dated_on=min(dated_on, date.today()),
    )


def messages_receive_batch(files: Iterable[bytes], *, actor=None) -> Summary:
    """Many messages in one call (the exchange's inbox): one transaction per message, the lookups in bulk.

    Parsing comes first so the assignments, providers and earlier messages of the whole batch are read in a few
    queries; each message then costs only its own writes.
    """
    parsed: list[tuple[bytes, object]] = []
    for xml in files:
        try:
            parsed.append((xml, messaging.decode(xml)))
        except MessageRefused:
            parsed.append((xml, None))
    lookup = Lookup()
    lookup.prefetch(message for _, message in parsed if message is not None)
    summary = Summary()
    for xml, message_facts in parsed:
        summary.received += 1
        known_before = len(lookup.seen)
        try:
            with transaction.atomic():
                if message_facts is None:
                    message = _receive_xml(xml, actor=actor, lookup=lookup)
                else:
                    message = facts_receive(message_facts, xml=xml, actor=actor, lookup=lookup)
        except Exception:
            for number in _assignment_numbers(message_facts):
                lookup.forget(number)
            raise
        if message.pk is None:
            summary.unanswerable += 1
        elif len(lookup.seen) == known_before:
            summary.duplicates += 1
        elif message.status == MessageStatus.ACCEPTED:
            summary.accepted += 1
        else:
            summary.rejected += 1
        if message.pk is not None:
            summary.messages.append(message.pk)
    return summary
