"""Registering a resident and their household from the BRP (through the stub over HTTP), or by hand with a reason."""

import logging
from datetime import date

import pytest

from routekaart.audit.models import Event, ProcessingLogEntry
from routekaart.audit.services import pseudonym
from routekaart.organisations.roles import Role
from routekaart.testing import database_fingerprint

from .. import registration
from ..models import Household, Involvement, InvolvementKind, Membership, MembershipRole, Relation, Resident
from . import brp_stub as stub_fixtures
from .brp_stub import FAMILY, NOT_IN_BRP, SINGLE
from .factories import InvolvementFactory, MembershipFactory, ResidentFactory

pytestmark = pytest.mark.django_db
brp_stub, brp_closed = stub_fixtures.brp_stub, stub_fixtures.brp_closed
URL = "/huishoudens/inschrijven/"
MANUAL = "/huishoudens/inschrijven/handmatig/"
UNAVAILABLE = "De BRP geeft nu geen antwoord; probeer het later of registreer handmatig met een reden."


@pytest.fixture
def coordinator(staff_client):
    return staff_client(Role.COORDINATOR)


def test_looking_up_shows_the_person_and_who_lives_there_and_writes_nothing_but_the_log(brp_stub, coordinator):
    client, user = coordinator
    before = database_fingerprint()
    response = client.post(URL, {"bsn": FAMILY[0]})
    assert response.status_code == 200
    page = response.content.decode()
    for name in ("Sanne de Vries", "Ahmed el Amrani", "Noor el Amrani", "Yara el Amrani", "Kievitlaan 12"):
        assert name in page
    assert "Bevestigen en inschrijven" in page
    assert database_fingerprint() == before
    entry = ProcessingLogEntry.objects.get(activity_id="household-composition", actor=user)
    assert set(entry.data_subjects.values_list("pseudonym", flat=True)) == {pseudonym(b) for b in FAMILY}


def test_confirming_registers_the_household_its_members_address_and_the_coordinator_at_once(
    brp_stub, coordinator, caplog
):
    client, user = coordinator
    caplog.set_level(logging.DEBUG)
    response = client.post(URL, {"bsn": FAMILY[0], "bevestigen": "1"})
    assert response.status_code == 302
    household = Household.objects.get()
    assert response["Location"] == f"/huishoudens/{household.pk}/"
    members = {m.resident.bsn: m for m in Membership.objects.filter(household=household).select_related("resident")}
    assert set(members) == set(FAMILY)
    roles = {bsn: m.role for bsn, m in members.items()}
    assert roles == {
        FAMILY[0]: MembershipRole.HEAD,
        FAMILY[1]: MembershipRole.PARTNER,
        FAMILY[2]: MembershipRole.CHILD,
        FAMILY[3]: MembershipRole.CHILD,
    }
    assert members[FAMILY[0]].valid_from == date(2014, 6, 1)  # the BRP's date of moving in
    assert members[FAMILY[2]].valid_from == date(2015, 2, 20)  # born after the move: from birth
    head = members[FAMILY[0]].resident
    assert (head.given_names, head.name_prefix, head.family_name, head.birth_date, head.gender) == (
        "Sanne",
        "de",
        "Vries",
        date(1986, 4, 12),
        "female",
    )
    assert str(head.address) == "Kievitlaan 12, 9999 XA Weidebeek"
    assert Involvement.objects.get(household=household).user == user
    assert Involvement.objects.get(household=household).kind == InvolvementKind.COORDINATOR
    assert Relation.objects.count() == 3  # partner, and parent of two children
    event = Event.objects.get(action="household.registered")
    assert event.after == {"source": "brp", "members": 4}
    assert client.get(response["Location"]).status_code == 200
    assert not any(bsn in caplog.text for bsn in FAMILY)


def test_a_failure_halfway_leaves_nothing_behind(brp_stub, coordinator, monkeypatch):
    client, _user = coordinator

    def refuse(**kwargs):
        raise registration.ValidationError({"related": "Deze relatie is al vastgelegd."})

    monkeypatch.setattr(registration.services, "relation_add", refuse)
    before = database_fingerprint()
    response = client.post(URL, {"bsn": FAMILY[0], "bevestigen": "1"})
    assert response.status_code == 400
    assert database_fingerprint() == before


