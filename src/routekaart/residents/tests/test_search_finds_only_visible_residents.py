"""Search finds a person by each criterion, but only inside the households the user may see now."""

import datetime

import pytest
from django.urls import reverse

from routekaart.organisations.roles import Domain, Role
from routekaart.testing import database_fingerprint

from .factories import (
    AddressFactory,
    ConsentFactory,
    InvolvementFactory,
    MembershipFactory,
    ResidentFactory,
    bsn_for,
)

pytestmark = pytest.mark.django_db
URL = "/huishoudens/zoeken/"
NOTHING = "Geen inwoners gevonden binnen de huishoudens waarbij u betrokken bent."


def resident_in_view(user, **fields):
    """A resident in a household the user is involved with."""
    membership = MembershipFactory(resident=ResidentFactory(**fields))
    organisation = user.affiliations.get().organisation
    InvolvementFactory(household=membership.household, organisation=organisation, user=user)
    return membership.resident


def stranger(**fields):
    """A resident in a household nobody of the user's organisation is involved with."""
    return MembershipFactory(resident=ResidentFactory(**fields)).resident


def found_ids(response) -> set[int]:
    return {row.resident.pk for row in response.context["result"].rows}


@pytest.fixture
def coordinator(staff_client):
    return staff_client(Role.COORDINATOR)


def test_the_bsn_finds_a_visible_resident(coordinator):
    client, user = coordinator
    resident = resident_in_view(user)
    resident_in_view(user)
    response = client.post(URL, {"bsn": resident.bsn})
    assert response.status_code == 200
    assert found_ids(response) == {resident.pk}
    assert resident.full_name in response.text
    assert reverse("residents:household_detail", args=[resident.memberships.get().household_id]) in response.text


def test_a_bsn_typed_with_dots_and_spaces_is_found(coordinator):
    client, user = coordinator
    resident = resident_in_view(user)
    typed = f"{resident.bsn[:4]}.{resident.bsn[4:6]} {resident.bsn[6:]}"
    assert found_ids(client.post(URL, {"bsn": typed})) == {resident.pk}


def test_the_family_name_is_a_prefix_without_case_or_accents(coordinator):
    client, user = coordinator
    celik = resident_in_view(user, family_name="Çelik", given_names="Ayşe")
    dijk = resident_in_view(user, family_name="Dijkstra", name_prefix="", given_names="Jan")
    resident_in_view(user, family_name="Jansen")
    assert found_ids(client.post(URL, {"family_name": "celi"})) == {celik.pk}
    assert found_ids(client.post(URL, {"family_name": "ÇELIK"})) == {celik.pk}
    assert found_ids(client.post(URL, {"family_name": "DIJK"})) == {dijk.pk}


def test_a_name_prefix_typed_before_the_family_name_is_looked_past(coordinator):
    client, user = coordinator
    dijk = resident_in_view(user, name_prefix="van", family_name="Dijk")
    assert found_ids(client.post(URL, {"family_name": "van Dijk"})) == {dijk.pk}


def test_a_given_name_or_initial_narrows_the_family_name(coordinator):
    client, user = coordinator
    jan = resident_in_view(user, family_name="Bakker", given_names="Jan Pieter")
    resident_in_view(user, family_name="Bakker", given_names="Fatima")
    assert found_ids(client.post(URL, {"family_name": "bakker", "given_name": "J."})) == {jan.pk}
    assert found_ids(client.post(URL, {"family_name": "bakker", "given_name": "jan"})) == {jan.pk}


def test_the_birth_date_finds_a_visible_resident(coordinator):
    client, user = coordinator
    born = resident_in_view(user, birth_date=datetime.date(1977, 3, 4))
    resident_in_view(user, birth_date=datetime.date(1980, 1, 1))
    stranger(birth_date=datetime.date(1977, 3, 4))
    assert found_ids(client.post(URL, {"birth_date": "1977-03-04"})) == {born.pk}


