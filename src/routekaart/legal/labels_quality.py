"""The Dutch labels of the satisfaction survey's events; registered at start-up through `legal.registrations`."""

from django.utils.translation import gettext_lazy as _

from ..audit.event_labels import action_kinds_register, kinds_register, labels_register, sentences_register

EVENT_LABELS = {
    "survey.sent": _("Tevredenheidsonderzoek verstuurd"),
    "survey.answered": _("Tevredenheidsonderzoek ingevuld"),
    "survey.expired": _("Tevredenheidsonderzoeken verlopen"),
}


def register() -> None:
    """Register the labels, sentences and kind of the survey events."""
    from . import complaint_rules  # noqa: F401  (declares the quality page's permission on import)

    labels_register(EVENT_LABELS)
    sentences_register(EVENT_LABELS)
    kinds_register({"survey": (87, _("Tevredenheid"))})
    action_kinds_register("survey", EVENT_LABELS)
