"""The Dutch labels of bestaanszekerheid's events (registered with audit.event_labels at start-up)."""

from django.utils.translation import gettext_lazy as _

EVENT_LABELS = {
    "social_assistance.granted": _("Bijstand toegekend"),
    "social_assistance.ended": _("Bijstand beëindigd"),
    "social_assistance.coordinator_reassigned": _("Andere vaste regiehouder voor de bijstand"),
    "social_assistance.switched_to_work": _("Overstap van bijstand naar werk"),
    "cost_sharer_exclusion.recorded": _("Medebewoner telt niet mee als kostendeler"),
    "income_report.submitted": _("Inkomsten doorgegeven"),
    "income_report.corrected": _("Opgave van inkomsten gecorrigeerd"),
    "annual_review.planned": _("Jaarlijks gesprek gepland"),
    "annual_review.held": _("Jaarlijks gesprek gehouden"),
    "annual_reviews.planned": _("Jaarlijkse gesprekken ingepland"),
    "annual_reviews.reminded": _("Herinneringen voor de jaarlijkse gesprekken verstuurd"),
    "reminder.done": _("Herinnering afgehandeld"),
    "financial_fitness.recorded": _("Financieel-fitgesprek vastgelegd"),
    "household_situation.confirmed": _("Situatie van het huishouden bevestigd"),
    "regulation.application_started": _("Aanvraag voor een regeling gestart"),
    "regulation.granted": _("Regeling toegekend"),
    "regulation.refused": _("Regeling afgewezen"),
    "regulation.ended": _("Regeling beëindigd"),
    "regulation.loaded": _("Regeling geladen"),
    "regulation.changed": _("Regeling gewijzigd"),
    "norm_version.loaded": _("Normbedragen geladen"),
    "norm_version.replaced": _("Normbedragen vervangen"),
    "practice.loaded": _("Werkafspraken bestaanszekerheid geladen"),
    "entitlement_check.run": _("Regelingencheck uitgevoerd"),
    "demo_income.generated": _("Demogegevens bestaanszekerheid aangemaakt"),
}
