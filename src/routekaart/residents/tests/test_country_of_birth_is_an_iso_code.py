"""A country of birth is an ISO 3166-1 alpha-2 code: "ZZ" looks like one but is no country, and is refused."""

import pytest

from routekaart.organisations.roles import Role
from routekaart.testing import database_fingerprint, problem_reasons

from .. import services
from ..validators import validate_country_code
from .factories import ResidentFactory, bsn_for

pytestmark = [pytest.mark.django_db]

UNKNOWN = "ZZ is geen bestaande landcode. Vul een landcode in volgens ISO 3166-1, zoals NL of MA."


@pytest.mark.parametrize("code", ["NL", "MA", "SR", "CW", "TR", "SY"])
def test_real_country_codes_pass(code):
    validate_country_code(code)


@pytest.mark.parametrize("code", ["ZZ", "XX", "AA", "UK", "EU"])
def test_codes_that_are_no_country_are_refused(code):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        validate_country_code(code)
    assert refused.value.messages == [UNKNOWN.replace("ZZ", code)]


def test_the_api_refuses_zz_in_dutch_and_saves_nothing(staff_client):
    client, _ = staff_client(Role.COORDINATOR)
    data = {
        "bsn": bsn_for(4711),
        "given_names": "Test",
        "family_name": "Persoon",
        "birth_date": "1990-01-01",
        "country_of_birth": "ZZ",
    }
    before = database_fingerprint()
    response = client.post("/api/v1/residents/", data, content_type="application/json")
    assert response.status_code == 400
    assert UNKNOWN in problem_reasons(response)
    assert database_fingerprint() == before
    data["country_of_birth"] = "MA"
    assert client.post("/api/v1/residents/", data, content_type="application/json").status_code == 201


def test_changing_the_country_of_birth_to_zz_is_refused_and_changes_nothing():
    from django.core.exceptions import ValidationError

    resident = ResidentFactory(country_of_birth="NL")
    before = database_fingerprint()
    with pytest.raises(ValidationError) as refused:
        services.resident_update(actor=None, resident=resident, country_of_birth="ZZ")
    assert refused.value.message_dict["country_of_birth"] == [UNKNOWN]
    assert database_fingerprint() == before
