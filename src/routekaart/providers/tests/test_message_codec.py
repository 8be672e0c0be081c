"""The iWmo / iJw 3.2 codec: every message kind round-trips, passes its XSD, and a malformed one is refused right."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from ..messages import codec, xml_names, xsd
from ..messages import facts as f
from ..messages.errors import MessageRefused
from ..messages.retour_codes import CODES, RULES, Rule, meaning
from ..standard import FREQUENCIES, UNITS

TODAY = date(2026, 1, 1)  # upper bound of the drawn dagtekeningen: never after the day the tests run
LAWS = xml_names.LAWS

# --- strategies ----------------------------------------------------------------------------------------------------


def _with_check_digit(eight: int) -> str | None:
    digits = f"{eight:08d}"
    check = sum(int(d) * w for d, w in zip(digits, (9, 8, 7, 6, 5, 4, 3, 2), strict=True)) % 11
    return None if check == 10 else f"{digits}{check}"


bsns = st.integers(10_000_000, 99_999_999).map(_with_check_digit).filter(bool)
days = st.dates(date(2015, 1, 1), date(2030, 12, 31))
past_days = st.dates(date(2020, 1, 1), TODAY)
identifications = st.from_regex(r"[A-Za-z0-9]{1,20}", fullmatch=True)
references = st.from_regex(r"[A-Za-z0-9-]{1,20}", fullmatch=True)
categories = st.sampled_from(["01", "02", "10", "43", "54"])
product_codes = st.from_regex(r"[0-9A-Z]{5}", fullmatch=True)
reasons = st.from_regex(r"[0-9]{2}", fullmatch=True)
surnames = st.from_regex(r"[A-Za-zéëïö][A-Za-zéëïö' -]{0,30}[A-Za-zéëïö]", fullmatch=True)
amounts = st.decimals(min_value=-99_999, max_value=99_999, places=2)
positive_amounts = st.decimals(min_value=0, max_value=99_999, places=2)
retour_code_lists = st.lists(st.sampled_from(sorted(CODES)), min_size=1, max_size=3).map(tuple)


def periods(ends=True):
    """(start, end) with the end never before the start; the end may be left open."""
    end = st.one_of(st.none(), st.integers(0, 800)) if not ends else st.integers(0, 800)
    return st.tuples(days, end).map(lambda p: (p[0], None if p[1] is None else p[0] + timedelta(days=p[1])))


def moments():
    """A moment of assignment, in local time away from the hour a DST change repeats (the standard has no offset)."""
    local = st.builds(datetime.combine, past_days, st.times(time(6), time(22)).map(lambda t: t.replace(microsecond=0)))
    return local.map(timezone.make_aware)


volumes = st.one_of(
    st.none(),
    st.builds(
        f.Volume,
        amount=positive_amounts,
        unit=st.sampled_from(sorted(UNITS)),
        frequency=st.sampled_from(sorted(FREQUENCIES)),
    ),
)


def clients(with_address: bool = False):
    return st.builds(
        f.Client,
        bsn=bsns,
        birth_date=st.dates(date(1920, 1, 1), date(2020, 1, 1)),
        gender=st.sampled_from(["0", "1", "2", "9"]),
        surname=surnames,
        initials=st.from_regex(r"[A-Z]{0,6}", fullmatch=True),
        postcode=st.from_regex(r"[1-9][0-9]{3}[A-Z]{2}", fullmatch=True) if with_address else st.just(""),
        house_number=st.one_of(st.none(), st.integers(1, 99_999)) if with_address else st.none(),
    )


def headers(kind: str, law: str):
    municipality = st.from_regex(r"[0-9]{4}", fullmatch=True)
    provider = st.from_regex(r"[0-9]{8}", fullmatch=True)
    if kind in xml_names.FROM_MUNICIPALITY:
        sender, receiver = municipality, provider
    elif kind in xml_names.FROM_PROVIDER:
        sender, receiver = provider, municipality
    else:
        sender, receiver = st.one_of(municipality, provider), st.one_of(municipality, provider)
    return st.builds(
        f.Header,
        kind=st.just(kind),
        law=st.just(law),
        sender=sender,
        receiver=receiver,
        identification=identifications,
        dated_on=past_days,
    )


def assigned_products():
    return st.builds(
        lambda number, category, code, period, volume, at, change, ref: f.AssignedProduct(
            number=number,
            category=category,
            code=code,
            starts_on=period[0],
            ends_on=period[1],
            volume=volume,
            assigned_at=at,
            change_reason=change,
            provider_reference=ref,
        ),
        identifications,
        categories,
        st.one_of(st.just(""), product_codes),
        periods(ends=False),
        volumes,
        moments(),
        st.one_of(st.just(""), reasons),
        st.one_of(st.just(""), references),
    )


def requested_products(changes: bool):
    return st.builds(
        lambda reference, category, code, period, volume, number: f.RequestedProduct(
            reference=reference,
            category=category,
            code=code,
            starts_on=period[0],
            ends_on=period[1],
            volume=volume,
            assignment_number=number,
        ),
        references,
        categories,
        product_codes,
        periods(ends=False),
        volumes,
        identifications if changes else st.just(""),
    )


def declared_lines():
    return st.builds(
        lambda reference, bsn, number, category, code, period, volume, unit, tariff, amount: f.DeclaredLine(
            reference=reference,
            bsn=bsn,
            assignment_number=number,
            category=category,
            code=code,
            starts_on=period[0],
            ends_on=period[1],
            volume=volume,
            unit=unit,
            tariff=tariff,
            amount=amount,
        ),
        references,
        bsns,
        identifications,
        categories,
        product_codes,
        periods(),
        positive_amounts,
        st.sampled_from(sorted(UNITS)),
        positive_amounts,
        amounts,
    )


def retour_records(kind: str):
    if kind in {"306", "308"}:
        keys = st.one_of(st.builds(codec.record_key, identifications, days), identifications)
    elif kind == "302":
        keys = identifications
    else:
        keys = references
    return st.dictionaries(keys, retour_code_lists, max_size=3)


def messages(kind: str, law: str):
    head = headers(kind, law)
    if kind == "301":
        return st.builds(
            f.Assignment301,
            header=head,
            client=clients(with_address=True),
            products=st.lists(assigned_products(), min_size=1, max_size=3).map(tuple),
        )
    if kind in {"305", "307"}:

        def start_or_stop(header, client, number, category, code, period, reason):
            starts_on, ends_on = period
            common = dict(
                header=header,
                client=client,
                reference=codec.record_key(number, starts_on),
                assignment_number=number,
                category=category,
                code=code,
                starts_on=starts_on,
            )
            if kind == "305":
                return f.Start305(**common)
            return f.Stop307(**common, ends_on=ends_on, reason=reason)

        return st.builds(start_or_stop, head, clients(), identifications, categories, product_codes, periods(), reasons)
    if kind == "315":
        return st.builds(
            f.Request315,
            header=head,
            client=clients(),
            products=st.lists(requested_products(False), min_size=1, max_size=3).map(tuple),
        )
    if kind == "317":
        # the 317 writes the products to change before the new ones (TeWijzigenProducten, NieuweProducten)
        products = st.tuples(
            st.lists(requested_products(True), max_size=2), st.lists(requested_products(False), max_size=2)
        ).map(lambda pair: tuple(pair[0] + pair[1]))
        return st.builds(f.Request317, header=head, client=clients(), products=products.filter(bool))
    if kind == "319":
        return st.builds(
            f.Answer319,
            header=head,
            client=clients(),
            request_identification=identifications,
            request_dated_on=past_days,
            reference=references,
            granted=st.booleans(),
            reason=st.one_of(st.just(""), reasons),
        )
    if kind == "323":
        return st.builds(
            lambda header, number, period, total, lines: f.Declaration323(
                header=header, number=number, period_start=period[0], period_end=period[1], total=total, lines=lines
            ),
            head,
            st.from_regex(r"[a-zA-Z0-9]{1,12}", fullmatch=True),
            periods(),
            amounts,
            st.lists(declared_lines(), min_size=1, max_size=4).map(tuple),
        )
    if kind == "325":
        return st.builds(
            f.DeclarationAnswer325,
            header=head,
            declaration_number=st.from_regex(r"[a-zA-Z0-9]{1,12}", fullmatch=True),
            total_approved=amounts,
            total_rejected=amounts,
            lines=st.lists(
                st.builds(
                    f.AnsweredLine,
                    reference=references,
                    approved_amount=amounts,
                    retour_codes=st.one_of(st.just(()), retour_code_lists),
                ),
                max_size=3,
            ).map(tuple),
        )
    return st.builds(
        f.Retour,
        header=head,
        answers_identification=identifications,
        answers_dated_on=past_days,
        codes=st.one_of(st.just(()), retour_code_lists),
        records=retour_records(kind),
    )


def as_written(message):
    """The facts as the XML orders them: a declaration's lines grouped per client (Clienten/Client/Prestaties)."""
    if isinstance(message, f.Declaration323):
        grouped: dict[str, list] = {}
        for line in message.lines:
            grouped.setdefault(line.bsn, []).append(line)
        return replace(message, lines=tuple(line for lines in grouped.values() for line in lines))
    return message