def test_postcode_and_house_number_with_addition_find_a_visible_resident(coordinator):
    client, user = coordinator
    here = resident_in_view(
        user, address=AddressFactory(postcode="3511 AB", house_number=12, house_number_addition="A")
    )
    resident_in_view(user, address=AddressFactory(postcode="3511 AB", house_number=12, house_number_addition="B"))
    resident_in_view(user, address=AddressFactory(postcode="3511 AB", house_number=14))
    data = {"postcode": "3511ab", "house_number": "12", "house_number_addition": "a"}
    assert found_ids(client.post(URL, data)) == {here.pk}
    assert len(found_ids(client.post(URL, {"postcode": "3511 AB", "house_number": "12"}))) == 2
    assert len(found_ids(client.post(URL, {"postcode": "3511 AB"}))) == 3


def test_a_resident_outside_ones_households_is_never_shown_and_the_answer_is_the_same(coordinator):
    client, _ = coordinator
    other = stranger(family_name="Vermeulen")
    known = client.post(URL, {"bsn": other.bsn})
    unknown = client.post(URL, {"bsn": bsn_for(4_444_444)})
    by_name = client.post(URL, {"family_name": "Vermeulen"})
    for response in (known, unknown, by_name):
        assert response.status_code == 200
        assert response.context["result"].rows == []
        assert NOTHING in response.text
        assert "Vermeulen" not in response.text.replace('value="Vermeulen"', "")


def test_a_consent_shows_only_the_person_who_gave_it_not_the_housemates(coordinator):
    client, user = coordinator
    membership = MembershipFactory(resident=ResidentFactory(family_name="Smit", given_names="Anna"))
    MembershipFactory(household=membership.household, resident=ResidentFactory(family_name="Smit", given_names="Bo"))
    ConsentFactory(
        household=membership.household,
        resident=membership.resident,
        organisation=user.affiliations.get().organisation,
        domain=Domain.GENERAL,
    )
    assert found_ids(client.post(URL, {"family_name": "smit"})) == {membership.resident.pk}


def test_more_than_fifty_results_show_fifty_and_ask_to_narrow(coordinator):
    client, user = coordinator
    for _ in range(51):
        resident_in_view(user, family_name="Visser")
    response = client.post(URL, {"family_name": "visser"})
    assert len(response.context["result"].rows) == 50
    assert "Verfijn uw zoekopdracht" in response.text


def test_a_bsn_failing_the_eleven_check_is_refused_in_dutch(coordinator):
    client, _ = coordinator
    response = client.post(URL, {"bsn": "123456788"})
    assert response.status_code == 400
    assert "Dit BSN bestaat niet: het voldoet niet aan de elfproef." in response.text
    assert "result" not in response.context
    response = client.post(URL, {"bsn": "12345"})
    assert "Een BSN bestaat uit negen cijfers." in response.text


def test_no_criterion_is_refused_in_dutch_and_changes_nothing(coordinator):
    client, user = coordinator
    resident_in_view(user)
    before = database_fingerprint()
    response = client.post(URL, {"given_name": "", "bsn": ""})
    assert response.status_code == 400
    assert "Vul ten minste één zoekgegeven in" in response.text
    assert "result" not in response.context
    assert database_fingerprint() == before


def test_a_name_alone_needs_two_letters(coordinator):
    client, user = coordinator
    resident_in_view(user, family_name="Ali", birth_date=datetime.date(1990, 2, 2))
    response = client.post(URL, {"family_name": "A"})
    assert response.status_code == 400
    assert "Vul ten minste 2 letters van de achternaam in" in response.text
    response = client.post(URL, {"family_name": "A", "birth_date": "1990-02-02"})
    assert response.status_code == 200
    assert len(response.context["result"].rows) == 1


def test_a_get_with_a_bsn_in_the_address_searches_nothing(coordinator):
    client, user = coordinator
    resident = resident_in_view(user)
    response = client.get(URL, {"bsn": resident.bsn})
    assert response.status_code == 200
    assert "result" not in response.context
    assert resident.bsn not in response.text
    assert resident.full_name not in response.text


def test_the_worklist_links_to_the_search(coordinator):
    client, _ = coordinator
    assert URL in client.get(reverse("residents:household_list")).text
