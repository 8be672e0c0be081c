"""The household page shows the household's assignments: provider, product, volume, each state (sent, started on,
stopped on and why), the latest progress report with its goal ratings and the messages exchanged; only to a viewer
who may see the provision's law, and the read is logged under the delivery of an assigned provision."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from routekaart.access import services as access_services
from routekaart.access.tests import journey
from routekaart.access.tests.provision_market import market_for
from routekaart.audit.models import ProcessingLogEntry
from routekaart.organisations.roles import Role
from routekaart.organisations.tests.factories import UserFactory
from routekaart.residents.tests.factories import HouseholdFactory, MembershipFactory, ResidentFactory

from ..household_block import assignments_block
from ..models import Assignment, ProgressReport
from ..services import assignments as flow
from .factories import AssignmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def exchange(settings, tmp_path):
    settings.PROVIDERS_EXCHANGE_DIR = str(tmp_path / "exchange")


@pytest.fixture
def world(db):
    from routekaart.access.configuration import access_configuration_load
    from routekaart.catalog import services as catalog_services

    catalog_services.catalog_load()
    access_configuration_load()
    coordinator = UserFactory(first_name="Rana", last_name="Regisseur", role=Role.COORDINATOR)
    household = HouseholdFactory()
    mother = ResidentFactory(given_names="Noor", family_name="Hendriks", birth_date=datetime.date(1985, 3, 1))
    son = ResidentFactory(given_names="Sem", family_name="Hendriks", birth_date=datetime.date(2013, 9, 1))
    MembershipFactory(household=household, resident=mother, role="head", valid_from=datetime.date(2018, 1, 1))
    MembershipFactory(household=household, resident=son, role="child", valid_from=datetime.date(2018, 1, 1))
    household.mother, household.son = mother, son
    case = journey.to_active_plan(coordinator, household)
    market = market_for(household, name="Zorg De Linde")
    decision = access_services.decision_record(
        actor=coordinator,
        case=case,
        addressee=mother,
        provisions=[journey.guidance(provider=market.provider)],
    ).decision
    assignment = Assignment.objects.get(provision_id=decision.provisions.get().pk)
    return coordinator, household, assignment


def page(client, user, household) -> str:
    user.is_demo = True
    user.save()
    client.force_login(user)
    response = client.get(reverse("residents:household_detail", args=[household.pk]))
    assert response.status_code == 200
    return response.text


def test_the_block_shows_a_sent_assignment_with_its_301_and_logs_the_read(client, demo_login, world):
    coordinator, household, assignment = world

    text = page(client, coordinator, household)

    assert "Toewijzingen aan aanbieders" in text
    assert f'data-assignment="{assignment.number}"' in text
    assert "Zorg De Linde" in text and assignment.product.name in text
    assert "Status: verstuurd op" in text
    assert "301 toewijzing, verstuurd" in text
    assert "Nog geen voortgangsverslag." in text
    assert ProcessingLogEntry.objects.filter(activity="provision-delivery", actor=coordinator).exists()


def test_the_block_shows_start_progress_and_stop_with_its_reason(client, demo_login, world):
    coordinator, household, assignment = world
    today = timezone.localdate()
    flow.assignment_start(actor=coordinator, assignment=assignment, started_on=today)
    assignment.refresh_from_db()
    ProgressReport.objects.create(
        assignment=assignment,
        reported_on=today,
        reported_by=coordinator,
        goal_ratings=[{"goal": goal["id"], "rating": "on_track", "text": ""} for goal in assignment.goals],
        summary="Noor structureert haar week weer zelf; de begeleiding kan afbouwen. " * 4,
    )
    flow.assignment_stop(actor=coordinator, assignment=assignment, stopped_on=today, reason="19")

    text = page(client, coordinator, household)

    day = today.strftime("%-d")
    assert "gestopt" in text
    assert f"gestart op {day}" in text and f"gestopt op {day}" in text
    assert "reden: Levering volgens plan beëindigd" in text
    assert "Laatste voortgangsverslag" in text and "Noor structureert haar week weer zelf" in text
    assert "Noor redt het huishouden weer zelf: op weg" in text  # the goal's own text and its rating
    assert "305 start zorg, ontvangen" in text and "307 stop zorg, ontvangen" in text


def test_the_block_is_hidden_from_a_viewer_who_may_not_see_the_law(world):
    coordinator, household, assignment = world

    class Access:
        user = coordinator
        channel = "page"

        def permits(self, domain):
            return domain not in ("W", "J")

    class File:
        access = Access()

    File.household = household
    assert assignments_block(File()) is None

    Access.permits = lambda self, domain: domain == "W"
    block = assignments_block(File())
    assert [row.assignment for row in block.context["rows"]] == [assignment]


def test_the_block_runs_the_same_queries_for_one_assignment_or_many_with_reports_and_messages(world):
    coordinator, household, assignment = world

    class Access:
        user = coordinator
        channel = "page"

        def permits(self, domain):
            return True

    class File:
        access = Access()

    File.household = household

    def counted() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert assignments_block(File()) is not None
        return len(queries)

    one = counted()
    today = timezone.localdate()
    flow.assignment_start(actor=coordinator, assignment=assignment, started_on=today)
    assignment.refresh_from_db()
    for days in (3, 2, 1):
        ProgressReport.objects.create(
            assignment=assignment,
            reported_on=today - datetime.timedelta(days=days),
            reported_by=coordinator,
            goal_ratings=[{"goal": goal["id"], "rating": "behind", "text": ""} for goal in assignment.goals],
            summary="Het gaat langzaam beter.",
        )
    second = AssignmentFactory(household_id=household.pk, resident=household.son, law="W", provision_id=999_999)

    many = counted()

    # three reads, and outside a request the read's log entry with its subjects (a page writes it with its others)
    assert one == many == 5
    assert second.pk in {row.assignment.pk for row in assignments_block(File()).context["rows"]}
