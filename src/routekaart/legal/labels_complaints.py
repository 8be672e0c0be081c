"""The Dutch labels and sentences of the conduct complaints' events (Awb chapter 9), and their kind for the
timeline's filter; registered at start-up through `legal.registrations`."""

from django.utils.translation import gettext_lazy as _

from ..audit.event_labels import action_kinds_register, kinds_register, labels_register, sentences_register

EVENT_LABELS = {
    "conduct_complaint.registered": _("Klacht over bejegening ontvangen"),
    "conduct_complaint.acknowledged": _("Ontvangst van de klacht over bejegening bevestigd"),
    "conduct_complaint.resolved": _("Klacht over bejegening naar tevredenheid opgelost"),
    "conduct_complaint.heard": _("Klager gehoord of afgezien van horen"),
    "conduct_complaint.extended": _("Afhandeling van de klacht over bejegening verdaagd"),
    "conduct_complaint.decided": _("Klacht over bejegening afgehandeld"),
    "conduct_complaint.withdrawn": _("Klacht over bejegening ingetrokken"),
}


def register() -> None:
    """Register the labels, sentences and kind of the conduct complaint events, and the pages' permissions."""
    from . import complaint_rules  # noqa: F401  (declares its permissions on import)

    labels_register(EVENT_LABELS)
    sentences_register(EVENT_LABELS)
    kinds_register({"conduct_complaint": (86, _("Klachten over bejegening"))})
    action_kinds_register("conduct_complaint", EVENT_LABELS)
