"""A birth date lies between 1 January 1900 and today: 0001-01-01 is refused by the API in Dutch, per field, and
the refusal changes nothing. (Residents are registered through the API and the services; no page registers one.)"""

import pytest
from django.core.exceptions import ValidationError

from routekaart.organisations.roles import Role
from routekaart.testing import database_fingerprint, problem_fields

from ..models import Resident
from .factories import ResidentFactory, bsn_for

pytestmark = [pytest.mark.django_db]

TOO_EARLY = "Vul een datum op of na 1 januari 1900 in."


def register(client, birth_date):
    body = {"bsn": bsn_for(4242), "given_names": "Test", "family_name": "Persoon", "birth_date": birth_date}
    return client.post("/api/v1/residents/", body, content_type="application/json")


@pytest.mark.parametrize("birth_date", ["0001-01-01", "1899-12-31"])
def test_a_birth_date_before_1900_is_refused_by_the_api(staff_client, birth_date):
    client, _ = staff_client(Role.COORDINATOR)
    before = database_fingerprint()
    response = register(client, birth_date)
    assert response.status_code == 400
    assert problem_fields(response)["birth_date"] == [TOO_EARLY]
    assert database_fingerprint() == before


@pytest.mark.parametrize("birth_date", ["1900-01-01", "1900-01-02"])
def test_a_birth_date_from_1900_is_kept(staff_client, birth_date):
    client, _ = staff_client(Role.COORDINATOR)
    response = register(client, birth_date)
    assert response.status_code == 201, response.content
    assert Resident.objects.get().birth_date.isoformat() == birth_date


def test_no_path_stores_a_birth_date_of_year_one():
    """A factory or a service saving directly goes through the same limits (every save runs them)."""
    with pytest.raises(ValidationError) as refused:
        ResidentFactory(birth_date="0001-01-01")
    assert refused.value.message_dict == {"birth_date": [TOO_EARLY]}
    assert not Resident.objects.exists()
