"""The household page is the caseworker's client file: the coordinator, the open case with its phase and nearest
statutory deadline, the active plan, then each domain the viewer may see (decisions in force, the benefit), each
block linking to its own page, with only the actions the viewer may take and the case's state allows."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from routekaart.access.models import Agreement, Deadline
from routekaart.audit.models import ProcessingLogEntry
from routekaart.organisations.roles import Role
from routekaart.organisations.tests.factories import AffiliationFactory, UserFactory
from routekaart.residents.models import InvolvementKind
from routekaart.residents.tests.factories import InvolvementFactory

from .household_builders import configuration_load, household_with_everything, household_with_nothing

pytestmark = [pytest.mark.django_db]


def _colleague(client, role: str, organisation):
    """Sign in a colleague with `role` at the coordinator's organisation."""
    user = UserFactory(is_demo=True)
    AffiliationFactory(user=user, organisation=organisation, role=role)
    client.force_login(user)
    return user


def _block(html: str, key: str) -> str:
    """The HTML of one block (empty when the page has no such block)."""
    found = re.search(rf'<section class="rk-household-block"[^>]*data-block="{key}".*?</section>', html, re.S)
    return found.group(0) if found else ""


@pytest.fixture
def everything(staff_client):
    client, coordinator = staff_client(Role.COORDINATOR)
    built = household_with_everything(coordinator, persons=3, years=2)
    organisation = coordinator.affiliations.get().organisation
    InvolvementFactory(
        household=built.household, organisation=organisation, user=None, kind=InvolvementKind.TEAM_MEMBER
    )
    return client, coordinator, built


def test_the_coordinator_sees_the_summary_then_the_domains_each_linked_to_its_page(everything):
    client, coordinator, built = everything
    household_id = built.household.pk
    response = client.get(reverse("residents:household_detail", args=[household_id]))
    assert response.status_code == 200
    html = response.text

    top = _block(html, "coordinator")
    assert coordinator.get_full_name() in top
    assert coordinator.affiliations.get().organisation.name in top

    case = _block(html, "case")
    assert "Plan van aanpak actief" in case  # the phase, in Dutch
    deadline = Deadline.objects.filter(case=built.case, met_on__isnull=True, lapsed_on__isnull=True).order_by("due_on")
    if deadline.exists():
        assert deadline.first().name in case
    assert reverse("access:household", args=[household_id]) in case
    assert reverse("access:signal_create", args=[household_id]) in case
    assert reverse("access:transfer", args=[built.case.pk]) in case
    assert reverse("access:intake", args=[built.case.pk]) not in case  # the intake is done

    plan = _block(html, "plan")
    assert "Noor redt het huishouden weer zelf" in plan
    assert "Zus Anna past op woensdag op Sem" in plan and "Anna" in plan
    assert "Plan openen" in plan

    decisions = _block(html, "decisions")
    assert 'data-law="W"' in decisions and 'data-law="J"' in decisions
    assert reverse("access:decision_letter", args=[built.decisions[0].pk]) in decisions

    benefit = _block(html, "benefit")
    assert reverse("income:client_detail", args=[household_id]) in benefit
    assert built.benefit.annual_reviews.get(status="planned").planned_on.strftime("%Y") in benefit
    assert reverse("income:coordinator_reassign", args=[household_id]) in benefit

    # summary first, then the domains, then the members
    positions = [html.index(f'data-block="{key}"') for key in ("coordinator", "case", "plan", "decisions", "benefit")]
    assert positions == sorted(positions)
    assert positions[-1] < html.index('id="members"')
    assert html.index("data-summary") < positions[0] and html.index('data-block="decisions"') > html.index(
        "</div>", html.index("data-summary")
    )


def test_the_blocks_log_the_read_of_each_domain_they_show(everything):
    client, _coordinator, built = everything
    before = ProcessingLogEntry.objects.count()
    client.get(reverse("residents:household_detail", args=[built.household.pk]))
    activities = set(ProcessingLogEntry.objects.order_by("pk")[before:].values_list("activity_id", flat=True))
    assert {"household-file", "social-support", "youth-care", "social-assistance"} <= activities