# --- round trip ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("law", LAWS)
@pytest.mark.parametrize("kind", xml_names.KINDS)
@settings(max_examples=20, deadline=None)
@given(data=st.data())
def test_every_message_kind_round_trips_through_its_xml_and_passes_its_schema(kind, law, data):
    message = data.draw(messages(kind, law))

    xml = codec.build(message)

    root = etree.fromstring(xml)
    assert etree.QName(root).namespace == xml_names.message_namespace(law, kind)
    assert xsd.schema(law, kind).validate(root), xsd.schema(law, kind).error_log
    ns = xml_names.message_namespace(law, kind)
    assert root.findtext(f"{{{ns}}}Header/{{{ns}}}BerichtCode") == xml_names.MESSAGE_CODES[law][kind]
    assert codec.parse(xml) == as_written(message)


def test_the_header_carries_the_standards_names_codes_and_versions():
    message = _assignment("W")

    root = etree.fromstring(codec.build(message))

    ns = {
        "m": "http://www.istandaarden.nl/iwmo/3_2/wmo301/schema",
        "b": "http://www.istandaarden.nl/iwmo/3_2/basisschema/schema",
    }
    assert etree.QName(root).localname == "Bericht"
    assert root.xpath("m:Header/m:BerichtCode/text()", namespaces=ns) == ["414"]
    assert root.xpath("m:Header/m:BerichtVersie/text()", namespaces=ns) == ["3"]
    assert root.xpath("m:Header/m:BerichtSubversie/text()", namespaces=ns) == ["2"]
    assert root.xpath("m:Header/m:BerichtIdentificatie/b:Identificatie/text()", namespaces=ns) == ["000000000001"]
    assert root.xpath(
        "m:Client/m:ToegewezenProducten/m:ToegewezenProduct/m:Omvang/b:Eenheid/text()", namespaces=ns
    ) == ["04"]


