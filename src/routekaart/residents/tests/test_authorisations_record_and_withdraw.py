"""Machtigingen: staff record one (principal 16+, agent 18+, not oneself, one open per pair and domain), the principal
or staff withdraw it at once; each with an event the coordinator reads on the timeline and a processing-log entry
(activity consent). Every refusal says why in Dutch and changes nothing."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from freezegun import freeze_time

from routekaart.audit.models import Event, ProcessingLogEntry
from routekaart.audit.services import pseudonym
from routekaart.organisations.roles import Role
from routekaart.organisations.tests.factories import AffiliationFactory, UserFactory
from routekaart.testing import database_fingerprint

from .. import selectors
from ..access import household_access
from ..authorisation_services import authorisation_record, authorisation_withdraw
from ..models import Authorisation
from ..timeline import timeline_page
from .factories import HouseholdFactory, InvolvementFactory, MembershipFactory, ResidentFactory

pytestmark = pytest.mark.django_db
TODAY = date(2026, 6, 1)


@pytest.fixture
def people():
    household = HouseholdFactory()
    mother = ResidentFactory(given_names="Marieke", family_name="Oosterveld", birth_date=date(1960, 2, 2))
    daughter = ResidentFactory(given_names="Sanne", family_name="Oosterveld", birth_date=date(1990, 3, 3))
    MembershipFactory(household=household, resident=mother, valid_from=date(2019, 1, 1))
    MembershipFactory(resident=daughter, valid_from=date(2019, 1, 1))
    return household, mother, daughter


@pytest.fixture
def coordinator(people):
    household = people[0]
    user = UserFactory(first_name="Omar", last_name="Haddou")
    affiliation = AffiliationFactory(user=user, role=Role.COORDINATOR)
    InvolvementFactory(household=household, organisation=affiliation.organisation)
    return user


def record(actor, principal, agent, domains="alles", valid_from=TODAY, valid_to=None):
    return authorisation_record(
        actor=actor, principal=principal, agent=agent, domains=domains, valid_from=valid_from, valid_to=valid_to
    )


def refused(call) -> ValidationError:
    before = database_fingerprint()
    with pytest.raises(ValidationError) as caught:
        call()
    assert database_fingerprint() == before
    return caught.value


@freeze_time(TODAY)
def test_recording_stores_the_domains_writes_an_event_and_logs_both_persons(people, coordinator):
    household, mother, daughter = people
    authorisation = record(coordinator, mother, daughter, domains=["P", "G"])
    assert authorisation.domains == "GP"
    assert authorisation.recorded_by == coordinator
    event = Event.objects.get(action="authorisation.recorded")
    assert event.household_id == household.pk
    entry = ProcessingLogEntry.objects.filter(activity_id="consent").latest("id")
    assert set(entry.pseudonyms) == {pseudonym(mother.bsn), pseudonym(daughter.bsn)}


@freeze_time(TODAY)
def test_everything_is_all_four_domains(people, coordinator):
    _household, mother, daughter = people
    assert record(coordinator, mother, daughter).domains == "GJPW"


@freeze_time(TODAY)
def test_the_coordinator_reads_the_authorisation_on_the_household_timeline(people, coordinator):
    household, mother, daughter = people
    authorisation = record(coordinator, mother, daughter)
    authorisation_withdraw(actor=coordinator, authorisation=authorisation)
    _page, entries = timeline_page(access=household_access(user=coordinator, household_id=household.pk))
    sentences = [entry.sentence for entry in entries]
    assert any(s.startswith("Machtiging van Marieke Oosterveld aan Sanne Oosterveld ingetrokken") for s in sentences)
    assert any(
        s.startswith("Marieke Oosterveld machtigde Sanne Oosterveld om mee te kijken in Mijn Routekaart")
        for s in sentences
    )


@freeze_time(TODAY)
def test_nobody_authorises_themself(people, coordinator):
    _household, mother, _daughter = people
    error = refused(lambda: record(coordinator, mother, mother))
    assert error.message_dict == {"agent": ["Iemand kan zichzelf niet machtigen."]}


@freeze_time(TODAY)
def test_a_principal_of_15_on_the_start_date_is_refused_and_of_16_accepted(coordinator):
    parent = ResidentFactory(birth_date=date(1980, 1, 1))
    child = ResidentFactory(birth_date=date(2010, 6, 2))  # 16 on 2 June 2026
    error = refused(lambda: record(coordinator, child, parent, valid_from=date(2026, 6, 1)))
    assert error.message_dict == {
        "principal": ["Wie een machtiging geeft, is op de begindatum ten minste 16 jaar oud."]
    }
    assert record(coordinator, child, parent, valid_from=date(2026, 6, 2)).pk


@freeze_time(TODAY)
def test_an_agent_of_17_on_the_start_date_is_refused(coordinator):
    principal = ResidentFactory(birth_date=date(1980, 1, 1))
    agent = ResidentFactory(birth_date=date(2008, 6, 2))  # 18 on 2 June 2026
    error = refused(lambda: record(coordinator, principal, agent, valid_from=date(2026, 6, 1)))
    assert error.message_dict == {"agent": ["Wie gemachtigd wordt, is op de begindatum ten minste 18 jaar oud."]}
    assert record(coordinator, principal, agent, valid_from=date(2026, 6, 2)).pk


@freeze_time(TODAY)
def test_a_second_open_authorisation_for_the_same_pair_and_domain_is_refused(people, coordinator):
    _household, mother, daughter = people
    record(coordinator, mother, daughter, domains=["P", "G"])
    error = refused(lambda: record(coordinator, mother, daughter, domains=["G"], valid_from=date(2026, 7, 1)))
    assert error.message_dict == {
        "domains": ["Deze persoon is voor dit domein al gemachtigd in deze periode. Trek die eerst in."]
    }
    assert record(coordinator, mother, daughter, domains=["J"]).domains == "J"


@freeze_time(TODAY)
def test_after_withdrawal_the_same_pair_may_be_authorised_again(people, coordinator):
    _household, mother, daughter = people
    authorisation_withdraw(actor=coordinator, authorisation=record(coordinator, mother, daughter))
    assert record(coordinator, mother, daughter).pk


@freeze_time(TODAY)
def test_no_domain_or_an_unknown_one_is_refused(people, coordinator):
    _household, mother, daughter = people
    for domains in ([], ["X"]):
        error = refused(lambda domains=domains: record(coordinator, mother, daughter, domains=domains))
        assert error.message_dict == {"domains": ["Kies waarvoor de machtiging geldt: alles, of een of meer domeinen."]}


@freeze_time(TODAY)
def test_an_end_before_the_start_is_refused(people, coordinator):
    _household, mother, daughter = people
    error = refused(lambda: record(coordinator, mother, daughter, valid_to=date(2026, 5, 1)))
    assert error.message_dict == {"valid_to": ["De einddatum ligt vóór de begindatum."]}


@freeze_time(TODAY)
def test_a_deceased_principal_is_refused(people, coordinator):
    _household, mother, daughter = people
    mother.date_of_death = date(2026, 5, 1)
    mother.save()
    error = refused(lambda: record(coordinator, mother, daughter))
    assert error.messages == ["Een machtiging kan alleen tussen levende personen."]


@freeze_time(TODAY)
def test_the_principal_withdraws_with_their_own_account(people, coordinator):
    _household, mother, daughter = people
    mother.user = UserFactory()
    mother.save()
    authorisation = record(coordinator, mother, daughter)
    done = authorisation_withdraw(actor=mother.user, authorisation=authorisation)
    assert done.withdrawn_at is not None and done.withdrawn_by == mother.user
    assert Event.objects.filter(action="authorisation.withdrawn", actor=mother.user).count() == 1


@freeze_time(TODAY)
def test_the_agent_or_another_resident_cannot_withdraw(people, coordinator):
    _household, mother, daughter = people
    daughter.user = UserFactory()
    daughter.save()
    authorisation = record(coordinator, mother, daughter)
    error = refused(lambda: authorisation_withdraw(actor=daughter.user, authorisation=authorisation))
    assert error.messages == ["Alleen wie de machtiging gaf, of een medewerker, kan haar intrekken."]


@freeze_time(TODAY)
def test_withdrawing_twice_is_refused(people, coordinator):
    _household, mother, daughter = people
    authorisation = record(coordinator, mother, daughter)
    authorisation_withdraw(actor=coordinator, authorisation=authorisation)
    error = refused(lambda: authorisation_withdraw(actor=coordinator, authorisation=authorisation))
    assert error.messages == ["Deze machtiging is al ingetrokken."]


@freeze_time(TODAY)
def test_the_selectors_read_given_and_received_in_one_query_each(people, coordinator):
    _household, mother, daughter = people
    for _ in range(3):
        other = ResidentFactory(birth_date=date(1970, 1, 1))
        record(coordinator, mother, other)
        record(coordinator, other, daughter)
    for selector, resident in ((selectors.authorisations_given, mother), (selectors.authorisations_received, daughter)):
        with CaptureQueriesContext(connection) as queries:
            rows = selector(resident_id=resident.pk)
            names = [
                (a.agent.full_name, a.principal_id)
                if selector is selectors.authorisations_given
                else (a.principal.full_name, a.agent_id)
                for a in rows
            ]
        assert len(names) == 3
        assert len(queries) == 1
    assert Authorisation.objects.count() == 6
