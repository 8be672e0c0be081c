import pytest
from knox.models import AuthToken
from rest_framework.test import APIClient

from routekaart.organisations.models import Organisation
from routekaart.organisations.roles import Role
from routekaart.testing import problem_fields

from .factories import OrganisationFactory, UserFactory

pytestmark = [pytest.mark.django_db]


def api_for(role: str) -> APIClient:
    user = UserFactory(role=role)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {AuthToken.objects.create(user=user)[1]}")
    return client


def test_staff_list_the_network_with_a_token():
    OrganisationFactory(code="gemeente-a", name="Gemeente A")
    response = api_for(Role.COORDINATOR).get("/api/v1/organisations/")
    assert response.status_code == 200
    assert "gemeente-a" in {row["code"] for row in response.json()["results"]}


def test_residents_may_not_list_the_network():
    assert api_for(Role.RESIDENT).get("/api/v1/organisations/").status_code == 403


def test_anonymous_callers_are_refused():
    assert APIClient().get("/api/v1/organisations/").status_code in {401, 403}


def test_functional_admin_adds_an_organisation():
    response = api_for(Role.FUNCTIONAL_ADMIN).post(
        "/api/v1/organisations/",
        {"kind": "team", "code": "wijkteam-oost", "name": "Wijkteam Oost", "team_kind": "neighbourhood"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert Organisation.objects.filter(code="wijkteam-oost").exists()


def test_a_team_without_its_kind_answers_400_with_a_dutch_field_error_and_saves_nothing():
    response = api_for(Role.FUNCTIONAL_ADMIN).post(
        "/api/v1/organisations/", {"kind": "team", "code": "wijkteam-west", "name": "Wijkteam West"}, format="json"
    )
    assert response.status_code == 400
    assert problem_fields(response) == {"team_kind": ["Kies het soort team."]}
    assert not Organisation.objects.filter(code="wijkteam-west").exists()


def test_missing_fields_answer_400_per_field_in_dutch():
    response = api_for(Role.FUNCTIONAL_ADMIN).post("/api/v1/organisations/", {}, format="json")
    assert response.status_code == 400
    assert problem_fields(response)["name"] == ["Dit veld is vereist."]


def test_coordinators_may_not_change_the_network():
    response = api_for(Role.COORDINATOR).post(
        "/api/v1/organisations/", {"kind": "municipality", "code": "x", "name": "X"}, format="json"
    )
    assert response.status_code == 403


def test_the_openapi_schema_and_docs_are_served():
    client = api_for(Role.FUNCTIONAL_ADMIN)
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code == 200
    assert "/api/v1/organisations/" in schema.json()["paths"]
