"""The Dutch labels of the catalog's events (registered with audit.event_labels at start-up)."""

from django.utils.translation import gettext_lazy as _

from ..audit.event_labels import sentences_register

EVENT_LABELS = {
    "catalog.configuration_loaded": _("Bouwtekening en catalogus geladen"),
    "catalog.preset_activated": _("Regio-instelling geactiveerd"),
    "catalog.building_block_revised": _("Bouwsteen herzien"),
    "catalog.steering_revised": _("Sturingsmodel van een cluster herzien"),
}

# None of these is about a household: the sentence is the label (a timeline of this app's configuration shows it).
sentences_register(EVENT_LABELS)
