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


def validate_unit(value: str) -> None:
    if value not in UNITS:
        raise ValidationError(_("Kies een eenheid uit de iStandaarden."), code="unit")


def validate_frequency(value: str) -> None:
    if value not in FREQUENCIES:
        raise ValidationError(_("Kies een frequentie uit de iStandaarden."), code="frequency")
