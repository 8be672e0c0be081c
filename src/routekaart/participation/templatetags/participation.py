"""Labels and amounts for the participation pages."""

from decimal import Decimal

from django import template
from django.template.defaultfilters import floatformat
from django.utils.translation import gettext_lazy as _

from ...audit import event_labels as labels
from ..models import ProviderKind
from ..selectors import RegisterState

register = template.Library()


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
    """The action in Dutch, from the one registry of every app's event labels (never the code)."""
    return labels.event_label(action)
