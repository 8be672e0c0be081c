"""Labels for the household screens."""

from django import template
from django.utils.translation import gettext_lazy as _

from ...audit import event_labels as labels
from .. import life_phase

register = template.Library()

LIFE_PHASE_LABELS = {
    life_phase.AGE_0_4: _("0-4 jaar"),
    life_phase.AGE_4_12: _("4-12 jaar"),
    life_phase.AGE_4_18: _("4-18 jaar"),
    life_phase.AGE_12_18: _("12-18 jaar"),
    life_phase.AGE_18_65: _("18 jaar tot AOW-leeftijd"),
    life_phase.AGE_65_PLUS: _("AOW-leeftijd en ouder"),
}


@register.filter
def life_phase_label(code: str) -> str:
    return LIFE_PHASE_LABELS.get(code, code)


@register.filter
def event_label(action: str) -> str:
    """The action in Dutch, from the one registry of every app's event labels (never the code)."""
    return labels.event_label(action)
