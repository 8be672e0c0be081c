from collections.abc import Iterator
from contextlib import contextmanager

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework.exceptions import ValidationError


@contextmanager
def django_validation_as_400() -> Iterator[None]:
    """Services raise Django's ValidationError; the API answers it as 400 with the same messages per field."""
    try:
        yield
    except DjangoValidationError as error:
        raise ValidationError(
            error.message_dict if hasattr(error, "error_dict") else {"non_field_errors": error.messages}
        ) from error
