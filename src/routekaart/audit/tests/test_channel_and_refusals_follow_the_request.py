"""The processing log takes its channel from the request (page or api), not from the service's call site, and
every refusal is written exactly once, also when the refused request's transaction is rolled back."""

import pytest
from django.urls import reverse

from routekaart.audit.models import Operation, ProcessingLogEntry, Result
from routekaart.audit.services import processing_record, pseudonym
from routekaart.organisations.models import OrganisationKind
from routekaart.organisations.roles import Role
from routekaart.organisations.tests.factories import AffiliationFactory, OrganisationFactory, UserFactory
from routekaart.residents import services as residents
from routekaart.residents.tests.factories import InvolvementFactory, MembershipFactory, ResidentFactory, bsn_for

pytestmark = [pytest.mark.django_db]


def post(client, url, data):
    return client.post(url, data, content_type="application/json")


def writes(user):
    return ProcessingLogEntry.objects.filter(actor=user, operation=Operation.WRITE)


def denials(user):
    return ProcessingLogEntry.objects.filter(actor=user, result=Result.DENIED)


def register(client, seed):
    response = post(
        client,
        "/api/v1/residents/",
        {"bsn": bsn_for(seed), "given_names": "Anna", "family_name": "Veld", "birth_date": "1990-01-01"},
    )
    assert response.status_code == 201, response.json()
    return response.json()["id"]


def test_a_household_composition_change_through_the_api_is_logged_as_api(staff_client):
    client, user = staff_client(Role.COORDINATOR)
    organisation = user.affiliations.get().organisation
    first, second = register(client, 71), register(client, 72)
    household = post(
        client,
        "/api/v1/households/",
        {"members": [{"resident": first}], "valid_from": "2024-01-01", "organisation": organisation.code},
    )
    assert household.status_code == 201, household.json()
    moved_in = post(
        client,
        f"/api/v1/households/{household.json()['id']}/memberships/",
        {"resident": second, "valid_from": "2024-06-01"},
    )
    assert moved_in.status_code == 201, moved_in.json()
    assert writes(user).count() >= 4  # two registrations, the household, the move
    assert set(writes(user).values_list("channel", flat=True)) == {"api"}


def test_the_same_change_on_the_page_is_logged_as_page(staff_client):
    client, user = staff_client(Role.COORDINATOR)
    organisation = user.affiliations.get().organisation
    resident = ResidentFactory()
    household = MembershipFactory(resident=resident).household
    InvolvementFactory(household=household, organisation=organisation, user=user)
    consent = residents.consent_record(
        actor=user, household=household, resident=resident, organisation=organisation, domain="J", scope="Afstemming"
    )
    before = writes(user).count()
    response = client.post(reverse("residents:consent_withdraw", args=[household.pk, consent.pk]))
    assert response.status_code == 302
    assert writes(user).count() > before
    assert set(writes(user).values_list("channel", flat=True)) == {"page"}


def test_an_explicit_channel_still_wins(staff_client):
    _, user = staff_client(Role.COORDINATOR)
    processing_record(actor=user, activity="household-file", data_subjects=["x"], channel="export")
    assert ProcessingLogEntry.objects.get(actor=user).channel == "export"


# --- refusals ---------------------------------------------------------------------------------------------------


@pytest.fixture
def trajectory(client, demo_login, network, pupil):
    client.force_login(network.school_user)
    response = post(
        client,
        "/api/v1/routes/trajectories/",
        {
            "resident": pupil.pk,
            "route": "de_dienst.sheltered_work",
            "organisations": {"school": "vso-de-horizon", "dienst": "dienst", "area_team": "gebiedsteam"},
            "school_kind": "vso",
            "exit_profile": "sheltered_work",
        },
    )
    assert response.status_code == 201, response.json()
    client.logout()
    return response.json()["id"]


@pytest.fixture
def stranger(client, demo_login):
    """A coordinator of a team that is not involved with the pupil's household."""
    user = UserFactory(is_demo=True)
    team = OrganisationFactory(kind=OrganisationKind.TEAM, team_kind="neighbourhood")
    AffiliationFactory(user=user, organisation=team, role=Role.COORDINATOR)
    client.force_login(user)
    return user


def test_a_refused_trajectory_read_through_the_api_is_logged_once_per_person_as_api(
    client, trajectory, stranger, pupil
):
    response = client.get(f"/api/v1/routes/trajectories/{trajectory}/")
    assert response.status_code == 403
    assert response.json()["detail"].startswith("U bent niet betrokken bij")
    logged = list(denials(stranger))
    assert [e.pseudonyms for e in logged] == [[pseudonym(pupil.bsn)]]
    assert {e.channel for e in logged} == {"api"}


def test_a_refused_trajectory_page_is_logged_once_per_person_as_page(client, trajectory, stranger, pupil):
    response = client.get(reverse("routes:trajectory_detail", args=[trajectory]))
    assert response.status_code == 403
    assert "U bent niet betrokken bij" in response.text
    logged = list(denials(stranger))
    assert [e.pseudonyms for e in logged] == [[pseudonym(pupil.bsn)]]
    assert {e.channel for e in logged} == {"page"}


def test_a_refusal_outside_a_request_is_written_at_once(stranger):
    processing_record(actor=stranger, activity="household-file", data_subjects=["a", "b"], result=Result.DENIED)
    assert sorted(denials(stranger).get().pseudonyms) == ["a", "b"]  # one refusal of two people
