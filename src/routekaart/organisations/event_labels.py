"""The Dutch labels of the network's events (registered with audit.event_labels at start-up)."""

from django.utils.translation import gettext_lazy as _

from ..audit.event_labels import sentences_register

EVENT_LABELS = {
    "api_token.created": _("API-sleutel aangemaakt"),
    "api_token.used": _("API-sleutel gebruikt"),
    "api_token.revoked": _("API-sleutel ingetrokken"),
    "api_token.revoked_all": _("Alle API-sleutels ingetrokken"),
}

# None of these is about a household: the sentence is the label (a timeline of this app's configuration shows it).
sentences_register(EVENT_LABELS)
