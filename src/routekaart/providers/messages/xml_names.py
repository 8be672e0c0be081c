"""Names the iWmo / iJw 3.2 messages are known by: namespaces, BerichtCodes, versions.

Written from the published information model (informatiemodel.istandaarden.nl, release iWmo 3.2 / iJw 3.2) and
the Vektis code list COD002 "Berichtcode". One table, so the builder, the parser and the schemas agree.
"""

from __future__ import annotations

LAWS = ("W", "J")
STANDARD = {"W": "iwmo", "J": "ijw"}
PREFIX = {"W": "wmo", "J": "jw"}  # the message's own name: wmo301, jw301

# COD002-VEKT Berichtcode, per law and message kind
MESSAGE_CODES: dict[str, dict[str, str]] = {
    "W": {
        "301": "414",
        "302": "415",
        "305": "418",
        "306": "419",
        "307": "420",
        "308": "421",
        "315": "444",
        "316": "445",
        "317": "480",
        "318": "481",
        "319": "482",
        "320": "483",
        "323": "484",
        "325": "485",
    },
    "J": {
        "301": "436",
        "302": "437",
        "305": "438",
        "306": "439",
        "307": "440",
        "308": "441",
        "315": "446",
        "316": "447",
        "317": "486",
        "318": "487",
        "319": "488",
        "320": "489",
        "323": "490",
        "325": "491",
    },
}

KINDS = tuple(MESSAGE_CODES["W"])
RETOUR_KINDS = ("302", "306", "308", "316", "318", "320")

# BerichtVersie / BerichtSubversie of release 3.2; XsdVersie of the schemas in schemas/
MESSAGE_VERSION = "3"
MESSAGE_SUBVERSION = "2"
XSD_VERSION = "1.0.0"

# Who sends a message that is not a retour: the municipality (gemeentecode) or the provider (AGB code)
FROM_MUNICIPALITY = {"301", "319", "325"}
FROM_PROVIDER = {"305", "307", "315", "317", "323"}


def base_namespace(law: str) -> str:
    """The basisschema's namespace, e.g. http://www.istandaarden.nl/iwmo/3_2/basisschema/schema."""
    return f"http://www.istandaarden.nl/{STANDARD[law]}/3_2/basisschema/schema"


def message_namespace(law: str, kind: str) -> str:
    """A message's namespace, e.g. http://www.istandaarden.nl/iwmo/3_2/wmo301/schema."""
    return f"http://www.istandaarden.nl/{STANDARD[law]}/3_2/{PREFIX[law]}{kind}/schema"


def message_name(law: str, kind: str) -> str:
    """wmo301, jw305: the name of the message and of its schema file."""
    return f"{PREFIX[law]}{kind}"


NAMESPACES = {message_namespace(law, kind): (law, kind) for law in LAWS for kind in KINDS}
