"""Form helpers every app's pages share."""

from django import forms
from django.core.exceptions import ValidationError


def service_errors_to_form(form: forms.Form, error: ValidationError) -> None:
    """Show a service's refusal on the form: each message beside its field, the rest at the top."""
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)
