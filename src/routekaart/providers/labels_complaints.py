"""The Dutch labels and sentences of the complaint handling's events (Awb chapter 9), and their kind for the
timeline's filter; registered at start-up through `providers.registrations`."""

from django.utils.translation import gettext_lazy as _

from ..audit.event_labels import action_kinds_register, kinds_register, labels_register, sentences_register

EVENT_LABELS = {
    "complaint.registered": _("Klacht over een aanbieder ontvangen"),
    "complaint.acknowledged": _("Ontvangst van de klacht bevestigd"),
    "complaint.heard": _("Klager gehoord of afgezien van horen"),
    "complaint.extended": _("Afhandeling van de klacht verdaagd"),
    "complaint.decided": _("Klacht afgehandeld"),
    "complaint.withdrawn": _("Klacht ingetrokken"),
}


def register() -> None:
    """Register the labels, sentences and kind of the complaint events, and the complaint pages' permissions."""
    from . import complaint_rules  # noqa: F401  (declares its permissions on import)

    labels_register(EVENT_LABELS)
    sentences_register(EVENT_LABELS)
    kinds_register({"complaint": (85, _("Klachten"))})
    action_kinds_register("complaint", EVENT_LABELS)