@pytest.mark.parametrize(
    ("bsn", "message"),
    [
        ("123456789", "Dit is geen geldig BSN: het voldoet niet aan de elfproef."),
        (NOT_IN_BRP, "De BRP kent dit BSN niet. Controleer het nummer, of registreer handmatig met een reden."),
    ],
)
def test_a_bsn_that_is_invalid_or_unknown_is_refused_in_dutch_and_changes_nothing(brp_stub, coordinator, bsn, message):
    client, _user = coordinator
    before = database_fingerprint()
    response = client.post(URL, {"bsn": bsn, "bevestigen": "1"})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert "data-manual-offer" not in response.content.decode()
    assert database_fingerprint() == before


def test_a_brp_that_does_not_answer_is_a_dutch_message_with_manual_entry_and_changes_nothing(brp_closed, coordinator):
    client, _user = coordinator
    before = database_fingerprint()
    response = client.post(URL, {"bsn": FAMILY[0], "bevestigen": "1"})
    assert response.status_code == 400
    page = response.content.decode()
    assert UNAVAILABLE in page
    assert "data-manual-offer" in page and MANUAL in page
    assert database_fingerprint() == before


def test_a_known_bsn_is_not_registered_twice_and_its_household_is_named_only_to_those_involved(brp_stub, coordinator):
    client, user = coordinator
    known = ResidentFactory(bsn=FAMILY[0])
    household = MembershipFactory(resident=known).household
    before = database_fingerprint()
    stranger_page = client.post(URL, {"bsn": FAMILY[0]}).content.decode()
    assert "staat al in Routekaart" in stranger_page
    assert f"/huishoudens/{household.pk}/" not in stranger_page
    refused = client.post(URL, {"bsn": FAMILY[0], "bevestigen": "1"})
    assert refused.status_code == 400
    assert "staat al in Routekaart" in refused.content.decode()
    assert database_fingerprint() == before
    InvolvementFactory(household=household, user=user, organisation=user.affiliations.get().organisation)
    involved_page = client.post(URL, {"bsn": FAMILY[0]}).content.decode()
    assert f"/huishoudens/{household.pk}/" in involved_page


def test_a_co_resident_already_known_stays_where_they_are(brp_stub, coordinator):
    client, _user = coordinator
    partner = ResidentFactory(bsn=FAMILY[1])
    elsewhere = MembershipFactory(resident=partner).household
    assert client.post(URL, {"bsn": FAMILY[0], "bevestigen": "1"}).status_code == 302
    assert Resident.objects.filter(bsn_hash=partner.bsn_hash).count() == 1
    assert Membership.objects.get(resident=partner).household == elsewhere
    new = Household.objects.exclude(pk=elsewhere.pk).get()
    assert Membership.objects.filter(household=new).count() == 3


def test_registering_needs_the_coordinators_permission(brp_stub, staff_client):
    client, _user = staff_client(Role.SCHOOL)
    assert client.post(URL, {"bsn": FAMILY[0], "bevestigen": "1"}).status_code == 403
    assert not Household.objects.exists()


def manual(**changes):
    data = {
        "reason": "De BRP gaf geen antwoord en de inwoner staat aan de balie.",
        "bsn": SINGLE,
        "given_names": "Willem",
        "family_name": "Jansen",
        "birth_date": "1952-07-30",
        "gender": "male",
        "street": "Molenweg",
        "house_number": "3",
        "house_number_addition": "A",
        "postcode": "9999 XB",
        "city": "Beekveld",
    }
    data.update(changes)
    return data


def test_manual_entry_needs_a_reason_and_changes_nothing_without_one(coordinator):
    client, _user = coordinator
    before = database_fingerprint()
    response = client.post(MANUAL, manual(reason=""))
    assert response.status_code == 400
    assert "Dit veld is verplicht" in response.content.decode() or "reden" in response.content.decode()
    short = client.post(MANUAL, manual(reason="geen BRP"))
    assert short.status_code == 400
    assert "Beschrijf de reden in ten minste 15 tekens." in short.content.decode()
    assert database_fingerprint() == before


def test_manual_entry_records_the_reason_in_the_event_and_no_personal_data(coordinator):
    client, user = coordinator
    response = client.post(MANUAL, manual())
    assert response.status_code == 302
    household = Household.objects.get()
    resident = Membership.objects.get(household=household).resident
    assert (resident.family_name, str(resident.address)) == ("Jansen", "Molenweg 3 A, 9999 XB Beekveld")
    event = Event.objects.get(action="household.registered")
    assert event.reason == "De BRP gaf geen antwoord en de inwoner staat aan de balie."
    assert event.after == {"source": "manual", "members": 1}
    assert Involvement.objects.get(household=household).user == user
    for event in Event.objects.all():
        text = f"{event.before} {event.after} {event.subject_id}"
        assert SINGLE not in text and "Jansen" not in text
    assert SINGLE not in response["Location"]
