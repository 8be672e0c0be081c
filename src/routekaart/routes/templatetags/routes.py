from django import template
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

register = template.Library()


@register.filter
def lookup(mapping: dict, key):
    """`{{ names|lookup:code }}`: the name of a catalog item by its code, or the code when the catalog lacks it."""
    return mapping.get(key, key) if mapping else key


@register.filter
def age(value) -> str:
    """16.5 → "16,5", 18.0 → "18": ages as the seeds write them."""
    if value is None:
        return ""
    text = f"{value:f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


@register.filter
def get_item(mapping: dict | None, key):
    """`{{ mapping|get_item:key }}`: the value, or None."""
    return mapping.get(key) if mapping else None


EVENT_LABELS = {
    "trajectory.started": _("Traject begonnen"),
    "trajectory.step_start": _("Stap begonnen"),
    "trajectory.step_complete": _("Stap afgerond"),
    "trajectory.step_block": _("Stap geblokkeerd"),
    "trajectory.step_unblock": _("Stap gedeblokkeerd"),
    "trajectory.step_skip": _("Stap overgeslagen"),
    "trajectory.step_due_set": _("Termijn afgesproken"),
    "trajectory.condition_recorded": _("Voorwaarde vastgelegd"),
    "trajectory.regie_proposed": _("Overdracht van de regie voorgesteld"),
    "trajectory.regie_handed_over": _("Regie overgedragen"),
    "trajectory.waitlist_placed": _("Op de wachtlijst geplaatst"),
    "trajectory.waitlist_meanwhile_set": _("Tussentijdse ondersteuning vastgelegd"),
    "trajectory.waitlist_place_offered": _("Plek aangeboden"),
    "trajectory.completed": _("Traject afgerond"),
    "trajectory.stopped": _("Traject gestopt"),
    "trajectory.switched": _("Overgestapt op een andere route"),
}


@register.filter
def event_label(action: str) -> str:
    return EVENT_LABELS.get(action, action)


@register.filter
def days_since(value) -> int:
    """Whole days from a date until today: the waiting time on the list."""
    return (timezone.localdate() - value).days if value else 0