def test_an_ijw_message_has_the_ijw_namespace_and_berichtcode():
    root = etree.fromstring(codec.build(_assignment("J")))

    assert etree.QName(root).namespace == "http://www.istandaarden.nl/ijw/3_2/jw301/schema"
    assert (
        root.findtext(
            "{http://www.istandaarden.nl/ijw/3_2/jw301/schema}Header/{http://www.istandaarden.nl/ijw/3_2/jw301/schema}BerichtCode"
        )
        == "436"
    )


def test_the_schema_files_are_the_ones_the_structures_describe():
    for path, text in xsd.schema_files().items():
        assert path.read_text(encoding="utf-8") == text, f"{path.name} is out of date: run xsd.write_schemas()"


def test_building_facts_the_schema_would_refuse_is_an_error_that_names_no_value():
    message = _assignment("W", bsn="12345")

    with pytest.raises(ValueError) as refused:
        codec.build(message)

    assert "12345" not in str(refused.value)


# --- refusals ------------------------------------------------------------------------------------------------------

VALID_BSN = "111222333"


def _assignment(
    law: str,
    *,
    bsn: str = VALID_BSN,
    dated_on: date = date(2025, 6, 1),
    starts_on=date(2025, 7, 1),
    ends_on=None,
    unit="04",
    frequency="2",
):
    return f.Assignment301(
        header=f.Header(
            kind="301", law=law, sender="0363", receiver="12345678", identification="000000000001", dated_on=dated_on
        ),
        client=f.Client(
            bsn=bsn,
            birth_date=date(1980, 1, 2),
            gender="2",
            surname="Jansen",
            initials="A",
            postcode="1234AB",
            house_number=12,
        ),
        products=(
            f.AssignedProduct(
                number="T1",
                category="01",
                code="01A01",
                starts_on=starts_on,
                ends_on=ends_on,
                volume=f.Volume(Decimal("2"), unit, frequency),
                assigned_at=timezone.make_aware(datetime(2025, 6, 1, 10, 30)),
            ),
        ),
    )


