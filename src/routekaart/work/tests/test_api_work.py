"""The work API: the same rules as the pages, errors as 400 per field in Dutch, refusals as 403."""

import pytest

from routekaart.organisations.roles import Role
from routekaart.testing import problem_fields

from .factories import EmployerFactory, sector

pytestmark = [pytest.mark.django_db]


def test_an_adviser_creates_an_arrangement_ranks_and_proposes_through_the_api(
    work_configuration, adviser_client, make_candidate
):
    employer = EmployerFactory()
    candidate = make_candidate(given_names="Lotte")
    created = adviser_client.post(
        "/api/v1/work/arrangements/",
        {
            "employer": employer.pk,
            "title": "Medewerker spoelkeuken",
            "sector": "hospitality",
            "hours_min": 12,
            "hours_max": 20,
            "postcode": "1505AA",
            "city": "Zaandam",
            "min_wage_value": 45,
            "tasks": [{"source_job": "Kok", "task": "Afwassen"}],
            "instruments": ["wage_subsidy", "job_coach"],
            "competences": ["dishwashing"],
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.json()
    arrangement = created.json()
    assert arrangement["tasks"] == [{"source_job": "Kok", "task": "Afwassen"}]
    assert arrangement["postcode"] == "1505 AA"

    ranking = adviser_client.get(f"/api/v1/work/arrangements/{arrangement['id']}/candidates/").json()
    first = ranking["candidates"][0]
    assert first["name"].startswith("Lotte")
    assert sum(float(c["points"]) for c in first["components"]) == pytest.approx(float(first["total"]))

    proposed = adviser_client.post(
        "/api/v1/work/placements/",
        {"arrangement": arrangement["id"], "profile": candidate.pk},
        content_type="application/json",
    )
    assert proposed.status_code == 201
    placement = proposed.json()
    assert (placement["state"], placement["rank_at_proposal"]) == ("proposed", 1)

    wrong = adviser_client.post(
        f"/api/v1/work/placements/{placement['id']}/trial/",
        {"trial_start": "2026-01-10", "trial_end": "2026-02-09"},
        content_type="application/json",
    )
    assert wrong.status_code == 400
    assert problem_fields(wrong) == {
        "non_field_errors": ["Van “Voorgesteld aan de werkgever” kan een plaatsing niet naar “Proefplaatsing”."]
    }


def test_an_arrangement_without_the_source_job_of_a_task_is_refused(work_configuration, adviser_client):
    response = adviser_client.post(
        "/api/v1/work/arrangements/",
        {
            "employer": EmployerFactory().pk,
            "title": "Hulp",
            "sector": sector("green").code,
            "hours_min": 12,
            "hours_max": 20,
            "postcode": "1505AA",
            "city": "Zaandam",
            "min_wage_value": 45,
            "tasks": [],
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    assert problem_fields(response) == {"tasks": ["Noem ten minste één taak en de functie waaruit zij komt."]}


def test_a_work_profile_without_consent_is_refused_with_403(work_configuration, adviser_client, make_candidate):
    response = adviser_client.get(f"/api/v1/work/profiles/{make_candidate(consent=False).pk}/")
    assert response.status_code == 403


def test_the_api_is_for_advisers(work_configuration, staff_client):
    client, _ = staff_client(Role.COORDINATOR)
    assert client.get("/api/v1/work/employers/").status_code == 403
    assert client.get("/api/v1/work/vacancy-service/").status_code == 200
