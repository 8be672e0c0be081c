"""The Dutch labels and sentences of the message flow's events: assignments sent, changed, ended, started and
stopped; the providers' requests and declarations. Registered at start-up through `providers.registrations`."""

from django.utils.translation import gettext_lazy as _

from ..audit.event_labels import action_kinds_register, kinds_register, labels_register, sentences_register

EVENT_LABELS = {
    "assignment.sent": _("Toewijzing verstuurd aan de aanbieder"),
    "assignment.changed": _("Toewijzing gewijzigd"),
    "assignment.ended": _("Toewijzing beëindigd"),
    "assignment.started": _("Zorg gestart door de aanbieder"),
    "assignment.stopped": _("Zorg gestopt door de aanbieder"),
    "assignment_request.received": _("Verzoek van een aanbieder ontvangen"),
    "assignment_request.answered": _("Verzoek van een aanbieder beantwoord"),
    "declaration.received": _("Declaratie van een aanbieder verwerkt"),
}

EVENT_SENTENCES = {
    "assignment.sent": (
        _("Toewijzing {number} verstuurd aan de aanbieder, vanaf {starts_on}"),
        _("Toewijzing verstuurd aan de aanbieder"),
    ),
    "assignment.changed": (
        _("Toewijzing {number} gewijzigd: omvang {volume}, tot en met {ends_on}"),
        _("Toewijzing gewijzigd"),
    ),
    "assignment.ended": (_("Toewijzing {number} beëindigd per {ends_on}"), _("Toewijzing beëindigd")),
    "assignment.started": (
        _("Zorg van toewijzing {number} gestart op {started_on}"),
        _("Zorg gestart door de aanbieder"),
    ),
    "assignment.stopped": (
        _("Zorg van toewijzing {number} gestopt op {stopped_on}"),
        _("Zorg gestopt door de aanbieder"),
    ),
    "assignment_request.received": (
        _("Verzoek {reference} van een aanbieder ontvangen"),
        _("Verzoek van een aanbieder ontvangen"),
    ),
    "assignment_request.answered": (
        _("Verzoek {reference} van een aanbieder beantwoord"),
        _("Verzoek van een aanbieder beantwoord"),
    ),
    "declaration.received": (
        _("Declaratie {number} van een aanbieder verwerkt"),
        _("Declaratie van een aanbieder verwerkt"),
    ),
}


def register() -> None:
    """Register the labels, sentences and kind of the message flow's events."""
    labels_register(EVENT_LABELS)
    sentences_register(EVENT_SENTENCES)
    kinds_register({"provision_delivery": (80, _("Toewijzingen"))})
    action_kinds_register("provision_delivery", EVENT_LABELS)
