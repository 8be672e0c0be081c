"""The Dutch labels of the network's events (registered with audit.event_labels at start-up)."""

from django.utils.translation import gettext_lazy as _

EVENT_LABELS = {
    "api_token.created": _("API-sleutel aangemaakt"),
    "api_token.used": _("API-sleutel gebruikt"),
    "api_token.revoked": _("API-sleutel ingetrokken"),
    "api_token.revoked_all": _("Alle API-sleutels ingetrokken"),
}
