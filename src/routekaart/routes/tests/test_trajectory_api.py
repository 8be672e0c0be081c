"""Trajectories through the API: the same services and access check as the pages; refusals are 400 in Dutch."""

import pytest
from django.urls import reverse

from routekaart.audit.models import ProcessingLogEntry
from routekaart.routes.models import Trajectory

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def api(client, demo_login):
    def signed_in(user):
        client.force_login(user)
        return client

    return signed_in


def start(api, network, pupil):
    return api(network.school_user).post(
        "/api/v1/routes/trajectories/",
        {
            "resident": pupil.pk,
            "route": "de_dienst.sheltered_work",
            "organisations": {"school": "vso-de-horizon", "dienst": "dienst", "area_team": "gebiedsteam"},
            "school_kind": "vso",
            "exit_profile": "sheltered_work",
        },
        content_type="application/json",
    )


def test_a_school_starts_a_trajectory_and_reads_it_back(api, network, pupil):
    response = start(api, network, pupil)
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["route"], body["regie"], body["current_step"]) == ("de_dienst.sheltered_work", "School", 1)
    assert [s["state"] for s in body["steps"]] == ["current"] + ["pending"] * 5
    assert body["handovers"][0]["to_party"] == "Dienst" and body["handovers"][0]["state"] == "proposed"
    listed = api(network.school_user).get("/api/v1/routes/trajectories/").json()
    assert [t["id"] for t in listed["results"]] == [body["id"]]
    assert ProcessingLogEntry.objects.filter(channel="api", activity_id="route-guidance").exists()


def test_the_dienst_takes_regie_and_moves_steps_through_the_api(api, network, pupil):
    body = start(api, network, pupil).json()
    client = api(network.dienst_user)
    accepted = client.post(f"/api/v1/routes/trajectories/{body['id']}/handovers/{body['handovers'][0]['id']}/accept/")
    assert accepted.status_code == 200 and accepted.json()["regie"] == "Dienst"
    moved = client.post(f"/api/v1/routes/trajectories/{body['id']}/transitions/", {"step": 1, "transition": "complete"})
    assert moved.status_code == 200 and moved.json()["current_step"] == 2
    recorded = client.post(
        f"/api/v1/routes/trajectories/{body['id']}/conditions/", {"condition": "exit_meeting", "outcome": "recorded"}
    )
    assert recorded.status_code == 200
    assert recorded.json()["conditions"][0]["condition"] == "exit_meeting"


def test_a_refused_transition_answers_400_in_dutch_and_changes_nothing(api, network, pupil):
    body = start(api, network, pupil).json()
    response = api(network.school_user).post(
        f"/api/v1/routes/trajectories/{body['id']}/transitions/", {"step": 4, "transition": "start"}
    )
    assert response.status_code == 400
    assert "kan pas beginnen als stap 3 (Arbeidsvermogen) klaar is" in str(response.json())
    assert Trajectory.objects.get(pk=body["id"]).current_step.number == 1


def test_a_stranger_gets_403_from_the_api(api, network, pupil):
    body = start(api, network, pupil).json()
    assert api(network.company_user).get(f"/api/v1/routes/trajectories/{body['id']}/").status_code == 403


def test_the_trajectory_endpoints_are_in_the_openapi_schema(api, network):
    paths = api(network.dienst_user).get(reverse("api-schema"), {"format": "json"}).json()["paths"]
    for path in (
        "/api/v1/routes/trajectories/",
        "/api/v1/routes/trajectories/{id}/",
        "/api/v1/routes/trajectories/{id}/transitions/",
        "/api/v1/routes/trajectories/{id}/conditions/",
        "/api/v1/routes/trajectories/{id}/handovers/{handover_id}/accept/",
        "/api/v1/routes/trajectories/{id}/waitlist/offer/",
    ):
        assert path in paths, path
