"""The XSDs of the iWmo / iJw 3.2 messages, written to the published specification, and their validation.

The schema files in `schemas/` are generated from the structures below (`write_schemas()`; a test keeps files and
structures equal), one basisschema per law and one schema per message, in the standard's namespaces. They are a
compact rendering of the published XSDs: the standard's element names, order and cardinalities for what this
product exchanges; optional elements it never uses are left out; `schemas/README.md` lists where they differ.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from xml.sax.saxutils import quoteattr

from lxml import etree

from . import xml_names as names

SCHEMA_DIR = Path(__file__).resolve().parent / "schemas"

# An element: (name, type, occurs); type is a basisschema type or a list of elements (an anonymous sequence);
# occurs is "" (exactly once), "?" (optional), "+" (one or more)
Element = tuple[str, "str | list[Element]", str]

# The basisschema's simple types: (base type, facets)
SIMPLE_TYPES: dict[str, tuple[str, list[tuple[str, str]]]] = {
    "LDT_BerichtCode": ("string", [("pattern", "[0-9]{3}")]),
    "LDT_BerichtVersie": ("string", [("pattern", "[0-9]{1,2}")]),
    "LDT_BerichtSubversie": ("string", [("pattern", "[0-9]{1,2}")]),
    "LDT_Gemeente": ("string", [("pattern", "[0-9]{4}")]),
    "LDT_AgbCode": ("string", [("pattern", "[0-9]{8}")]),
    "LDT_GemeenteOfAgbCode": ("string", [("pattern", "[0-9]{4}|[0-9]{8}")]),
    "LDT_IdentificatieBericht": ("string", [("minLength", "1"), ("maxLength", "20")]),
    "LDT_Datum": ("date", [("pattern", "[0-9]{4}-[0-9]{2}-[0-9]{2}")]),
    "LDT_Tijd": ("time", [("pattern", "[0-9]{2}:[0-9]{2}:[0-9]{2}")]),
    "LDT_Versie": ("string", [("pattern", r"[0-9]{1,2}\.[0-9]{1,2}\.[0-9]{1,2}")]),
    "LDT_BurgerServicenummer": ("string", [("pattern", "[0-9]{9}")]),
    "LDT_DatumGebruik": ("string", [("enumeration", "1"), ("enumeration", "2"), ("enumeration", "3")]),
    "LDT_Geslacht": ("string", [("enumeration", code) for code in ("0", "1", "2", "9")]),
    "LDT_Achternaam": ("string", [("minLength", "1"), ("maxLength", "200")]),
    "LDT_Voorvoegsel": ("string", [("maxLength", "10")]),
    "LDT_Voorletters": ("string", [("minLength", "1"), ("maxLength", "6")]),
    "LDT_Voornamen": ("string", [("maxLength", "200")]),
    "LDT_NaamGebruik": ("string", [("enumeration", code) for code in ("1", "2", "3", "4")]),
    "LDT_AdresSoort": ("string", [("pattern", "[0-9]{2}")]),
    "LDT_Huisnummer": ("integer", [("minInclusive", "1"), ("maxInclusive", "99999")]),
    "LDT_Postcode": ("string", [("pattern", "[1-9][0-9]{3}[A-Z]{2}")]),
    "LDT_Nummer": ("string", [("minLength", "1"), ("maxLength", "20")]),
    "LDT_Referentie": ("string", [("minLength", "1"), ("maxLength", "20")]),
    "LDT_ProductCategorie": ("string", [("pattern", "[0-9A-Z]{2}")]),
    "LDT_ProductCode": ("string", [("pattern", "[0-9A-Z]{5}")]),
    "LDT_Volume": ("decimal", [("minInclusive", "0"), ("totalDigits", "10"), ("fractionDigits", "2")]),
    "LDT_Eenheid": ("string", [("pattern", "[0-9]{2}")]),
    "LDT_Frequentie": ("string", [("pattern", "[0-9]")]),
    "LDT_RedenWijziging": ("string", [("pattern", "[0-9]{2}")]),
    "LDT_RedenBeeindiging": ("string", [("pattern", "[0-9]{2}")]),
    "LDT_StatusAanlevering": ("string", [("enumeration", "1"), ("enumeration", "2"), ("enumeration", "3")]),
    "LDT_RedenVerzoek": ("string", [("pattern", "[0-9]{2}")]),
    "LDT_VerzoekAntwoord": ("string", [("enumeration", "1"), ("enumeration", "2")]),
    "LDT_RedenAfwijzingVerzoek": ("string", [("pattern", "[0-9]{2}")]),
    "LDT_CodeVerwijzer": ("string", [("pattern", "[0-9]{2}")]),
    "LDT_Commentaar": ("string", [("minLength", "1"), ("maxLength", "4000")]),
    "LDT_RetourCode": ("string", [("pattern", "[0-9A-Z]{4}")]),
    "LDT_IdentificatieDeclaratie": ("string", [("pattern", "[a-zA-Z0-9]{1,12}")]),
    "LDT_Bedrag": ("integer", [("minInclusive", "0"), ("totalDigits", "12")]),
    "LDT_DebetCredit": ("string", [("enumeration", "D"), ("enumeration", "C")]),
}

_NAME: list[Element] = [("Achternaam", "LDT_Achternaam", ""), ("Voorvoegsel", "LDT_Voorvoegsel", "?")]
_AMOUNT: list[Element] = [("Bedrag", "LDT_Bedrag", ""), ("DebetCredit", "LDT_DebetCredit", "")]
_PERIOD: list[Element] = [("Begindatum", "LDT_Datum", ""), ("Einddatum", "LDT_Datum", "")]

# The basisschema's complex types (CDT_...): their elements are in the basisschema's namespace
COMPLEX_TYPES: dict[str, list[Element]] = {
    "CDT_BerichtIdentificatie": [("Identificatie", "LDT_IdentificatieBericht", ""), ("Dagtekening", "LDT_Datum", "")],
    "CDT_XsdVersie": [("BasisschemaXsdVersie", "LDT_Versie", ""), ("BerichtXsdVersie", "LDT_Versie", "")],
    "CDT_Geboortedatum": [("Datum", "LDT_Datum", ""), ("DatumGebruik", "LDT_DatumGebruik", "?")],
    "CDT_Geslachtsnaam": _NAME,
    "CDT_VolledigeNaam": [
        ("Geslachtsnaam", "CDT_Geslachtsnaam", ""),
        ("Partnernaam", "CDT_Geslachtsnaam", "?"),
        ("Voornamen", "LDT_Voornamen", "?"),
        ("Voorletters", "LDT_Voorletters", "?"),
        ("NaamGebruik", "LDT_NaamGebruik", "?"),
    ],
    "CDT_VerkorteNaam": [("Geslachtsnaam", "CDT_Geslachtsnaam", ""), ("Voorletters", "LDT_Voorletters", "?")],
    "CDT_Huisnummer": [("Huisnummer", "LDT_Huisnummer", "")],
    "CDT_Adres": [("Huisnummer", "CDT_Huisnummer", "?"), ("Postcode", "LDT_Postcode", "?")],
    "CDT_Product": [("Categorie", "LDT_ProductCategorie", ""), ("Code", "LDT_ProductCode", "?")],
    "CDT_Omvang": [("Volume", "LDT_Volume", ""), ("Eenheid", "LDT_Eenheid", ""), ("Frequentie", "LDT_Frequentie", "")],
    "CDT_Verwijzer": [("Type", "LDT_CodeVerwijzer", "")],
    "CDT_GeslotenPeriode": _PERIOD,
    "CDT_Referentie": [("Nummer", "LDT_Referentie", "")],
    "CDT_BedragMetDC": _AMOUNT,
    "CDT_TotaalBedragMetDC": _AMOUNT,
}


def _header(sender: str, receiver: str) -> list[Element]:
    return [
        ("BerichtCode", "LDT_BerichtCode", ""),
        ("BerichtVersie", "LDT_BerichtVersie", ""),
        ("BerichtSubversie", "LDT_BerichtSubversie", ""),
        ("Afzender", sender, ""),
        ("Ontvanger", receiver, ""),
        ("BerichtIdentificatie", "CDT_BerichtIdentificatie", ""),
        ("XsdVersie", "CDT_XsdVersie", ""),
    ]


MUNICIPALITY_HEADER = _header("LDT_Gemeente", "LDT_AgbCode")
PROVIDER_HEADER = _header("LDT_AgbCode", "LDT_Gemeente")
RETOUR_CODES: Element = ("RetourCodes", [("RetourCode", "LDT_RetourCode", "+")], "")
RETOUR_HEADER = [
    *_header("LDT_GemeenteOfAgbCode", "LDT_GemeenteOfAgbCode"),
    ("IdentificatieRetour", "LDT_IdentificatieBericht", ""),
    ("DagtekeningRetour", "LDT_Datum", ""),
    ("XsdVersieRetour", "CDT_XsdVersie", ""),
    (RETOUR_CODES[0], RETOUR_CODES[1], "?"),
]

PERSON: list[Element] = [
    ("Bsn", "LDT_BurgerServicenummer", ""),
    ("Geboortedatum", "CDT_Geboortedatum", ""),
    ("Geslacht", "LDT_Geslacht", ""),
]
CONTACT_DETAILS: Element = (
    "Contactgegevens",
    [("Contact", [("Soort", "LDT_AdresSoort", ""), ("Adres", "CDT_Adres", "?")], "+")],
    "",
)

# Which records a retour answers, per retour kind: (container, record, the record's key)
RETOUR_RECORDS = {
    "302": ("ToegewezenProducten", "ToegewezenProduct", "ToewijzingNummer"),
    "306": ("StartProducten", "StartProduct", "ToewijzingNummer"),
    "308": ("StopProducten", "StopProduct", "ToewijzingNummer"),
    "316": ("AangevraagdeProducten", "AangevraagdProduct", "ReferentieAanbieder"),
    "318": ("Verzoeken", "Verzoek", "ReferentieAanbieder"),
    "320": ("Antwoorden", "Antwoord", "ReferentieAanbieder"),
}


def _retour(kind: str) -> list[Element]:
    container, record, key = RETOUR_RECORDS[kind]
    key_elements: list[Element] = [(key, "LDT_Nummer" if key == "ToewijzingNummer" else "LDT_Referentie", "")]
    if kind in {"306", "308"}:  # a start or stop is known by Bsn, ToewijzingNummer and Begindatum
        key_elements.append(("Begindatum", "LDT_Datum", "?"))
    return [
        ("Header", RETOUR_HEADER, ""),
        (container, [(record, [*key_elements, RETOUR_CODES], "+")], "?"),
    ]


STRUCTURES: dict[str, list[Element]] = {
    "301": [
        ("Header", MUNICIPALITY_HEADER, ""),
        (
            "Client",
            [
                *PERSON,
                ("Naam", "CDT_VolledigeNaam", ""),
                CONTACT_DETAILS,
                (
                    "ToegewezenProducten",
                    [
                        (
                            "ToegewezenProduct",
                            [
                                ("ToewijzingNummer", "LDT_Nummer", ""),
                                ("ReferentieAanbieder", "LDT_Referentie", "?"),
                                ("Product", "CDT_Product", "?"),
                                ("Toewijzingsdatum", "LDT_Datum", ""),
                                ("Toewijzingstijd", "LDT_Tijd", ""),
                                ("Ingangsdatum", "LDT_Datum", ""),
                                ("Einddatum", "LDT_Datum", "?"),
                                ("RedenWijziging", "LDT_RedenWijziging", "?"),
                                ("Omvang", "CDT_Omvang", "?"),
                            ],
                            "+",
                        )
                    ],
                    "",
                ),
            ],
            "",
        ),
    ],
    "305": [
        ("Header", PROVIDER_HEADER, ""),
        (
            "Client",
            [
                *PERSON,
                ("Naam", "CDT_VerkorteNaam", ""),
                (
                    "StartProducten",
                    [
                        (
                            "StartProduct",
                            [
                                ("ToewijzingNummer", "LDT_Nummer", ""),
                                ("Product", "CDT_Product", "?"),
                                ("ToewijzingIngangsdatum", "LDT_Datum", "?"),
                                ("Begindatum", "LDT_Datum", ""),
                                ("StatusAanlevering", "LDT_StatusAanlevering", ""),
                            ],
                            "+",
                        )
                    ],
                    "",
                ),
            ],
            "",
        ),
    ],
    "307": [
        ("Header", PROVIDER_HEADER, ""),
        (
            "Client",
            [
                *PERSON,
                ("Naam", "CDT_VerkorteNaam", ""),
                (
                    "StopProducten",
                    [
                        (
                            "StopProduct",
                            [
                                ("ToewijzingNummer", "LDT_Nummer", ""),
                                ("Product", "CDT_Product", "?"),
                                ("ToewijzingIngangsdatum", "LDT_Datum", "?"),
                                ("Begindatum", "LDT_Datum", ""),
                                ("RedenBeeindiging", "LDT_RedenBeeindiging", ""),
                                ("Einddatum", "LDT_Datum", ""),
                                ("StatusAanlevering", "LDT_StatusAanlevering", ""),
                            ],
                            "+",
                        )
                    ],
                    "",
                ),
            ],
            "",
        ),
    ],
    "315": [
        ("Header", PROVIDER_HEADER, ""),
        (
            "Client",
            [
                *PERSON,
                ("Naam", "CDT_VerkorteNaam", ""),
                (
                    "AangevraagdeProducten",
                    [
                        (
                            "AangevraagdProduct",
                            [
                                ("ReferentieAanbieder", "LDT_Referentie", ""),
                                ("Product", "CDT_Product", "?"),
                                ("ToewijzingIngangsdatum", "LDT_Datum", ""),
                                ("ToewijzingEinddatum", "LDT_Datum", "?"),
                                ("Omvang", "CDT_Omvang", "?"),
                                ("Verwijzer", "CDT_Verwijzer", ""),
                            ],
                            "+",
                        )
                    ],
                    "",
                ),
            ],
            "",
        ),
    ],
    "317": [
        ("Header", PROVIDER_HEADER, ""),
        (
            "Client",
            [
                *PERSON,  # Geboortedatum and Geslacht: addition, see README
                ("Naam", "CDT_VerkorteNaam", ""),  # addition, see README
                (
                    "Verzoek",
                    [
                        ("ReferentieAanbieder", "LDT_Referentie", ""),
                        ("RedenVerzoek", "LDT_RedenVerzoek", ""),
                        (
                            "TeWijzigenProducten",
                            [
                                (
                                    "TeWijzigenProduct",
                                    [
                                        ("ToewijzingNummer", "LDT_Nummer", ""),
                                        ("ReferentieAanbieder", "LDT_Referentie", "?"),  # addition
                                        ("Product", "CDT_Product", "?"),  # addition
                                        ("GewensteIngangsdatum", "LDT_Datum", ""),
                                        ("Einddatum", "LDT_Datum", "?"),
                                        ("Omvang", "CDT_Omvang", "?"),
                                    ],
                                    "+",
                                )
                            ],
                            "?",
                        ),
                        (
                            "NieuweProducten",
                            [
                                (
                                    "NieuwProduct",
                                    [
                                        ("ReferentieAanbieder", "LDT_Referentie", "?"),  # addition
                                        ("Product", "CDT_Product", "?"),
                                        ("GewensteIngangsdatum", "LDT_Datum", ""),
                                        ("Einddatum", "LDT_Datum", "?"),
                                        ("Omvang", "CDT_Omvang", "?"),
                                    ],
                                    "+",
                                )
                            ],
                            "?",
                        ),
                    ],
                    "",
                ),
            ],
            "",
        ),
    ],
    "319": [
        ("Header", MUNICIPALITY_HEADER, ""),
        ("Client", [*PERSON, ("Naam", "CDT_VerkorteNaam", "")], ""),  # addition, see README
        (
            "Antwoord",
            [
                ("ReferentieAanbieder", "LDT_Referentie", ""),
                ("VerzoekAntwoord", "LDT_VerzoekAntwoord", ""),
                ("RedenAfwijzingVerzoek", "LDT_RedenAfwijzingVerzoek", "?"),
                ("VerzoekIdentificatie", "CDT_BerichtIdentificatie", ""),  # addition, see README
            ],
            "",
        ),
    ],
    "323": [
        ("Header", PROVIDER_HEADER, ""),
        (
            "Declaratie",
            [
                ("DeclaratieNummer", "LDT_IdentificatieDeclaratie", ""),
                ("DeclaratiePeriode", "CDT_GeslotenPeriode", ""),
                ("DeclaratieDagtekening", "LDT_Datum", ""),
                ("TotaalIngediendBedrag", "CDT_TotaalBedragMetDC", ""),
                (
                    "Clienten",
                    [
                        (
                            "Client",
                            [
                                ("Bsn", "LDT_BurgerServicenummer", ""),
                                (
                                    "Prestaties",
                                    [
                                        (
                                            "Prestatie",
                                            [
                                                ("ProductReferentie", "CDT_Referentie", ""),
                                                ("ToewijzingNummer", "LDT_Nummer", ""),
                                                ("ProductCategorie", "LDT_ProductCategorie", ""),
                                                ("ProductCode", "LDT_ProductCode", ""),
                                                ("ProductPeriode", "CDT_GeslotenPeriode", ""),
                                                ("GeleverdVolume", "LDT_Volume", ""),
                                                ("Eenheid", "LDT_Eenheid", ""),
                                                ("ProductTarief", "LDT_Bedrag", "?"),
                                                ("IngediendBedrag", "CDT_BedragMetDC", ""),
                                            ],
                                            "+",
                                        )
                                    ],
                                    "",
                                ),
                            ],
                            "+",
                        )
                    ],
                    "",
                ),
            ],
            "",
        ),
    ],
    "325": [
        ("Header", MUNICIPALITY_HEADER, ""),
        (
            "DeclaratieAntwoord",
            [
                ("DeclaratieNummer", "LDT_IdentificatieDeclaratie", ""),
                ("TotaalIngediendBedrag", "CDT_TotaalBedragMetDC", ""),
                ("TotaalToegekendBedrag", "CDT_TotaalBedragMetDC", ""),
                (
                    "Prestaties",
                    [
                        (
                            "Prestatie",
                            [
                                ("ProductReferentie", "CDT_Referentie", ""),
                                ("ToegekendBedrag", "CDT_BedragMetDC", ""),
                                (RETOUR_CODES[0], RETOUR_CODES[1], "?"),
                            ],
                            "+",
                        )
                    ],
                    "?",
                ),
            ],
            "",
        ),
    ],
    **{kind: _retour(kind) for kind in RETOUR_RECORDS},
}

OCCURS = {"": "", "?": ' minOccurs="0"', "+": ' maxOccurs="unbounded"'}


def _elements(elements: list[Element], depth: int, prefix: str = "base:") -> list[str]:
    pad = "  " * depth
    lines = []
    for name, kind, occurs in elements:
        if isinstance(kind, str):
            lines.append(f'{pad}<xs:element name="{name}" type="{prefix}{kind}"{OCCURS[occurs]}/>')
        else:
            lines.append(f'{pad}<xs:element name="{name}"{OCCURS[occurs]}>')
            lines.append(f"{pad}  <xs:complexType>")
            lines.append(f"{pad}    <xs:sequence>")
            lines.extend(_elements(kind, depth + 3, prefix))
            lines.append(f"{pad}    </xs:sequence>")
            lines.append(f"{pad}  </xs:complexType>")
            lines.append(f"{pad}</xs:element>")
    return lines


def message_xsd(law: str, kind: str) -> str:
    """The schema of one message: root element Bericht in the message's namespace, types from the basisschema."""
    ns = names.message_namespace(law, kind)
    base = names.base_namespace(law)
    title = f"{names.message_name(law, kind).upper()} release 3.2, XsdVersie {names.XSD_VERSION}"
    head = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:base={quoteattr(base)} '
        f'targetNamespace={quoteattr(ns)} elementFormDefault="qualified">',
        f"  <xs:annotation><xs:documentation>{title}: geschreven naar de gepubliceerde specificatie (compact)."
        "</xs:documentation></xs:annotation>",
        f'  <xs:import namespace={quoteattr(base)} schemaLocation="basisschema.xsd"/>',
    ]
    body = _elements([("Bericht", STRUCTURES[kind], "")], 1)
    return "\n".join([*head, *body, "</xs:schema>", ""])


