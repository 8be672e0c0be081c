"""The BRP stays the source: a household's members are compared with it on request, and a difference is taken over
only when someone confirms it (one transaction, one event)."""

import pytest

from routekaart.audit.models import Event
from routekaart.organisations.roles import Role
from routekaart.testing import database_fingerprint

from .. import selectors
from ..access import household_access_check
from ..models import Household, Involvement, Membership, Resident
from ..registration_block import brp_block
from . import brp_stub as stub_fixtures
from .brp_stub import FAMILY, SINGLE

pytestmark = pytest.mark.django_db
brp_stub, brp_closed = stub_fixtures.brp_stub, stub_fixtures.brp_closed


@pytest.fixture
def registered(brp_stub, staff_client):
    """Willem Jansen registered from the stub, then moved and renamed in the BRP only."""
    client, _user = staff_client(Role.COORDINATOR)
    assert client.post("/huishoudens/inschrijven/", {"bsn": SINGLE, "bevestigen": "1"}).status_code == 302
    household = Household.objects.get()
    brp_stub.register.persons[SINGLE]["geslachtsnaam"] = "Jansen-de Boer"
    brp_stub.register.persons[SINGLE]["adres"] = "hoef"
    return client, household, Membership.objects.get(household=household).resident


def test_the_compare_page_shows_each_difference_and_changes_nothing(registered):
    client, household, resident = registered
    before = database_fingerprint()
    response = client.get(f"/huishoudens/{household.pk}/brp/")
    assert response.status_code == 200
    page = response.content.decode()
    for text in ("Achternaam", "Jansen-de Boer", "Adres", "Molenweg 3 A, 9999 XB Beekveld", "Hoefweg 7, 9999 XD"):
        assert text in page
    assert database_fingerprint() == before
    assert Resident.objects.get(pk=resident.pk).family_name == "Jansen"


def test_confirming_takes_over_the_differences_in_one_event(registered):
    client, household, resident = registered
    events = Event.objects.count()
    response = client.post(
        f"/huishoudens/{household.pk}/brp/", {"resident": resident.pk, "changed": "family_name,address"}
    )
    assert response.status_code == 302
    resident.refresh_from_db()
    assert resident.family_name == "Jansen-de Boer"
    assert str(resident.address) == "Hoefweg 7, 9999 XD Oosterweide"
    new_events = list(Event.objects.order_by("pk")[events:].values_list("action", flat=True))
    assert new_events.count("resident.updated") == 1
    assert set(new_events) <= {"resident.updated", "address.registered"}
    assert "Gelijk aan de BRP." in client.get(response["Location"]).content.decode()


def test_a_confirmation_of_other_differences_than_the_brp_now_has_changes_nothing(registered):
    client, household, resident = registered
    before = database_fingerprint()
    response = client.post(f"/huishoudens/{household.pk}/brp/", {"resident": resident.pk, "changed": "family_name"})
    assert response.status_code == 400
    assert "De BRP is intussen gewijzigd." in response.content.decode()
    assert database_fingerprint() == before


def test_a_brp_without_an_answer_is_shown_and_nothing_changes(registered, settings, brp_stub):
    client, household, resident = registered
    brp_stub.outage = True
    before = database_fingerprint()
    page = client.get(f"/huishoudens/{household.pk}/brp/").content.decode()
    assert "De BRP geeft nu geen antwoord" in page
    response = client.post(
        f"/huishoudens/{household.pk}/brp/", {"resident": resident.pk, "changed": "family_name,address"}
    )
    assert response.status_code == 400
    assert database_fingerprint() == before


def test_someone_not_involved_cannot_compare_or_apply(registered, client, staff_client):
    _client, household, resident = registered
    other, _user = staff_client(Role.COORDINATOR)
    assert other.get(f"/huishoudens/{household.pk}/brp/").status_code == 403
    before = database_fingerprint()
    response = other.post(
        f"/huishoudens/{household.pk}/brp/", {"resident": resident.pk, "changed": "family_name,address"}
    )
    assert response.status_code == 403
    assert database_fingerprint() == before


def test_the_household_page_has_a_brp_block_linking_to_the_comparison(registered):
    _client, household, _resident = registered
    user = Involvement.objects.get(household=household).user
    file = selectors.household_file_get(access=household_access_check(user=user, household_id=household.pk))
    block = brp_block(file)
    assert block.url == f"/huishoudens/{household.pk}/brp/"
    assert [str(a.label) for a in block.actions] == ["Vergelijken met de BRP"]


def test_no_bsn_in_any_address_of_the_journey(registered):
    client, household, _resident = registered
    page = client.get(f"/huishoudens/{household.pk}/brp/").content.decode()
    import re

    for url in re.findall(r'(?:href|action)="([^"]*)"', page):
        assert not any(bsn in url for bsn in (SINGLE, *FAMILY))
