"""The BRP client after the Haal Centraal BRP Personen bevragen OpenAPI, against the stub over real HTTP."""

import logging
from datetime import date

import httpx
import pytest

from ..brp.client import BrpClient, BrpUnavailable, brp_client
from ..generator.bsn import BsnAllocator, bsn_in_test_band, bsn_passes_eleven_check
from . import brp_stub as stub_fixtures
from .brp_stub import FAMILY, NOT_IN_BRP, SINGLE

brp_stub, brp_silent, brp_closed = stub_fixtures.brp_stub, stub_fixtures.brp_silent, stub_fixtures.brp_closed

UNAVAILABLE = "De BRP geeft nu geen antwoord; probeer het later of registreer handmatig met een reden."


def test_a_person_is_read_with_name_birth_address_and_family(brp_stub):
    person = brp_client().person(FAMILY[0])
    assert (person.given_names, person.name_prefix, person.family_name) == ("Sanne", "de", "Vries")
    assert person.birth_date == date(1986, 4, 12)
    assert person.gender == "female"
    address = person.address
    assert (address.street, address.house_number, address.postcode, address.city) == (
        "Kievitlaan",
        12,
        "9999 XA",
        "Weidebeek",
    )
    assert address.object_id == "0999010000000012"
    assert address.since == date(2014, 6, 1)
    assert [p.bsn for p in person.partners] == [FAMILY[1]]
    assert {c.bsn for c in person.children} == {FAMILY[2], FAMILY[3]}
    child = brp_client().person(FAMILY[2])
    assert {p.bsn for p in child.parents} == {FAMILY[0], FAMILY[1]}


def test_a_house_letter_is_kept_as_the_addition(brp_stub):
    assert brp_client().person(SINGLE).address.addition == "A"


def test_the_people_at_an_address_are_found_by_its_bag_object(brp_stub):
    found = brp_client().residents_at("0999010000000012")
    assert sorted(p.bsn for p in found) == sorted(FAMILY)
    assert all(p.birth_date and p.family_name for p in found)


def test_an_unknown_bsn_is_no_person(brp_stub):
    assert brp_client().person(NOT_IN_BRP) is None


def test_the_stub_refuses_bad_input_with_the_standards_problem_json(brp_stub):
    response = httpx.post(
        f"{brp_stub.url}/personen",
        json={"type": "RaadpleegMetBurgerservicenummer", "burgerservicenummer": ["12"], "fields": ["onbekendVeld"]},
    )
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == 400 and problem["code"] == "paramsValidation"
    assert {p["name"] for p in problem["invalidParams"]} == {"fields[0]", "burgerservicenummer[0]"}
    assert httpx.post(f"{brp_stub.url}/personen", json={"type": "Onbekend", "fields": ["naam"]}).status_code == 400
    assert httpx.get(f"{brp_stub.url}/personen").status_code == 405


def test_the_key_goes_in_the_x_api_key_header(brp_stub):
    brp_stub.api_key = "geheime-sleutel"
    with pytest.raises(BrpUnavailable):
        BrpClient(brp_stub.url).person(FAMILY[0])
    assert BrpClient(brp_stub.url, api_key="geheime-sleutel").person(FAMILY[0]).family_name == "Vries"


@pytest.mark.parametrize("down", ["outage", "closed", "silent"])
def test_a_brp_that_does_not_answer_is_one_dutch_message_and_the_log_holds_no_bsn(down, request, caplog):
    if down == "outage":
        request.getfixturevalue("brp_stub").outage = True
    else:
        request.getfixturevalue(f"brp_{down}")
    caplog.set_level(logging.DEBUG)
    with pytest.raises(BrpUnavailable) as refused:
        brp_client().person(FAMILY[0])
    assert str(refused.value) == UNAVAILABLE
    assert caplog.records, "the failure is logged"
    assert FAMILY[0] not in caplog.text


def test_no_configured_brp_is_the_same_message(settings):
    settings.BRP_API_URL = ""
    with pytest.raises(BrpUnavailable, match="geeft nu geen antwoord"):
        brp_client()


def test_the_stubs_bsns_are_test_numbers_the_demo_generator_never_hands_out(brp_stub):
    stub_bsns = set(brp_stub.register.persons) | {NOT_IN_BRP}
    assert all(bsn_passes_eleven_check(b) and bsn_in_test_band(b) for b in stub_bsns)
    generated = {BsnAllocator(seed=1)(i) for i in range(9_000)}
    assert not stub_bsns & generated
