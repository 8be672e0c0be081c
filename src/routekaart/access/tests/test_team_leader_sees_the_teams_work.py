"""A team leader (Affiliation.leads_team) sees the open cases of the households the team's coordinators coordinate
and the caseload per coordinator, and reassigns a case through the coordinator's own warm handover. Names show only
where the access check opens the household to the leader, and that read is logged. Nobody else comes in: not a
coordinator without the flag, not another team's leader, not a superuser by being one; each refusal is logged."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from routekaart.access import team
from routekaart.access.models import Case, WarmHandover
from routekaart.audit import services as audit
from routekaart.audit.models import ProcessingLogEntry, Result
from routekaart.income.tests.factories import coordinator_at
from routekaart.organisations.models import Affiliation
from routekaart.organisations.tests.factories import OrganisationFactory, UserFactory
from routekaart.residents.tests.factories import (
    HouseholdFactory,
    InvolvementFactory,
    MembershipFactory,
    ResidentFactory,
)
from routekaart.testing import database_fingerprint

from . import journey

pytestmark = pytest.mark.django_db
NOTE = "Noor wil liever 's ochtends gebeld worden; zus Anna is de vaste steun."


@pytest.fixture
def client_as(client, demo_login):
    def login(user):
        user.is_demo = True
        user.save()
        client.force_login(user)
        return client

    return login


@pytest.fixture
def organisation(coordinator):
    return coordinator.affiliations.get().organisation


@pytest.fixture
def leader(organisation):
    user = coordinator_at(organisation, first_name="Tess", last_name="Teamleider")
    Affiliation.objects.filter(user=user).update(leads_team=True)
    return user


@pytest.fixture
def colleague(organisation):
    return coordinator_at(organisation, first_name="Bas", last_name="Collega")


def _household(family_name: str):
    household = HouseholdFactory()
    mother = ResidentFactory(given_names="Noor", family_name=family_name, birth_date=datetime.date(1985, 3, 1))
    MembershipFactory(household=household, resident=mother, role="head", valid_from=datetime.date(2018, 1, 1))
    household.mother = mother
    return household


def _case(coordinator, family_name: str) -> Case:
    return journey.melding(coordinator, _household(family_name)).case


def _loads(organisation) -> dict[int, tuple[int, int]]:
    return {
        load.user.pk: (load.open_cases, load.overdue_cases)
        for load in team.team_caseload(organisation_ids=[organisation.pk])
    }


def test_the_caseload_counts_each_coordinators_open_cases_at_zero_one_and_many(
    coordinator, colleague, leader, organisation
):
    assert _loads(organisation) == {coordinator.pk: (0, 0), colleague.pk: (0, 0), leader.pk: (0, 0)}
    first = _case(coordinator, "Hendriks")
    _case(coordinator, "Jansen")
    _case(colleague, "Bakker")
    elsewhere = UserFactory(role="coordinator")  # another organisation's coordinator: not this team's work
    _case(elsewhere, "De Vries")
    assert _loads(organisation) == {coordinator.pk: (2, 0), colleague.pk: (1, 0), leader.pk: (0, 0)}
    journey.intake(coordinator, first)
    closed = Case.objects.get(pk=first.pk)
    closed.status, closed.closed_on = "closed", timezone.localdate()
    closed.save(update_fields=["status", "closed_on"])
    assert _loads(organisation)[coordinator.pk] == (1, 0)  # a closed case is no longer work


def test_the_team_page_lists_the_teams_cases_and_filters_by_coordinator(
    client_as, coordinator, colleague, leader, organisation
):
    mine = _case(coordinator, "Hendriks")
    theirs = _case(colleague, "Bakker")
    other = _case(UserFactory(role="coordinator"), "De Vries")
    client = client_as(leader)
    page = client.get(reverse("access:team_caseload")).content.decode()
    assert f'data-case="{mine.pk}"' in page and f'data-case="{theirs.pk}"' in page
    assert f'data-case="{other.pk}"' not in page
    assert "Rana Regisseur" in page and "Bas Collega" in page
    filtered = client.get(reverse("access:team_caseload"), {"coordinator": colleague.pk}).content.decode()
    assert f'data-case="{theirs.pk}"' in filtered and f'data-case="{mine.pk}"' not in filtered


def test_names_show_only_where_the_access_check_opens_the_household_and_the_read_is_logged(
    client_as, coordinator, leader, organisation
):
    opened = _case(coordinator, "Hendriks")
    InvolvementFactory(household=opened.household, organisation=organisation, user=None)  # the team is involved
    closed_to_leader = _case(coordinator, "Jansen")
    client = client_as(leader)
    page = client.get(reverse("access:team_caseload")).content.decode()
    assert "Noor Hendriks" in page and f"Huishouden {opened.household_id}" in page
    assert "Jansen" not in page and f"Huishouden {closed_to_leader.household_id}" not in page
    read = ProcessingLogEntry.objects.filter(actor=leader, result=Result.OK).prefetch_related("data_subjects")
    subjects = {s for entry in read for s in entry.pseudonyms}
    assert audit.pseudonym(opened.household.mother.bsn) in subjects
    assert audit.pseudonym(closed_to_leader.household.mother.bsn) not in subjects


def test_the_team_leader_reassigns_a_case_with_the_warm_handover(client_as, coordinator, colleague, leader):
    case = _case(coordinator, "Hendriks")
    client = client_as(leader)
    url = reverse("access:team_transfer", args=[case.pk])
    assert client.get(url).status_code == 200
    to = Affiliation.objects.get(user=colleague)
    response = client.post(
        url,
        {
            "to": to.pk,
            "note": NOTE,
            "resident_informed_on": timezone.localdate().isoformat(),
            "handed_over_on": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 302, response.content.decode()
    assert Case.objects.get(pk=case.pk).coordinator == colleague
    handover = WarmHandover.objects.get(case=case)
    assert (handover.from_user, handover.to_user, handover.recorded_by) == (coordinator, colleague, leader)


def test_a_handover_without_a_note_is_refused_in_dutch_and_changes_nothing(client_as, coordinator, colleague, leader):
    case = _case(coordinator, "Hendriks")
    client = client_as(leader)
    before = database_fingerprint()
    response = client.post(
        reverse("access:team_transfer", args=[case.pk]),
        {
            "to": Affiliation.objects.get(user=colleague).pk,
            "note": "kort",
            "resident_informed_on": timezone.localdate().isoformat(),
            "handed_over_on": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 400
    assert "Schrijf een overdrachtsnotitie van ten minste 20 tekens" in response.content.decode()
    assert database_fingerprint() == before


def test_another_teams_leader_cannot_reassign_the_case(client_as, coordinator, colleague):
    case = _case(coordinator, "Hendriks")
    stranger = coordinator_at(OrganisationFactory(), first_name="Ver", last_name="Weg")
    Affiliation.objects.filter(user=stranger).update(leads_team=True)
    client = client_as(stranger)
    before = database_fingerprint()
    response = client.post(
        reverse("access:team_transfer", args=[case.pk]),
        {
            "to": Affiliation.objects.get(user=colleague).pk,
            "note": NOTE,
            "resident_informed_on": timezone.localdate().isoformat(),
            "handed_over_on": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 403
    assert "Deze casus hoort niet bij uw team." in response.content.decode()
    assert database_fingerprint() == before
    assert ProcessingLogEntry.objects.filter(actor=stranger, result=Result.DENIED).exists()


@pytest.mark.parametrize("url", ["team", "transfer"])
def test_a_coordinator_who_does_not_lead_the_team_gets_403_and_it_is_logged(client_as, coordinator, url):
    case = _case(coordinator, "Hendriks")
    target = reverse("access:team_caseload") if url == "team" else reverse("access:team_transfer", args=[case.pk])
    response = client_as(coordinator).get(target)
    assert response.status_code == 403
    assert "Alleen een teamleider ziet het werk van het team." in response.content.decode()
    assert ProcessingLogEntry.objects.filter(actor=coordinator, result=Result.DENIED).exists()


def test_a_superuser_without_a_role_sees_no_households_data(client_as, coordinator):
    case = _case(coordinator, "Hendriks")
    admin = UserFactory(is_superuser=True, is_staff=True)
    client = client_as(admin)
    assert client.get(reverse("access:team_caseload")).status_code == 403
    worklist = client.get(reverse("access:worklist"))
    assert "Hendriks" not in worklist.content.decode()
    assert f'data-household="{case.household_id}"' not in worklist.content.decode()
    api = client.get("/api/v1/cases/")
    assert case.pk not in [row["id"] for row in api.json().get("results", [])]
    assert client.get(reverse("access:household", args=[case.household_id])).status_code == 403


def test_the_worklist_links_a_team_leader_to_the_teams_work_and_no_one_else(client_as, coordinator, leader):
    assert "data-team-link" in client_as(leader).get(reverse("access:worklist")).content.decode()
    assert "data-team-link" not in client_as(coordinator).get(reverse("access:worklist")).content.decode()
