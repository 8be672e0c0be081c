from django import template

from ..models import BLOCK_DOMAINS

register = template.Library()

_LABELS = {domain.value: domain.label for domain in BLOCK_DOMAINS}


@register.inclusion_tag("catalog/_domains.html")
def domain_tags(domains: str):
    """The J/W/P letters of a building block, each with the law it stands for."""
    return {"domains": [(letter, _LABELS[letter]) for letter in domains]}


@register.simple_tag
def query_with(request, **changes) -> str:
    """The current query string with some parameters replaced; empty values drop out."""
    query = request.GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            query.pop(key, None)
        else:
            query[key] = value
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else ""
