"""Code lists of the iStandaarden (iWmo 3.2 / iJw 3.2) that the models and messages share.

Written from the published information model (informatiemodel.istandaarden.nl); the messages lane keeps them.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# WJ756 Eenheid
UNITS = {
    "01": _("minuut"),
    "04": _("uur"),
    "14": _("etmaal"),
    "16": _("dagdeel (4 uur)"),
    "82": _("stuks (output)"),
    "83": _("euro's"),
    "84": _("stuks (inspanning)"),
}

# WJ757 Frequentie
FREQUENCIES = {
    "1": _("per dag"),
    "2": _("per week"),
    "4": _("per maand"),
    "6": _("totaal binnen geldigheidsduur"),
}

# WJ588 RedenBeeindiging: why care ended (a 307's reason)
STOP_REASONS = {
    "02": _("Overlijden"),
    "19": _("Levering volgens plan beëindigd"),
    "20": _("Levering is tijdelijk beëindigd"),
    "21": _("Levering is eenzijdig door de cliënt beëindigd"),
    "22": _("Levering is eenzijdig door de aanbieder beëindigd"),
    "23": _("Levering is in overeenstemming voortijdig beëindigd"),
    "31": _("Verhuizing naar een andere gemeente"),
    "36": _("Geïnitieerd door de gemeente"),
    "37": _("In verband met een wijzigingsverzoek"),
    "38": _("Overstap naar een andere aanbieder"),
    "39": _("Uitstroom naar een ander domein"),
}


def validate_unit(value: str) -> None:
    if value not in UNITS:
        raise ValidationError(_("Kies een eenheid uit de iStandaarden."), code="unit")


def validate_frequency(value: str) -> None:
    if value not in FREQUENCIES:
        raise ValidationError(_("Kies een frequentie uit de iStandaarden."), code="frequency")
