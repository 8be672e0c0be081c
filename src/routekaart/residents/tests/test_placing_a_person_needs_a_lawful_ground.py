"""Registering or re-housing a person is no way to gain access: it needs a lawful ground, and a refusal is logged
and tells nothing about whether the person exists, died or moved away."""

from datetime import date

import pytest

from routekaart.audit.models import Event, ProcessingLogEntry, Result
from routekaart.audit.services import pseudonym
from routekaart.organisations.roles import Role

from ..models import Household, InvolvementKind, Membership
from .factories import HouseholdFactory, InvolvementFactory, MembershipFactory, ResidentFactory

pytestmark = pytest.mark.django_db
REFUSAL = "U bent niet betrokken bij deze inwoner."


@pytest.fixture
def stranger():
    """A person who lived elsewhere and has no current household (moved away on 1 March 2024)."""
    resident = ResidentFactory(birth_date=date(1950, 1, 1))
    MembershipFactory(resident=resident, valid_from=date(2000, 1, 1), valid_to=date(2024, 3, 1))
    return resident


def organisation_of(user):
    return user.affiliations.get().organisation


def create(client, user, resident_id: int, valid_from: str):
    body = {
        "members": [{"resident": resident_id, "role": "head"}],
        "valid_from": valid_from,
        "organisation": organisation_of(user).code,
    }
    return client.post("/api/v1/households/", body, content_type="application/json")


def test_a_coordinator_cannot_claim_a_stranger_by_registering_a_household(staff_client, stranger):
    client, coordinator = staff_client(Role.COORDINATOR)
    households, memberships, events = Household.objects.count(), Membership.objects.count(), Event.objects.count()

    response = create(client, coordinator, stranger.pk, "2024-06-01")

    assert response.status_code == 403
    assert response.json()["detail"] == REFUSAL
    assert (Household.objects.count(), Membership.objects.count(), Event.objects.count()) == (
        households,
        memberships,
        events,
    )
    refused = ProcessingLogEntry.objects.filter(actor=coordinator, result=Result.DENIED)
    assert list(refused.values_list("data_subjects__pseudonym", "channel")) == [(pseudonym(stranger.bsn), "api")]
    assert client.get(f"/api/v1/residents/{stranger.pk}/").status_code == 403


def test_a_refusal_reads_the_same_for_any_date_and_for_a_person_who_does_not_exist(staff_client, stranger):
    client, coordinator = staff_client(Role.COORDINATOR)
    answers = {
        # each refusal names its own occurrence (`instance`); everything else reads the same
        (r.status_code, tuple((k, str(v)) for k, v in r.json().items() if k != "instance"))
        for r in (
            create(client, coordinator, stranger.pk, "2024-02-01"),  # before the move
            create(client, coordinator, stranger.pk, "2024-03-01"),
            create(client, coordinator, stranger.pk, "2024-04-01"),  # after it
            create(client, coordinator, 987654321, "2024-04-01"),  # nobody
        )
    }
    assert len(answers) == 1
    assert ProcessingLogEntry.objects.filter(actor=coordinator, result=Result.DENIED).count() == 4


def test_moving_a_stranger_into_ones_own_household_is_refused_too(staff_client, stranger):
    client, coordinator = staff_client(Role.COORDINATOR)
    own = HouseholdFactory()
    InvolvementFactory(
        household=own, organisation=organisation_of(coordinator), user=coordinator, kind=InvolvementKind.COORDINATOR
    )
    before = Membership.objects.count()
    response = client.post(
        f"/api/v1/households/{own.pk}/memberships/",
        {"resident": stranger.pk, "valid_from": "2024-06-01"},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert response.json()["detail"] == REFUSAL
    assert Membership.objects.count() == before


def test_a_person_the_coordinator_registered_can_be_housed(staff_client):
    client, coordinator = staff_client(Role.COORDINATOR)
    registered = client.post(
        "/api/v1/residents/",
        {"bsn": "999990019", "given_names": "Sanne", "family_name": "Bakker", "birth_date": "1990-04-04"},
        content_type="application/json",
    )
    assert registered.status_code == 201, registered.content
    response = create(client, coordinator, registered.json()["id"], "2026-01-01")
    assert response.status_code == 201, response.content
    assert response.json()["members"][0]["given_names"] == "Sanne"


def test_a_coordinator_may_rehouse_a_person_of_a_household_they_coordinate(staff_client):
    client, coordinator = staff_client(Role.COORDINATOR)
    home = HouseholdFactory()
    InvolvementFactory(
        household=home, organisation=organisation_of(coordinator), user=coordinator, kind=InvolvementKind.COORDINATOR
    )
    son = ResidentFactory(birth_date=date(2001, 1, 1))
    MembershipFactory(household=home, resident=son, valid_from=date(2001, 1, 1), valid_to=date(2026, 1, 1))
    response = create(client, coordinator, son.pk, "2026-01-01")
    assert response.status_code == 201, response.content
