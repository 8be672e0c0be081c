"""The residents API: 400 with Dutch messages per field, nothing saved; the same rules as the pages."""

import pytest

from routekaart.organisations.roles import Role
from routekaart.testing import problem_fields

from ..models import Household, Membership, Resident
from .factories import ResidentFactory, bsn_for

pytestmark = [pytest.mark.django_db]


def post(client, url, data):
    return client.post(url, data, content_type="application/json")


def test_a_bsn_failing_the_eleven_check_answers_400_and_saves_nothing(staff_client):
    client, _ = staff_client(Role.COORDINATOR)
    response = post(
        client,
        "/api/v1/residents/",
        {"bsn": "123456789", "given_names": "Test", "family_name": "Persoon", "birth_date": "1990-01-01"},
    )
    assert response.status_code == 400
    assert problem_fields(response) == {"bsn": ["Dit BSN bestaat niet: het voldoet niet aan de elfproef."]}
    assert not Resident.objects.exists()


def test_missing_fields_answer_400_per_field_in_dutch(staff_client):
    client, _ = staff_client(Role.COORDINATOR)
    response = post(client, "/api/v1/residents/", {"bsn": "111222333"})
    assert response.status_code == 400
    assert problem_fields(response)["family_name"] == ["Dit veld is vereist."]


def test_a_coordinator_registers_a_resident_and_a_household_and_becomes_its_coordinator(staff_client):
    client, user = staff_client(Role.COORDINATOR)
    organisation = user.affiliations.get().organisation
    created = post(
        client,
        "/api/v1/residents/",
        {"bsn": bsn_for(77), "given_names": "Anna", "family_name": "Veld", "birth_date": "1990-01-01"},
    )
    assert created.status_code == 201, created.json()
    household = post(
        client,
        "/api/v1/households/",
        {
            "members": [{"resident": created.json()["id"], "role": "head"}],
            "valid_from": "2024-01-01",
            "organisation": organisation.code,
        },
    )
    assert household.status_code == 201, household.json()
    assert household.json()["members"][0]["given_names"] == "Anna"
    assert client.get(f"/api/v1/households/{household.json()['id']}/").status_code == 200


def test_a_move_in_that_overlaps_answers_400_with_the_reason_and_changes_nothing(staff_client):
    client, user = staff_client(Role.COORDINATOR)
    organisation = user.affiliations.get().organisation
    first, second = ResidentFactory(registered_by=user), ResidentFactory(registered_by=user)
    ids = []
    for resident in (first, second):
        response = post(
            client,
            "/api/v1/households/",
            {"members": [{"resident": resident.pk}], "valid_from": "2024-01-01", "organisation": organisation.code},
        )
        ids.append(response.json()["id"])
    before = list(Membership.objects.values())
    response = post(
        client, f"/api/v1/households/{ids[0]}/memberships/", {"resident": second.pk, "valid_from": "2024-06-01"}
    )
    assert response.status_code == 400
    assert "Iemand woont op één dag in één huishouden." in problem_fields(response)["valid_from"][0]
    assert list(Membership.objects.values()) == before


def test_move_out_before_move_in_answers_400(staff_client):
    client, user = staff_client(Role.COORDINATOR)
    organisation = user.affiliations.get().organisation
    resident = ResidentFactory(registered_by=user)
    household = post(
        client,
        "/api/v1/households/",
        {"members": [{"resident": resident.pk}], "valid_from": "2024-01-01", "organisation": organisation.code},
    ).json()
    membership = household["members"][0]["id"]
    response = post(
        client, f"/api/v1/households/{household['id']}/memberships/{membership}/end/", {"valid_to": "2023-01-01"}
    )
    assert response.status_code == 400
    assert problem_fields(response) == {"valid_to": ["De vertrekdatum moet na de datum van komst liggen."]}
    ok = post(client, f"/api/v1/households/{household['id']}/memberships/{membership}/end/", {"valid_to": "2025-01-01"})
    assert ok.status_code == 200
    on = client.get(f"/api/v1/households/{household['id']}/composition/", {"on": "2024-12-31"}).json()
    assert [m["resident"] for m in on] == [resident.pk]
    assert client.get(f"/api/v1/households/{household['id']}/composition/", {"on": "2025-01-01"}).json() == []
    bad = client.get(f"/api/v1/households/{household['id']}/composition/", {"on": "morgen"})
    assert bad.status_code == 400 and "on" in problem_fields(bad)


def test_a_coordinator_cannot_become_coordinator_for_an_organisation_they_do_not_work_for(staff_client):
    from routekaart.organisations.tests.factories import OrganisationFactory

    client, user = staff_client(Role.COORDINATOR)
    response = post(
        client,
        "/api/v1/households/",
        {
            "members": [{"resident": ResidentFactory(registered_by=user).pk}],
            "valid_from": "2024-01-01",
            "organisation": OrganisationFactory().code,
        },
    )
    assert response.status_code == 400
    assert problem_fields(response) == {"user": ["Deze medewerker werkt niet voor deze organisatie."]}
    assert not Household.objects.exists()


@pytest.mark.parametrize("role", [Role.POLICY, Role.SCHOOL, Role.RESIDENT])
def test_only_coordinators_register_residents(staff_client, role):
    client, _ = staff_client(role)
    response = post(
        client,
        "/api/v1/residents/",
        {"bsn": bsn_for(78), "given_names": "A", "family_name": "B", "birth_date": "1990-01-01"},
    )
    assert response.status_code == 403
    assert not Resident.objects.exists()
