"""The Dutch labels and sentences of enforcement's events, and their kind for the timeline's filter; registered at
start-up through `legal.registrations`."""

from django.utils.translation import gettext_lazy as _

from ..audit.event_labels import action_kinds_register, kinds_register, labels_register, sentences_register

EVENT_LABELS = {
    "enforcement_signal.recorded": _("Handhavingssignaal vastgelegd"),
    "enforcement_signal.detected": _("Handhavingssignaal gevonden door de signaleringsronde"),
    "enforcement_signal.dismissed": _("Handhavingssignaal beoordeeld: geen aanleiding"),
    "investigation.opened": _("Handhavingsonderzoek gestart"),
    "investigation.findings_recorded": _("Bevindingen van het onderzoek vastgelegd"),
    "investigation.resident_informed": _("Inwoner geïnformeerd over het onderzoek"),
    "investigation.heard": _("Inwoner gehoord over de bevindingen"),
    "investigation.closed": _("Handhavingsonderzoek afgerond"),
}


def register() -> None:
    """Register the labels, sentences and kind of the enforcement events, and the pages' permissions."""
    from . import enforcement_rules  # noqa: F401  (declares its permissions on import)

    labels_register(EVENT_LABELS)
    sentences_register(EVENT_LABELS)
    kinds_register({"enforcement": (88, _("Handhaving"))})
    action_kinds_register("enforcement", EVENT_LABELS)