def _refusal(xml: bytes) -> MessageRefused:
    with pytest.raises(MessageRefused) as refused:
        codec.parse(xml)
    return refused.value


@pytest.mark.parametrize("law", LAWS)
def test_a_bsn_that_fails_the_eleven_check_is_refused_technically(law):
    xml = codec.build(_assignment(law)).replace(b"<Bsn>111222333</Bsn>", b"<Bsn>123456789</Bsn>")

    refused = _refusal(xml)

    assert refused.codes == ("0001",)
    assert refused.detail == Rule.BSN
    assert "123456789" not in str(refused)
    assert str(RULES[Rule.BSN][1]) == "Het BSN voldoet niet aan de elfproef."


@pytest.mark.parametrize("code", [b"999", b"436", b"415"])
def test_an_unknown_or_foreign_berichtcode_is_refused(code):
    xml = codec.build(_assignment("W")).replace(
        b"<BerichtCode>414</BerichtCode>", b"<BerichtCode>" + code + b"</BerichtCode>"
    )

    refused = _refusal(xml)

    assert (refused.codes, refused.detail) == (("0001",), Rule.MESSAGE_CODE)


def test_another_release_is_refused():
    xml = codec.build(_assignment("W")).replace(b"<BerichtSubversie>2<", b"<BerichtSubversie>1<")

    assert _refusal(xml).detail == Rule.VERSION


def test_a_dagtekening_after_today_is_refused_with_8848():
    tomorrow = timezone.localdate() + timedelta(days=1)

    refused = _refusal(codec.build(_assignment("J", dated_on=tomorrow)))

    assert refused.codes == ("8848",)
    assert meaning("8848") == "Dagtekening moet gelijk zijn aan of voor de systeemdatum liggen."


def test_a_dagtekening_of_today_is_taken():
    assert (
        codec.parse(codec.build(_assignment("W", dated_on=timezone.localdate()))).header.dated_on
        == timezone.localdate()
    )


def test_an_end_before_its_start_is_refused():
    xml = codec.build(_assignment("W", starts_on=date(2025, 7, 1), ends_on=date(2025, 6, 30)))

    refused = _refusal(xml)

    assert (refused.codes, refused.detail) == (("0001",), Rule.DATE_ORDER)


def test_a_stop_before_its_start_is_refused():
    stop = f.Stop307(
        header=f.Header(
            kind="307", law="J", sender="12345678", receiver="0363", identification="S1", dated_on=date(2025, 6, 1)
        ),
        client=f.Client(bsn=VALID_BSN, birth_date=date(2010, 1, 1), gender="1", surname="Bakker"),
        reference="x",
        assignment_number="T1",
        category="45",
        code="45A12",
        starts_on=date(2025, 3, 1),
        ends_on=date(2025, 2, 1),
        reason="02",
    )

    assert _refusal(codec.build(stop)).detail == Rule.DATE_ORDER


def test_a_unit_outside_wj756_is_refused():
    refused = _refusal(codec.build(_assignment("W", unit="99")))

    assert (refused.codes, refused.detail) == (("0001",), Rule.UNIT)


def test_a_frequency_outside_wj757_is_refused():
    assert _refusal(codec.build(_assignment("W", frequency="7"))).detail == Rule.FREQUENCY


