"""The retour codes (WJ001 "Retourcode", iWmo 3.2 / iJw 3.2) this product answers with, and the rules behind them.

WJ001 has no code of its own for a message that breaks the schema or a constraint of a data element (a BSN that
fails the 11-check, a code outside its list, an end before its start): such a message is refused as a whole with
0001 "Bericht is afgekeurd om technische redenen". `RULES` names which rule it broke, so the refusal can say why
(`MessageRefused.detail`) without a code the standard does not have.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

TECHNICAL = "0001"
NO_REMARK = "0200"
NOT_ASSESSED = "0233"
DATED_IN_FUTURE = "8848"
NOT_UNIQUE = "9056"

# WJ001: the codes used here, with the standard's Dutch meaning
CODES = {
    "0001": _("Bericht is afgekeurd om technische redenen."),
    "0200": _("Geen opmerking over deze berichtklasse."),
    "0233": _("Berichtklasse is niet beoordeeld."),
    "0611": _("Het ingediende tarief komt niet overeen met het contractuele tarief."),
    "8001": _("Declaratie is volledig toegewezen."),
    "8848": _("Dagtekening moet gelijk zijn aan of voor de systeemdatum liggen."),
    "9019": _("Het regiebericht kan niet gekoppeld worden aan een toewijzing."),
    "9056": _("Identificatie moet uniek zijn."),
    "9069": _("Er is geen actueel startbericht met dezelfde sleutel."),
    "9074": _("Er is al een eerder bericht ontvangen met dezelfde sleutel."),
    "9307": _("Begindatum prestatie ligt niet tussen de ingangsdatum en einddatum toewijzing."),
    "9308": _("Einddatum prestatie ligt niet tussen de ingangsdatum en einddatum toewijzing."),
    "9321": _("Het ingediende volume overschrijdt het toegewezen volume."),
    "9333": _("Declaratienummer is niet uniek."),
    "9338": _("Niet iedere prestatie is gerelateerd aan een toegewezen product op basis van het toewijzingnummer."),
    "9339": _("ProductCategorie in de prestatie is niet gelijk aan ProductCategorie in het ToegewezenProduct."),
    "9340": _("ProductCode in de prestatie is niet gelijk aan ProductCode in het ToegewezenProduct."),
    "9341": _("Eenheid in de prestatie past niet bij Eenheid in het ToegewezenProduct."),
    "9346": _("IngediendBedrag is niet gelijk aan GeleverdVolume vermenigvuldigd met ProductTarief."),
    "9347": _("ReferentieAanbieder is niet uniek voor de aanbieder binnen het wettelijk domein."),
    "9351": _("TeWijzigenProduct is niet gerelateerd aan een actuele toewijzing op basis van ToewijzingNummer."),
    "9355": _("ReferentieAanbieder komt niet voor in een eerder verzoek om toewijzing of verzoek om wijziging."),
    "9374": _("Er is al een verzoek onderhanden."),
}


class Rule:
    """Why a message was refused: the rule it broke (MessageRefused.detail)."""

    TOO_LARGE = "bericht-te-groot"
    NOT_XML = "geen-xml"
    DOCTYPE = "doctype-niet-toegestaan"
    UNKNOWN_MESSAGE = "bericht-onbekend"
    SCHEMA = "schema"
    MESSAGE_CODE = "berichtcode"
    VERSION = "berichtversie"
    DATED_IN_FUTURE = "dagtekening-in-toekomst"
    BSN = "bsn-elfproef"
    DATE_ORDER = "datumvolgorde"
    UNIT = "eenheid"
    FREQUENCY = "frequentie"
    SEVERAL_RECORDS = "meer-dan-een-product"


# The rule -> the retour code it is answered with, and what it means in Dutch
RULES = {
    Rule.TOO_LARGE: (TECHNICAL, _("Het bericht is groter dan toegestaan.")),
    Rule.NOT_XML: (TECHNICAL, _("Het bericht is geen (goedgevormde) XML.")),
    Rule.DOCTYPE: (TECHNICAL, _("Het bericht bevat een DTD of entiteiten; dat is niet toegestaan.")),
    Rule.UNKNOWN_MESSAGE: (TECHNICAL, _("Het bericht is geen iWmo- of iJw-bericht van release 3.2.")),
    Rule.SCHEMA: (TECHNICAL, _("Het bericht voldoet niet aan de XSD.")),
    Rule.MESSAGE_CODE: (TECHNICAL, _("De BerichtCode is onbekend of hoort niet bij dit bericht.")),
    Rule.VERSION: (TECHNICAL, _("BerichtVersie of BerichtSubversie is niet die van release 3.2.")),
    Rule.DATED_IN_FUTURE: (DATED_IN_FUTURE, CODES[DATED_IN_FUTURE]),
    Rule.BSN: (TECHNICAL, _("Het BSN voldoet niet aan de elfproef.")),
    Rule.DATE_ORDER: (TECHNICAL, _("Een einddatum ligt voor de bijbehorende begindatum.")),
    Rule.UNIT: (TECHNICAL, _("De eenheid komt niet voor in de codelijst WJ756.")),
    Rule.FREQUENCY: (TECHNICAL, _("De frequentie komt niet voor in de codelijst WJ757.")),
    Rule.SEVERAL_RECORDS: (TECHNICAL, _("Dit product verwerkt één StartProduct of StopProduct per bericht.")),
}


def meaning(code: str) -> str:
    """The Dutch meaning of a retour code, or the code itself when it is not in the list used here."""
    return str(CODES.get(code, code))