def basisschema_xsd(law: str) -> str:
    """The types every message of a law shares, in the basisschema's namespace."""
    ns = quoteattr(names.base_namespace(law))
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns={ns} targetNamespace={ns} '
        'elementFormDefault="qualified">',
        f"  <xs:annotation><xs:documentation>Basisschema {names.STANDARD[law]} release 3.2, XsdVersie "
        f"{names.XSD_VERSION}: geschreven naar de gepubliceerde specificatie (compact)."
        "</xs:documentation></xs:annotation>",
    ]
    for name, (base, facets) in SIMPLE_TYPES.items():
        lines.append(f'  <xs:simpleType name="{name}">')
        lines.append(f'    <xs:restriction base="xs:{base}">')
        lines.extend(f"      <xs:{facet} value={quoteattr(value)}/>" for facet, value in facets)
        lines.append("    </xs:restriction>")
        lines.append("  </xs:simpleType>")
    for name, elements in COMPLEX_TYPES.items():
        lines.append(f'  <xs:complexType name="{name}">')
        lines.append("    <xs:sequence>")
        lines.extend(_elements(elements, 3, prefix=""))
        lines.append("    </xs:sequence>")
        lines.append("  </xs:complexType>")
    return "\n".join([*lines, "</xs:schema>", ""])


def schema_files() -> dict[Path, str]:
    """Every schema file and its text: schemas/iwmo/basisschema.xsd, schemas/iwmo/wmo301.xsd, ... and the iJw ones."""
    files = {}
    for law in names.LAWS:
        folder = SCHEMA_DIR / names.STANDARD[law]
        files[folder / "basisschema.xsd"] = basisschema_xsd(law)
        for kind in names.KINDS:
            files[folder / f"{names.message_name(law, kind)}.xsd"] = message_xsd(law, kind)
    return files


def write_schemas() -> None:
    """Regenerate the schema files after a change to the structures above."""
    for path, text in schema_files().items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


@cache
def schema(law: str, kind: str) -> etree.XMLSchema:
    """The compiled schema of a message, read from its file (trusted: it ships with the product)."""
    path = SCHEMA_DIR / names.STANDARD[law] / f"{names.message_name(law, kind)}.xsd"
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    return etree.XMLSchema(etree.parse(str(path), parser))
