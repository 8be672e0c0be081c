"""The Dutch labels of the integrale toegang's events (registered with audit.event_labels at start-up)."""

from django.utils.translation import gettext_lazy as _

EVENT_LABELS = {
    "case.opened": _("Casus geopend"),
    "case.reopened": _("Casus heropend"),
    "case.joined": _("Signaal bij de open casus gevoegd"),
    "case.closed": _("Casus afgesloten"),
    "signal.received": _("Signaal ontvangen"),
    "intake.recorded": _("Intake gehouden"),
    "gatekeeping.recorded": _("Poortwachter besliste"),
    "assessment.started": _("Vraaggestuurd onderzoek begonnen"),
    "assessment.updated": _("Verslag van het onderzoek bijgewerkt"),
    "assessment.completed": _("Vraaggestuurd onderzoek afgerond"),
    "specialist_advice.requested": _("Specialistisch advies gevraagd"),
    "specialist_advice.received": _("Specialistisch advies ontvangen"),
    "plan.drafted": _("Plan van aanpak opgesteld (concept)"),
    "plan.activated": _("Plan van aanpak actief"),
    "agreement.added": _("Afspraak toegevoegd"),
    "agreement.status_changed": _("Status van een afspraak gewijzigd"),
    "decision.recorded": _("Beschikking genomen"),
    "coordinator.transferred": _("Warme overdracht naar een nieuwe regisseur"),
    "process_coordinator.appointed": _("Procesregisseur aangewezen"),
    "review.recorded": _("Evaluatie gehouden"),
    "deadline.changed": _("Termijn gewijzigd"),
    "deadline.met": _("Termijn gehaald"),
}
