from django import template
from django.utils import timezone

from ...audit import event_labels as labels

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


@register.filter
def event_label(action: str) -> str:
    """The action in Dutch, from the one registry of every app's event labels (never the code)."""
    return labels.event_label(action)


@register.filter
def days_since(value) -> int:
    """Whole days from a date until today: the waiting time on the list."""
    return (timezone.localdate() - value).days if value else 0
