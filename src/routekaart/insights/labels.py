"""The Dutch label of insights' one event (a saved policy simulation); registered at start-up by `InsightsConfig`."""

from django.utils.translation import gettext_lazy as _

from ..audit.event_labels import action_kinds_register, kinds_register, labels_register, sentences_register

EVENT_LABELS = {
    "scenario.saved": _("Beleidsscenario opgeslagen"),
}


def register() -> None:
    """Register the label, sentence and kind of the scenario event."""
    labels_register(EVENT_LABELS)
    sentences_register(EVENT_LABELS)
    kinds_register({"insights": (89, _("Sturing"))})
    action_kinds_register("insights", EVENT_LABELS)
