from decimal import Decimal

from django import template

from ..calculation import euro as euro_format

register = template.Library()


@register.filter
def euro(value) -> str:
    """`€ 1.234,56`, whatever the active language: amounts on these screens are Dutch benefit amounts."""
    if value is None or value == "":
        return ""
    return euro_format(Decimal(value))


@register.filter
def condition_labels(node, depth: int = 0) -> list[str]:
    """The labels of a regulation's conditions, flattened for reading ("een van deze" marks an either/or)."""
    from django.utils.translation import gettext as _

    if "all" in node:
        return [label for child in node["all"] for label in condition_labels(child, depth)]
    if "any" in node:
        parts = [" en ".join(condition_labels(child, depth + 1)) for child in node["any"]]
        return [_("een van deze: %(parts)s") % {"parts": "; of ".join(parts)}]
    if "not" in node:
        return [_("niet: %(label)s") % {"label": ", ".join(condition_labels(node["not"], depth))}]
    return [node["label"]]
