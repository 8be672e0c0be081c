"""The Dutch labels and sentences of bezwaar en beroep's events, and their kind for the timeline's filter; registered
at start-up through `legal.registrations`."""

from django.utils.translation import gettext_lazy as _

from ..audit.event_labels import action_kinds_register, kinds_register, labels_register, sentences_register

EVENT_LABELS = {
    "objection.registered": _("Bezwaar ontvangen"),
    "objection.acknowledged": _("Ontvangst van het bezwaar bevestigd"),
    "objection.assigned": _("Behandelaar van het bezwaar gekozen"),
    "objection.informal_contact": _("Informeel contact over het bezwaar"),
    "objection.completed": _("Gronden van het bezwaar aangevuld"),
    "objection.late_judged": _("Oordeel over een te laat bezwaar"),
    "objection.extended": _("Beslissing op bezwaar verdaagd"),
    "objection.postponed": _("Beslissing op bezwaar uitgesteld met instemming"),
    "objection.hearing_planned": _("Hoorzitting gepland"),
    "objection.heard": _("Indiener gehoord"),
    "objection.hearing_waived": _("Afgezien van horen"),
    "objection.advised": _("Advies van de bezwaarcommissie"),
    "objection.decided": _("Beslissing op bezwaar genomen"),
    "objection.withdrawn": _("Bezwaar ingetrokken"),
    "objection.default_notice": _("Ingebrekestelling ontvangen"),
    "objection.penalty_settled": _("Dwangsom vastgesteld"),
    "appeal.registered": _("Beroep ingesteld"),
    "appeal.updated": _("Beroep bijgewerkt"),
    "appeal.judged": _("Uitspraak in beroep"),
}


def register() -> None:
    """Register the labels, sentences and kind of the objection and appeal events."""
    labels_register(EVENT_LABELS)
    sentences_register(EVENT_LABELS)
    kinds_register({"objection": (84, _("Bezwaar en beroep"))})
    action_kinds_register("objection", EVENT_LABELS)
