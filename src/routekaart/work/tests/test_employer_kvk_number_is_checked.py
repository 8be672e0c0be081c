"""An employer is registered with its KvK number: eight digits, unique; anything else is refused in Dutch."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from routekaart.organisations.models import Organisation
from routekaart.testing import problem_fields
from routekaart.work import services
from routekaart.work.models import Employer, kvk_normalise, validate_kvk_number

from .factories import sector

pytestmark = [pytest.mark.django_db]


def register(adviser, kvk: str, name: str = "Groen en Schoon BV"):
    return services.employer_register(actor=adviser, name=name, kvk_number=kvk, sector=sector("green"))


def test_a_kvk_number_of_seven_digits_is_refused_and_nothing_is_saved(work_configuration, adviser):
    with pytest.raises(ValidationError) as refused:
        register(adviser, "1234567")
    assert refused.value.message_dict["kvk_number"] == ["Een KvK-nummer bestaat uit precies acht cijfers."]
    assert not Employer.objects.exists()
    assert not Organisation.objects.filter(kind="employer").exists()


def test_an_eight_digit_kvk_number_is_accepted_with_spaces_and_dots_typed(work_configuration, adviser):
    employer = register(adviser, "12.34 56.78")
    assert employer.kvk_number == "12345678"
    assert employer.organisation.kind == "employer"
    assert employer.name == "Groen en Schoon BV"


def test_the_same_kvk_number_twice_is_refused(work_configuration, adviser):
    register(adviser, "12345678")
    with pytest.raises(ValidationError) as refused:
        register(adviser, "12345678", name="Ander bedrijf")
    assert refused.value.message_dict["kvk_number"] == ["Er is al een werkgever met dit KvK-nummer."]
    assert Employer.objects.count() == 1


def test_the_page_refuses_seven_digits_with_the_message_at_the_field(work_configuration, adviser_client):
    response = adviser_client.post(
        reverse("work:employer_create"),
        {"name": "Groen en Schoon BV", "kvk_number": "1234567", "kind": "regular", "sector": sector("green").pk},
    )
    assert response.status_code == 400
    assert "Een KvK-nummer bestaat uit precies acht cijfers." in response.text
    assert not Employer.objects.exists()


def test_the_api_refuses_seven_digits_with_a_400_per_field(work_configuration, adviser_client):
    response = adviser_client.post(
        "/api/v1/work/employers/",
        {"name": "Groen en Schoon BV", "kvk_number": "1234567", "sector": "green"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert problem_fields(response) == {"kvk_number": ["Een KvK-nummer bestaat uit precies acht cijfers."]}


@given(st.text(alphabet="0123456789", min_size=0, max_size=12))
def test_only_exactly_eight_digits_pass(digits):
    valid = len(digits) == 8 and digits != "00000000"
    try:
        validate_kvk_number(kvk_normalise(digits))
    except ValidationError:
        assert not valid
    else:
        assert valid
