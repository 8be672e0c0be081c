"""The Dutch labels of participation's events (registered with audit.event_labels at start-up)."""

from django.utils.translation import gettext_lazy as _

EVENT_LABELS = {
    "distance.assessed": _("Afstand tot de arbeidsmarkt beoordeeld"),
    "wage_value.determined": _("Loonwaarde bepaald"),
    "target_group_register.recorded": _("Doelgroepenregister bijgewerkt"),
    "exemption.granted": _("Vrijstelling verleend"),
    "assignment.proposed": _("Instrument voorgesteld"),
    "assignment.uwv_advice_recorded": _("Advies UWV vastgelegd"),
    "assignment.granted": _("Instrument toegekend"),
    "assignment.refused": _("Instrument afgewezen"),
    "assignment.started": _("Instrument gestart"),
    "assignment.ended": _("Instrument afgerond"),
    "assignment.cancelled": _("Instrument vervallen"),
    "expenditure.recorded": _("Uitgave geboekt"),
    "budget.set": _("Budget vastgesteld"),
    "participation_demo.generated": _("Demogegevens participatie aangemaakt"),
}