def test_a_declared_unit_outside_wj756_is_refused():
    line = f.DeclaredLine(
        reference="R1",
        bsn=VALID_BSN,
        assignment_number="T1",
        category="01",
        code="01A01",
        starts_on=date(2025, 5, 1),
        ends_on=date(2025, 5, 31),
        volume=Decimal("3"),
        unit="55",
        tariff=Decimal("10.00"),
        amount=Decimal("30.00"),
    )
    declaration = f.Declaration323(
        header=f.Header(
            kind="323", law="W", sender="12345678", receiver="0363", identification="D1", dated_on=date(2025, 6, 1)
        ),
        number="D2025051",
        period_start=date(2025, 5, 1),
        period_end=date(2025, 5, 31),
        total=Decimal("30.00"),
        lines=(line,),
    )

    assert _refusal(codec.build(declaration)).detail == Rule.UNIT


@pytest.mark.parametrize("xml", [b"", b"not xml at all", b"<Bericht>", b"\xff\xfe<x/>", b"<a></b>"])
def test_what_is_not_xml_is_refused(xml):
    refused = _refusal(xml)

    assert (refused.codes, refused.detail) == (("0001",), Rule.NOT_XML)
    assert meaning("0001") == "Bericht is afgekeurd om technische redenen."


XXE = b"""<?xml version="1.0"?>
<!DOCTYPE Bericht [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<Bericht xmlns="http://www.istandaarden.nl/iwmo/3_2/wmo301/schema">&xxe;</Bericht>"""

LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<lolz>&lol2;</lolz>"""


@pytest.mark.parametrize(
    "xml",
    [
        XXE,
        LAUGHS,
        XXE.replace(b'<?xml version="1.0"?>', b'<?xml version="1.0" encoding="UTF-16"?>').decode().encode("utf-16"),
    ],
)
def test_a_dtd_or_entity_is_refused_and_never_resolved(xml):
    refused = _refusal(xml)

    assert refused.codes == ("0001",)
    assert refused.detail in {Rule.DOCTYPE, Rule.NOT_XML}
    assert "root:" not in str(refused)


def test_a_dtd_is_refused_before_the_parser_sees_it():
    assert _refusal(XXE).detail == Rule.DOCTYPE


@pytest.mark.parametrize(
    "xml",
    [
        b"<Bericht/>",
        "<Bericht/>".encode("utf-16"),
        b'<Bericht xmlns="http://www.istandaarden.nl/iwmo/3_1/wmo301/schema"/>',
        b'<Other xmlns="http://www.istandaarden.nl/iwmo/3_2/wmo301/schema"/>',
    ],
)
def test_a_root_that_is_no_32_message_is_refused(xml):
    assert _refusal(xml).detail == Rule.UNKNOWN_MESSAGE


def test_a_message_that_breaks_its_schema_is_refused():
    xml = codec.build(_assignment("W")).replace(b"<Bsn>111222333</Bsn>", b"")

    refused = _refusal(xml)

    assert (refused.codes, refused.detail) == (("0001",), Rule.SCHEMA)


def test_a_message_over_the_size_cap_is_refused_unread():
    assert _refusal(b"<" + b" " * codec.MAX_BYTES).detail == Rule.TOO_LARGE


def test_a_start_with_two_products_is_refused_not_half_read():
    start = f.Start305(
        header=f.Header(
            kind="305", law="W", sender="12345678", receiver="0363", identification="S1", dated_on=date(2025, 6, 1)
        ),
        client=f.Client(bsn=VALID_BSN, birth_date=date(1950, 1, 1), gender="2", surname="Smit"),
        reference="x",
        assignment_number="T1",
        category="01",
        code="01A01",
        starts_on=date(2025, 3, 1),
    )
    xml = codec.build(start)
    product = xml[xml.index(b"<StartProduct>") : xml.index(b"</StartProduct>") + len(b"</StartProduct>")]

    assert _refusal(xml.replace(product, product + product)).detail == Rule.SEVERAL_RECORDS


def test_a_start_is_known_by_its_assignment_number_and_start_date():
    start = f.Start305(
        header=f.Header(
            kind="305", law="J", sender="12345678", receiver="0363", identification="S1", dated_on=date(2025, 6, 1)
        ),
        client=f.Client(bsn=VALID_BSN, birth_date=date(2012, 1, 1), gender="1", surname="Smit"),
        reference="provider-own-ref",
        assignment_number="T7",
        category="45",
        code="45A12",
        starts_on=date(2025, 3, 1),
    )

    assert codec.parse(codec.build(start)).reference == codec.record_key("T7", date(2025, 3, 1)) == "T7:2025-03-01"
