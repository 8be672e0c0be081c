"""The Dutch labels and sentences of the payment run's events, and their kind for the timeline's filter; registered
at start-up by income/apps.py."""

from django.utils.translation import gettext_lazy as _

from ..audit.event_labels import action_kinds_register, kinds_register, labels_register, sentences_register

EVENT_LABELS = {
    "payment_run.prepared": _("Betaalrun klaargezet"),
    "payment_run.cancelled": _("Betaalrun geannuleerd"),
    "payment_run.approved": _("Betaalrun gefiatteerd en betaalbestand gemaakt"),
    "payment_run.file_downloaded": _("Betaalbestand opgehaald voor de bank"),
}


def register() -> None:
    """Register the labels, sentences and kind of the payment run's events, and the payment pages' permissions."""
    from . import payment_rules  # noqa: F401  (declares its permissions on import)

    labels_register(EVENT_LABELS)
    sentences_register(EVENT_LABELS)
    kinds_register({"payment_run": (82, _("Betalingen"))})
    action_kinds_register("payment_run", EVENT_LABELS)