def test_overdue_agreements_and_deadlines_are_marked(everything):
    client, _coordinator, built = everything
    past = timezone.localdate() - datetime.timedelta(days=3)
    Agreement.objects.filter(plan=built.plan, description__startswith="Zus Anna").update(due_on=past)
    Deadline.objects.filter(case=built.case).update(
        met_on=None, lapsed_on=None, starts_on=past - datetime.timedelta(days=10), original_due_on=past, due_on=past
    )
    html = client.get(reverse("residents:household_detail", args=[built.household.pk])).text
    plan = _block(html, "plan")
    assert "data-overdue" in plan and "3 dagen te laat" in plan
    assert "3 dagen te laat" in _block(html, "case")


def test_a_job_coach_sees_the_case_but_no_wmo_or_youth_decisions_no_benefit_and_no_actions(everything):
    client, coordinator, built = everything
    _colleague(client, Role.JOB_COACH, coordinator.affiliations.get().organisation)
    html = client.get(reverse("residents:household_detail", args=[built.household.pk])).text
    assert _block(html, "coordinator")
    assert "Plan van aanpak actief" in _block(html, "case")
    assert _block(html, "decisions") == ""
    assert _block(html, "benefit") == ""
    assert 'class="rk-actions"' not in _block(html, "case")  # may read the case, not work it
    assert "Plan openen" in _block(html, "plan")
    for url in (
        reverse("access:signal_create", args=[built.household.pk]),
        reverse("access:transfer", args=[built.case.pk]),
    ):
        assert url not in html


def test_the_school_sees_the_coordinator_but_no_case_and_no_benefit(everything):
    client, coordinator, built = everything
    _colleague(client, Role.SCHOOL, coordinator.affiliations.get().organisation)
    html = client.get(reverse("residents:household_detail", args=[built.household.pk])).text
    assert coordinator.get_full_name() in _block(html, "coordinator")
    for key in ("case", "plan", "decisions", "benefit"):
        assert _block(html, key) == "", key


def test_without_an_open_case_only_a_new_signal_is_offered(staff_client):
    client, coordinator = staff_client(Role.COORDINATOR)
    configuration_load()
    built = household_with_nothing(coordinator)
    html = client.get(reverse("residents:household_detail", args=[built.household.pk])).text
    case = _block(html, "case")
    assert "geen open casus" in case
    assert reverse("access:signal_create", args=[built.household.pk]) in case
    assert "Intake starten" not in case and "/overdracht/" not in case
    assert _block(html, "plan") == "" and _block(html, "benefit") == ""


def test_a_case_waiting_for_its_intake_offers_to_start_it_and_to_draft_no_plan_yet(staff_client):
    from routekaart.access.tests import journey

    client, coordinator = staff_client(Role.COORDINATOR)
    configuration_load()
    built = household_with_nothing(coordinator)
    case = journey.melding(coordinator, built.household).case
    html = client.get(reverse("residents:household_detail", args=[built.household.pk])).text
    assert "Aangemeld" in _block(html, "case")
    assert reverse("access:intake", args=[case.pk]) in _block(html, "case")
    plan = _block(html, "plan")
    assert "nog geen actief plan" in plan
    assert reverse("access:plan", args=[case.pk]) not in plan  # the poortwachter decides first


def test_the_case_names_its_procesregisseur_where_it_has_one(staff_client):
    from routekaart.access.models import Case
    from routekaart.access.tests import journey

    client, coordinator = staff_client(Role.COORDINATOR)
    configuration_load()
    built = household_with_nothing(coordinator)
    case = journey.melding(coordinator, built.household).case
    url = reverse("residents:household_detail", args=[built.household.pk])
    assert "data-process-coordinator" not in _block(client.get(url).text, "case")
    process = UserFactory(first_name="Pim", last_name="Procesregie", email="pim@example.org")
    AffiliationFactory(user=process, organisation=coordinator.affiliations.get().organisation, role=Role.COORDINATOR)
    Case.objects.filter(pk=case.pk).update(process_coordinator=process)
    block = _block(client.get(url).text, "case")
    assert "Pim Procesregie" in block and "mailto:pim@example.org" in block
