"""The Dutch labels of the household register's events (registered with audit.event_labels at start-up)."""

from django.utils.translation import gettext_lazy as _

EVENT_LABELS = {
    "household.created": _("Huishouden vastgelegd"),
    "membership.started": _("Lid geworden van het huishouden"),
    "membership.ended": _("Vertrokken uit het huishouden"),
    "resident.registered": _("Inwoner ingeschreven"),
    "resident.updated": _("Gegevens van inwoner gewijzigd"),
    "resident.died": _("Overlijden vastgelegd"),
    "relation.added": _("Relatie vastgelegd"),
    "involvement.started": _("Betrokkenheid begonnen"),
    "involvement.ended": _("Betrokkenheid beëindigd"),
    "consent.recorded": _("Toestemming vastgelegd"),
    "consent.withdrawn": _("Toestemming ingetrokken"),
    "break_glass.started": _("Noodtoegang geopend"),
    "address.registered": _("Adres vastgelegd"),
    "district.created": _("Wijk vastgelegd"),
    "demo_municipality.generated": _("Demogemeente aangemaakt"),
}
