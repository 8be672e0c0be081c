"""`{% open_survey as survey %}`: the logged-in resident's survey still to answer, for the portal home's link."""

from django import template

from ...legal.selectors_surveys import resident_open_survey

register = template.Library()


@register.simple_tag(takes_context=True)
def open_survey(context):
    """The survey of the resident logged in (not of whom they look at): one query; None without a resident."""
    request = context.get("request")
    resident = getattr(getattr(request, "user", None), "resident", None) if request is not None else None
    return resident_open_survey(resident_id=resident.pk) if resident is not None else None
