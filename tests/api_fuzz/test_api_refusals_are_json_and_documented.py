"""The defects the API fuzzer found, each pinned by a plain test: a refusal is JSON and documented, never a 500."""

import pytest
from django.urls import reverse

from routekaart.organisations.roles import Role
from routekaart.routes.tests.conftest import network, pupil, pupil_factory, route_maps  # noqa: F401
from routekaart.testing import problem_fields

PROBLEM = "application/problem+json"
TRAJECTORIES = "/api/v1/routes/trajectories/"

pytestmark = pytest.mark.django_db


def test_a_trajectory_id_that_is_no_number_answers_404_not_a_server_error(staff_client):
    client, _user = staff_client(Role.COORDINATOR)

    response = client.get("/api/v1/routes/trajectories/null,null/")

    assert response.status_code == 404
    assert response["Content-Type"] == PROBLEM
    assert response.json()["status"] == 404


def test_an_api_address_that_names_nothing_answers_json_and_a_page_keeps_its_page(staff_client):
    client, _user = staff_client(Role.COORDINATOR)

    api = client.get("/api/v1/households/niet-een-nummer/")
    page = client.get("/huishoudens/niet-een-nummer/")

    assert api.status_code == 404
    assert api["Content-Type"] == PROBLEM
    assert page.status_code == 404
    assert page["Content-Type"].startswith("text/html")


def test_every_operation_documents_its_refusals_as_problem_details(client):
    schema = client.get(reverse("api-schema") + "?format=json").json()

    components = schema["components"]["schemas"]
    assert {"type", "title", "status", "detail", "instance"} <= set(components["Problem"]["required"])
    assert components["InvalidParam"]["required"] == ["name", "code", "reason"]
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            assert {"401", "403", "406"} <= set(responses), (method, path)
            if "requestBody" in operation:
                assert {"400", "404", "415"} <= set(responses), (method, path)
                assert responses["400"]["content"][PROBLEM]["schema"] == {
                    "$ref": "#/components/schemas/ValidationProblem"
                }, (method, path)
            if "{" in path:
                assert responses["404"]["content"][PROBLEM]["schema"] == {"$ref": "#/components/schemas/Problem"}, (
                    method,
                    path,
                )
            for code, response in responses.items():
                if code.startswith(("4", "5")):
                    assert set(response["content"]) == {PROBLEM}, (method, path, code)


def test_a_work_profile_id_that_is_no_number_answers_404_not_a_server_error(staff_client):
    client, _user = staff_client(Role.EMPLOYER_ADVISER)

    response = client.get("/api/v1/work/profiles/AgreementKind/")

    assert response.status_code == 404
    assert response["Content-Type"] == PROBLEM


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
    assert response["Content-Type"] == PROBLEM


def test_a_body_id_larger_than_the_database_holds_is_refused_per_field_and_changes_nothing(staff_client):
    from routekaart.access.models import Signal

    client, _user = staff_client(Role.COORDINATOR)

    response = client.post(
        "/api/v1/signals/",
        {"household": HUGE_ID, "kind": "report", "summary": "Melding"},
        content_type="application/json",
    )

    assert response.status_code == 400
    assert problem_fields(response)["household"] == [
        f"Zorg ervoor dat deze waarde kleiner is dan of gelijk is aan {2**63 - 1}."
    ]
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
    empty = ["Dit veld mag niet leeg zijn."]
    assert problem_fields(response) == {"goals.0": empty, "goals.1": empty}
    assert not Plan.objects.exists()


def test_an_unknown_route_name_is_refused_per_field_when_everything_else_is_valid(client, demo_login, request):
    """The route name is the only fault: a resident the school may start for, and organisations that exist."""
    from routekaart.testing import database_fingerprint

    the_network, the_pupil = request.getfixturevalue("network"), request.getfixturevalue("pupil")
    client.force_login(the_network.school_user)
    body = {
        "resident": the_pupil.pk,
        "route": "de_dienst.sheltered_work",
        "organisations": {"school": "vso-de-horizon", "dienst": "dienst", "area_team": "gebiedsteam"},
        "school_kind": "vso",
        "exit_profile": "sheltered_work",
    }
    before = database_fingerprint()

    for route in ("de_dienst.bestaat_niet", "geen_kaart.sheltered_work", "zonder-punt", "."):
        response = client.post(TRAJECTORIES, {**body, "route": route}, content_type="application/json")
        assert response.status_code == 400, (route, response.content)
        assert problem_fields(response) == {"route": ["Deze route bestaat niet."]}, route
    assert database_fingerprint() == before


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/routes/trajectories/1.5/",
        "/api/v1/routes/trajectories/-1/transitions/",
        "/api/v1/routes/trajectories/abc/conditions/",
        "/api/v1/work/profiles/1e3/",
        f"/api/v1/work/profiles/{2**63}/",
        f"/api/v1/routes/trajectories/{2**63}/transitions/",
    ],
)
def test_a_malformed_or_too_large_id_on_an_action_answers_404_problem_details(staff_client, path):
    client, _user = staff_client(Role.COORDINATOR)

    response = client.post(path, {}, content_type="application/json") if path.endswith("s/") else client.get(path)

    assert response.status_code == 404
    assert response["Content-Type"] == PROBLEM


@pytest.mark.parametrize("parameter", ["limit", "offset"])
def test_a_page_position_of_two_to_the_63_is_no_server_error(staff_client, parameter):
    client, _user = staff_client(Role.COORDINATOR)

    for value in (2**63, 2**64, 10**30):
        response = client.get("/api/v1/households/", {parameter: value})
        assert response.status_code in (200, 400), (value, response.status_code)


def test_a_detail_action_that_answers_a_whole_list_is_documented_as_an_array_not_a_page(client):
    """Found by the fuzzer once the dataset had a benefit: the entitlements answered `[]` where the schema promised a
    page; the household composition had the same mismatch."""
    paths = client.get(reverse("api-schema") + "?format=json").json()["paths"]

    for path in ("/api/v1/income/households/{id}/entitlements/", "/api/v1/households/{id}/composition/"):
        schema = paths[path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
        assert schema["type"] == "array", path
