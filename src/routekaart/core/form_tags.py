"""Template tags for forms (registered as the library `core_forms` in settings.TEMPLATES, since core is no app).

`{% error_summary form formset %}` renders the error summary at the top of a form: the NL Design System pattern,
a heading with the number of errors and a link to each field. It renders nothing when there is no error.
"""

from django import template

from .forms import error_summary as collect_errors

register = template.Library()


@register.inclusion_tag("components/ErrorSummary/ErrorSummary.html")
def error_summary(*forms_or_formsets) -> dict:
    """The summary of every error of the forms and formsets given, in the order given."""
    errors = collect_errors(*forms_or_formsets)
    return {"errors": errors, "count": len(errors)}
