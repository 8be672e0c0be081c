"""The Dutch label and sentence of the provider desk's own action: a progress report on an assignment."""

from django.utils.translation import gettext_lazy as _

from ..audit.event_labels import action_kinds_register, labels_register, sentences_register

EVENT_LABELS = {"progress.reported": _("Voortgang gemeld door de aanbieder")}
EVENT_SENTENCES = {
    "progress.reported": (
        _("Voortgang van toewijzing {number} gemeld door de aanbieder"),
        _("Voortgang van de zorg gemeld door de aanbieder"),
    )
}


def register() -> None:
    labels_register(EVENT_LABELS)
    sentences_register(EVENT_SENTENCES)
    action_kinds_register("provision_delivery", EVENT_LABELS)  # the kind labels_flow registers: Toewijzingen
