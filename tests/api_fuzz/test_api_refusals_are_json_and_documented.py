"""The defects the API fuzzer found, each pinned by a plain test: a refusal is JSON and documented, never a 500."""

import pytest
from django.urls import reverse

from routekaart.organisations.roles import Role

pytestmark = pytest.mark.django_db


def test_a_trajectory_id_that_is_no_number_answers_404_not_a_server_error(staff_client):
    client, _user = staff_client(Role.COORDINATOR)

    response = client.get("/api/v1/routes/trajectories/null,null/")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert set(response.json()) == {"detail"}


def test_an_api_address_that_names_nothing_answers_json_and_a_page_keeps_its_page(staff_client):
    client, _user = staff_client(Role.COORDINATOR)

    api = client.get("/api/v1/households/niet-een-nummer/")
    page = client.get("/huishoudens/niet-een-nummer/")

    assert api.status_code == 404
    assert set(api.json()) == {"detail"}
    assert page.status_code == 404
    assert page["Content-Type"].startswith("text/html")


def test_every_operation_documents_its_refusals_with_the_shared_error_components(client):
    schema = client.get(reverse("api-schema") + "?format=json").json()

    assert schema["components"]["schemas"]["ErrorDetail"]["required"] == ["detail"]
    assert "FieldErrors" in schema["components"]["schemas"]
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            assert {"401", "403"} <= set(responses), (method, path)
            if "requestBody" in operation:
                assert "400" in responses, (method, path)
            if "{" in path:
                assert responses["404"]["content"]["application/json"]["schema"] == {
                    "$ref": "#/components/schemas/ErrorDetail"
                }, (method, path)


def test_a_work_profile_id_that_is_no_number_answers_404_not_a_server_error(staff_client):
    client, _user = staff_client(Role.EMPLOYER_ADVISER)

    response = client.get("/api/v1/work/profiles/AgreementKind/")

    assert response.status_code == 404
    assert set(response.json()) == {"detail"}


def test_fields_that_can_answer_null_are_documented_as_nullable(client):
    schema = client.get(reverse("api-schema") + "?format=json").json()
    organisation = schema["components"]["schemas"]["Organisation"]["properties"]

    assert organisation["region"]["nullable"] is True
    assert organisation["municipality"]["nullable"] is True
    assert schema["components"]["schemas"]["Region"]["properties"]["central_municipality"]["nullable"] is True
    assert schema["components"]["schemas"]["Vacancy"]["properties"]["via_agency"]["nullable"] is True
    # an organisation's involvement has no user; a candidate not yet decided on has no decision
    assert schema["components"]["schemas"]["Involvement"]["properties"]["user"]["nullable"] is True
    assert schema["components"]["schemas"]["RankedCandidate"]["properties"]["decision"]["nullable"] is True


HUGE_ID = 326497091202105606144  # more than a bigint holds: the database cannot even be asked about it


@pytest.mark.parametrize(
    "path",
    [
        f"/api/v1/households/{HUGE_ID}/",
        f"/api/v1/residents/{HUGE_ID}/",
        f"/api/v1/income/households/{HUGE_ID}/calculation/",
        f"/api/v1/participation/residents/{HUGE_ID}/",
        f"/api/v1/work/profiles/{HUGE_ID}/",
        f"/api/v1/routes/trajectories/{HUGE_ID}/",
    ],
)
def test_an_id_larger_than_the_database_holds_answers_404_not_a_server_error(staff_client, path):
    client, _user = staff_client(Role.COORDINATOR)

    response = client.get(path)

    assert response.status_code == 404
    assert set(response.json()) == {"detail"}


def test_a_body_id_larger_than_the_database_holds_is_refused_per_field_and_changes_nothing(staff_client):
    from routekaart.access.models import Signal

    client, _user = staff_client(Role.COORDINATOR)

    response = client.post(
        "/api/v1/signals/",
        {"household": HUGE_ID, "kind": "report", "summary": "Melding"},
        content_type="application/json",
    )

    assert response.status_code == 400
    assert response.json()["household"] == [f"Zorg ervoor dat deze waarde kleiner is dan of gelijk is aan {2**63 - 1}."]
    assert not Signal.objects.exists()


def test_a_page_size_larger_than_the_database_holds_is_cut_to_the_maximum(staff_client):
    from routekaart.catalog import services

    services.catalog_load()
    client, _user = staff_client(Role.COORDINATOR)

    response = client.get("/api/v1/catalog/building-blocks/", {"limit": 10**25})

    assert response.status_code == 200
    assert 0 < len(response.json()["results"]) <= 1000


def test_a_plan_with_a_null_goal_is_refused_per_field_and_changes_nothing(staff_client):
    from routekaart.access.models import Plan

    client, _user = staff_client(Role.COORDINATOR)

    response = client.post(
        "/api/v1/plans/", {"case": 1, "goals": [None, None], "agreements": []}, content_type="application/json"
    )

    assert response.status_code == 400
    assert response.json()["goals"] == {"0": ["Dit veld mag niet leeg zijn."], "1": ["Dit veld mag niet leeg zijn."]}
    assert not Plan.objects.exists()
