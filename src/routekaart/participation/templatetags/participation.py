"""Labels and amounts for the participation pages."""

from decimal import Decimal

from django import template
from django.template.defaultfilters import floatformat
from django.utils.translation import gettext_lazy as _

from ..models import ProviderKind
from ..selectors import RegisterState

register = template.Library()

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
}


@register.filter
def euro(value) -> str:
    if value is None or value == "":
        return "—"
    return f"€ {floatformat(Decimal(value), '2g')}"


@register.filter
def percent(value) -> str:
    if value is None:
        return "—"
    return f"{floatformat(value, '-1')}%"


@register.filter
def provider_kinds(codes) -> str:
    return ", ".join(str(ProviderKind(c).label) for c in codes or [] if c in ProviderKind.values)


@register.filter
def register_label(entry) -> str:
    if entry is None:
        return str(_("Niet bekend"))
    return RegisterState(entry.status).label


@register.filter
def event_label(action: str) -> str:
    return str(EVENT_LABELS.get(action, action))
