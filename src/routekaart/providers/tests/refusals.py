"""A service's refusal in the tests: a ValidationError that changed nothing in the database."""

import pytest
from django.core.exceptions import ValidationError

from routekaart.testing import database_fingerprint


def refused(call, field: str) -> list[str]:
    """Run `call`, expect a ValidationError and an unchanged database; return the messages on `field`."""
    before = database_fingerprint()
    with pytest.raises(ValidationError) as error:
        call()
    assert database_fingerprint() == before
    return error.value.message_dict[field]
