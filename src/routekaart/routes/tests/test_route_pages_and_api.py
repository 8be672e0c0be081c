"""The route pages draw each route for every staff role; the read API gives every template with its steps."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from routekaart.organisations.roles import Role

pytestmark = [pytest.mark.django_db]

STAFF = [r for r in Role.values if r not in (Role.RESIDENT,)]


@pytest.mark.parametrize("role", STAFF)
def test_every_staff_role_sees_the_route_maps(route_maps, staff_client, role):
    client, _ = staff_client(role)
    response = client.get(reverse("routes:route_map_list"))
    assert response.status_code == 200
    assert "Uitstroom-routekaart PRO/VSO" in response.text


def test_a_resident_does_not_open_the_staff_pages(route_maps, staff_client):
    client, _ = staff_client(Role.RESIDENT)
    assert client.get(reverse("routes:route_map_list")).status_code == 403
    assert client.get("/api/v1/routes/templates/").status_code == 403


def test_the_exit_route_page_draws_each_numbered_step_with_who_acts_and_who_holds_regie(route_maps, staff_client):
    client, _ = staff_client(Role.SCHOOL)
    response = client.get(reverse("routes:route_map_detail", args=["de_dienst"]))
    assert response.status_code == 200
    text = response.text
    for title in ("Route", "Beschut werk", "Wachtlijst / taakstelling", "Aan \u2019t werk (beschut) / begeleiding"):
        assert title in text
    assert "Regie: Gebiedsteam" in text
    assert 'id="route-sheltered_work-stap-6"' in text
    assert "Taakstelling, bepaald door het Rijk" in text  # the condition's label
    assert "vanaf 16,5 jaar" in text


def test_an_unknown_map_is_a_404(route_maps, staff_client):
    client, _ = staff_client(Role.COORDINATOR)
    assert client.get(reverse("routes:route_map_detail", args=["atlantis"])).status_code == 404


def test_the_map_page_runs_a_fixed_number_of_queries(route_maps, staff_client):
    client, _ = staff_client(Role.COORDINATOR)
    counts = []
    for code in ("zaanstad", "de_dienst"):
        client.get(reverse("routes:route_map_detail", args=[code]))  # warm the session and permission caches
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("routes:route_map_detail", args=[code])).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
    assert counts[0] <= 20


def test_the_templates_api_gives_name_kind_regie_and_numbered_steps_with_parties(route_maps, staff_client):
    client, _ = staff_client(Role.JOB_COACH)
    response = client.get("/api/v1/routes/templates/", {"map": "de_dienst"})
    assert response.status_code == 200
    templates = {t["code"]: t for t in response.json()}
    sheltered = templates["sheltered_work"]
    assert (sheltered["name"], sheltered["kind"], sheltered["regie"]) == ("Beschut werk", "exit", "Dienst")
    assert [s["number"] for s in sheltered["steps"]] == [1, 2, 3, 4, 5, 6]
    assert sheltered["steps"][4]["name"] == "Wachtlijst / taakstelling"
    assert sheltered["steps"][4]["parties"] == ["Dienst", "Gebiedsteam", "Het Rijk"]
    assert templates["day_activities"]["regie"] == "Gebiedsteam"
    assert templates["mbo"]["steps"][5]["regie"] == "Leerling/ouder"


def test_the_templates_api_lists_every_route_of_every_map_in_fixed_queries(route_maps, staff_client):
    client, _ = staff_client(Role.POLICY)
    client.get("/api/v1/routes/templates/")
    with CaptureQueriesContext(connection) as few:
        client.get("/api/v1/routes/templates/", {"map": "de_dienst", "kind": "exit"})
    with CaptureQueriesContext(connection) as all_of_them:
        response = client.get("/api/v1/routes/templates/")
    kinds = sorted({(t["map"], t["kind"]) for t in response.json()})
    assert len(response.json()) == 14  # 2 maps x (4 walking + life course) + 4 exit routes
    assert ("de_dienst", "exit") in kinds and ("zaanstad", "walking") in kinds and ("zaanstad", "life_course") in kinds
    assert len(all_of_them) == len(few)
    one = client.get(f"/api/v1/routes/templates/{response.json()[0]['id']}/")
    assert one.status_code == 200 and one.json()["key"] == response.json()[0]["key"]


def test_the_maps_api_gives_parties_and_tiers(route_maps, staff_client):
    client, _ = staff_client(Role.POLICY)
    beemster = client.get("/api/v1/routes/maps/purmerend_beemster/").json()
    assert [tier["code"] for tier in beemster["tiers"]] == [
        "back_to_regular_job",
        "reduced_wage_value",
        "regular_work_not_realistic",
    ]
    assert "Dorpszorg" in {party["name"] for party in beemster["parties"]}


def test_the_route_endpoints_are_in_the_openapi_schema(staff_client):
    client, _ = staff_client(Role.FUNCTIONAL_ADMIN)
    schema = client.get(reverse("api-schema"), {"format": "json"}).json()
    assert "/api/v1/routes/templates/" in schema["paths"]
    assert "/api/v1/routes/maps/{code}/" in schema["paths"]
    step = schema["components"]["schemas"]["Step"]["properties"]
    assert {"number", "name", "parties", "regie"} <= set(step)
