"""The portal's menu: one list, in the order a resident looks for things (mobile first: a short list, no groups)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

MENU = (
    ("portal:home", _("Overzicht")),
    ("portal:plan", _("Mijn plan")),
    ("portal:route", _("Mijn route")),
    ("portal:decisions", _("Besluiten en brieven")),
    ("portal:care", _("Mijn zorg")),
    ("portal:income", _("Mijn inkomen")),
    ("portal:regulations", _("Regelingen")),
    ("portal:consents", _("Toestemmingen")),
    ("portal:authorisations", _("Machtigingen")),
    ("portal:processing_log", _("Wie zag mijn gegevens")),
    ("portal:export", _("Mijn gegevens downloaden")),
)


def portal_menu() -> list[tuple[str, str]]:
    return [(reverse(name), label) for name, label in MENU]
