"""The participation pages: access through the P domain, Dutch errors as 400, fixed queries, aggregates for policy."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from freezegun import freeze_time

from routekaart.audit.models import ProcessingLogEntry, Result
from routekaart.organisations.roles import Role
from routekaart.organisations.tests.factories import UserFactory
from routekaart.participation import services
from routekaart.participation.models import Assignment, Budget, DistanceAssessment, DistanceCategory
from routekaart.residents.models import InvolvementKind
from routekaart.residents.tests.factories import InvolvementFactory, MembershipFactory, ResidentFactory

from .factories import resident_in_household

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def today():
    with freeze_time("2026-04-14"):
        yield


@pytest.fixture
def logged_in(client, demo_login, world):
    client.force_login(world.user)
    return client


def _assess(world, resident, code="bridgeable_long", on=date(2026, 1, 10)):
    category = DistanceCategory.objects.get(code=code)
    return services.distance_assess(
        actor=world.user,
        resident=resident,
        category=category,
        tier=category.tiers.first(),
        ladder_rung=world.rung(2),
        assessed_on=on,
        municipality=world.municipality,
    )


def test_the_coordinator_sees_the_profile_and_the_read_is_logged(logged_in, world):
    _assess(world, world.resident)
    response = logged_in.get(f"/participatie/inwoners/{world.resident.pk}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert world.resident.full_name in page and "Overbrugbare afstand, langer dan een jaar" in page
    assert "Leerwerkbedrijf" in page  # who does what at this distance
    assert ProcessingLogEntry.objects.filter(actor=world.user, activity_id="participation", operation="read").exists()


def test_an_uninvolved_coordinator_is_refused_and_the_attempt_logged(client, demo_login, world):
    stranger = UserFactory(role=Role.COORDINATOR, is_demo=True)
    client.force_login(stranger)
    response = client.get(f"/participatie/inwoners/{world.resident.pk}/")
    assert response.status_code == 403
    assert "U bent niet betrokken" in response.content.decode()
    assert ProcessingLogEntry.objects.filter(actor=stranger, result=Result.DENIED, activity_id="participation").exists()


def test_the_employer_adviser_has_no_participation_profile(client, demo_login, world):
    adviser = UserFactory(role=Role.EMPLOYER_ADVISER, is_demo=True)
    client.force_login(adviser)
    assert client.get(f"/participatie/inwoners/{world.resident.pk}/").status_code == 403


def test_a_wrong_assessment_answers_400_in_dutch_and_saves_nothing(logged_in, world):
    url = f"/participatie/inwoners/{world.resident.pk}/afstand/"
    assert logged_in.get(url).status_code == 200
    response = logged_in.post(
        url,
        {
            "category": "none_direct",
            "tier": "regular_work_not_realistic",
            "ladder_rung": "paid_work",
            "assessed_on": "2026-04-14",
            "municipality": world.municipality.code,
        },
    )
    assert response.status_code == 400
    assert "De trede past niet bij de categorie" in response.content.decode()
    assert not DistanceAssessment.objects.exists()
    response = logged_in.post(
        url,
        {
            "category": "none_direct",
            "tier": "back_to_regular_job",
            "ladder_rung": "paid_work",
            "assessed_on": "2026-04-14",
            "municipality": world.municipality.code,
        },
    )
    assert response.status_code == 302
    assert DistanceAssessment.objects.get().next_assessment_on == date(2026, 7, 14)


def test_an_assignment_is_proposed_decided_and_started_on_the_pages(logged_in, world):
    response = logged_in.post(
        f"/participatie/inwoners/{world.resident.pk}/opdrachten/nieuw/",
        {
            "instrument": "learn_work_place",
            "provider": world.learn_work.code,
            "planned_start": "2026-04-15",
            "planned_end": "2026-12-31",
            "monthly_cost": "950",
            "municipality": world.municipality.code,
        },
    )
    assert response.status_code == 400
    assert "Leerwerkplek duurt minimaal 4 weken en maximaal 6 maanden" in response.content.decode()
    response = logged_in.post(
        f"/participatie/inwoners/{world.resident.pk}/opdrachten/nieuw/",
        {
            "instrument": "learn_work_place",
            "provider": world.learn_work.code,
            "planned_start": "2026-04-14",
            "planned_end": "2026-07-31",
            "monthly_cost": "950",
            "municipality": world.municipality.code,
        },
    )
    assert response.status_code == 302
    assignment = Assignment.objects.get()
    url = response["Location"]
    assert logged_in.get(url).status_code == 200
    logged_in.post(
        url,
        {"action": "decide", "decide-granted": "yes", "decide-decided_on": "2026-04-14", "decide-reference": "LWP-1"},
    )
    logged_in.post(url, {"action": "start", "start-started_on": "2026-04-14"})
    assignment.refresh_from_db()
    assert assignment.status == "active" and assignment.decision_reference == "LWP-1"
    page = logged_in.get(url).content.decode()
    assert "Afsluiten met resultaat" in page and "€ 950,00" in page


def test_a_job_coach_may_record_but_not_decide(client, demo_login, world):
    coach = UserFactory(role=Role.JOB_COACH, is_demo=True)
    InvolvementFactory(
        household=world.household,
        organisation=coach.affiliations.get().organisation,
        user=coach,
        kind=InvolvementKind.JOB_COACHING,
    )
    assignment = services.assignment_propose(
        actor=world.user,
        resident=world.resident,
        instrument=world.instrument("learn_work_place"),
        provider=world.learn_work,
        municipality=world.municipality,
        planned_start=date(2026, 4, 14),
        planned_end=date(2026, 7, 31),
        monthly_cost=Decimal("950"),
    )
    client.force_login(coach)
    url = f"/participatie/inwoners/{world.resident.pk}/opdrachten/{assignment.pk}/"
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"action": "decide", "decide-granted": "yes", "decide-decided_on": "2026-04-14", "decide-reference": "X"}
    )
    assert response.status_code == 403


def test_the_team_overview_runs_the_same_queries_for_a_small_and_a_large_caseload(logged_in, world):
    _assess(world, world.resident, on=date(2025, 11, 1))  # due on 1 May 2026
    with CaptureQueriesContext(connection) as small:
        assert logged_in.get("/participatie/").status_code == 200
    for _ in range(12):
        resident, _ = resident_in_household(household=world.household)
        _assess(world, resident, code="none_matching", on=date(2026, 2, 1))  # 3 months: due on 1 May
    MembershipFactory(household=world.household, resident=ResidentFactory())  # an adult not yet assessed
    with CaptureQueriesContext(connection) as large:
        response = logged_in.get("/participatie/")
    assert len(small) == len(large)
    page = response.content.decode()
    assert "13 inwoners zijn aan de beurt" in page


def test_policy_sees_aggregates_beside_the_seed_but_no_profile(client, demo_login, world):
    _assess(world, world.resident)
    policy = UserFactory(role=Role.POLICY, is_demo=True)
    client.force_login(policy)
    page = client.get(f"/participatie/rapportage/?gemeente={world.municipality.code}").content.decode()
    assert "Zaanstad 2016" in page and "57%" in page and world.resident.full_name not in page
    assert client.get(f"/participatie/inwoners/{world.resident.pk}/").status_code == 403


def test_policy_sets_a_budget_and_sees_the_monitor(client, demo_login, world):
    policy = UserFactory(role=Role.POLICY, is_demo=True)
    client.force_login(policy)
    url = f"/participatie/budget/?gemeente={world.municipality.code}&jaar=2026"
    response = client.post(
        url, {"spending_line": "employer_approach", "instrument": "learn_work_place", "amount": "100"}
    )
    assert response.status_code == 400 and "valt onder de post" in response.content.decode()
    response = client.post(
        url, {"spending_line": "specific_support", "instrument": "learn_work_place", "amount": "1000"}
    )
    assert response.status_code == 302 and Budget.objects.get().amount == Decimal("1000")
    services.assignment_decide(
        actor=world.user,
        assignment=services.assignment_propose(
            actor=world.user,
            resident=world.resident,
            instrument=world.instrument("learn_work_place"),
            provider=world.learn_work,
            municipality=world.municipality,
            planned_start=date(2026, 4, 14),
            planned_end=date(2026, 7, 31),
            monthly_cost=Decimal("950"),
        ),
        granted=True,
        decided_on=date(2026, 4, 14),
        reference="B",
    )
    page = client.get(url).content.decode()
    assert "data-budget-warning" in page and "boven budget" in page


def test_the_instruments_and_their_rules_are_on_a_page(client, demo_login, world):
    client.force_login(world.user)
    page = client.get("/participatie/instrumenten/").content.decode()
    assert "minimaal 4 weken" in page and "maximaal 6 maanden" in page and "€ 14,71" in page
