"""The household timeline: plain Dutch, filtered by domain and kind, 25 a page, newest first, a fixed number of
queries whatever the history, and only the domains the viewer may see (neither listed nor counted)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from routekaart.audit.models import Event, ProcessingLogEntry
from routekaart.organisations.roles import Role
from routekaart.organisations.tests.factories import AffiliationFactory, UserFactory
from routekaart.residents.access import household_access
from routekaart.residents.tests.factories import (
    ConsentFactory,
    HouseholdFactory,
    InvolvementFactory,
    MembershipFactory,
    ResidentFactory,
)
from routekaart.residents.timeline import timeline_page

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _demo(demo_login):
    """Demo accounts log in without a second factor (the pages are the subject here, not the login)."""


@pytest.fixture
def household():
    household = HouseholdFactory()
    household.mother = ResidentFactory(given_names="Noor", family_name="Hendriks")
    MembershipFactory(household=household, resident=household.mother, valid_from=datetime.date(2018, 1, 1))
    return household


def _staff(role: str, household, involved: bool = True):
    user = UserFactory(first_name="Omar", last_name="Haddou", is_demo=True)
    affiliation = AffiliationFactory(user=user, role=role)
    if involved:
        InvolvementFactory(household=household, organisation=affiliation.organisation)
    user.organisation = affiliation.organisation
    return user


@pytest.fixture
def coordinator(household):
    return _staff(Role.COORDINATOR, household)


@pytest.fixture
def job_coach(household):
    return _staff(Role.JOB_COACH, household)


def events(household, actor, count: int, action: str = "case.opened", domain: str = "") -> None:
    """`count` events of one action in the household (one INSERT), tagged with a domain as the services tag them."""
    state = {"domain": domain} if domain else {"status": "intake"}
    Event.objects.bulk_create(
        Event(actor=actor, action=action, subject_type="case", subject_id="1", household_id=household.pk, after=state)
        for _ in range(count)
    )


def shown(user, household, **filters):
    page, entries = timeline_page(access=household_access(user=user, household_id=household.pk), **filters)
    return page, [entry.sentence for entry in entries]


def test_the_sentence_names_the_actor_and_a_fact_from_the_payload(coordinator, household):
    Event.objects.create(
        actor=coordinator,
        action="plan.activated",
        subject_type="plan",
        subject_id="7",
        household_id=household.pk,
        after={"version": 2},
    )
    _page, sentences = shown(coordinator, household)
    assert sentences == ["Plan van aanpak actief: versie 2 vastgesteld door Omar Haddou"]


def test_every_describer_answers_for_a_page_whose_subjects_are_gone(coordinator, household):
    """Each app's describer runs its query (a typo in a lookup fails here) and names nothing it cannot find."""
    from types import SimpleNamespace

    from routekaart.audit.event_labels import described_types, events_described

    page = [SimpleNamespace(subject_type=kind, subject_id="999") for kind in sorted(described_types())]
    described = events_described(page, household_access(user=coordinator, household_id=household.pk))
    assert {"trajectory", "decision", "placement", "assignment", "membership"} <= described_types()
    assert all(not about.name and not about.facts for about in described.values())


def test_an_unknown_action_reads_as_a_dutch_sentence(coordinator, household):
    Event.objects.create(action="something.new", subject_type="x", subject_id="1", household_id=household.pk)
    _page, sentences = shown(coordinator, household)
    assert sentences == ["Wijziging vastgelegd"]


def test_filtering_by_domain_hides_the_other_domains(coordinator, household):
    events(household, coordinator, 2, "decision.recorded", "W")
    events(household, coordinator, 3, "assignment.granted", "P")
    page, sentences = shown(coordinator, household, domain="W")
    assert page.paginator.count == 2 and set(sentences) == {"Beschikking genomen door Omar Haddou"}
    page, _sentences = shown(coordinator, household)
    assert page.paginator.count == 5


def test_a_job_coach_sees_no_wmo_event_listed_or_counted(job_coach, household):
    events(household, job_coach, 4, "decision.recorded", "W")
    events(household, job_coach, 1, "assignment.granted", "P")
    events(household, job_coach, 1, "case.opened")
    page, sentences = shown(job_coach, household)
    assert page.paginator.count == 2
    assert not [s for s in sentences if "Beschikking" in s]
    page, sentences = shown(job_coach, household, domain="W")  # asking for it changes nothing
    assert page.paginator.count == 0 and sentences == []


def test_the_job_coach_page_offers_no_wmo_filter(client, job_coach, household):
    events(household, job_coach, 1, "decision.recorded", "W")
    client.force_login(job_coach)
    response = client.get(reverse("residents:timeline", args=[household.pk]), {"domein": "W"})
    text = response.content.decode()
    assert response.status_code == 400 and "Beschikking genomen" not in text
    assert 'value="W"' not in text and 'value="P"' in text


def test_filtering_by_kind(coordinator, household):
    events(household, coordinator, 2, "decision.recorded", "W")
    events(household, coordinator, 3, "plan.activated")
    page, sentences = shown(coordinator, household, kind="plan")
    assert page.paginator.count == 3 and all(s.startswith("Plan van aanpak actief") for s in sentences)
    page, _sentences = shown(coordinator, household, kind="decisions")
    assert page.paginator.count == 2


def test_pages_of_25_newest_first(client, coordinator, household):
    events(household, coordinator, 30)
    newest = Event.objects.create(
        actor=coordinator, action="case.closed", subject_type="case", subject_id="1", household_id=household.pk
    )
    page, sentences = shown(coordinator, household)
    assert page.paginator.count == 31 and len(sentences) == 25 and sentences[0].startswith("Casus afgesloten")
    page, sentences = shown(coordinator, household, page=2)
    assert len(sentences) == 6 and newest.pk
    client.force_login(coordinator)
    response = client.get(reverse("residents:timeline", args=[household.pk]), {"soort": "case", "pagina": 2})
    assert response.status_code == 200 and "Pagina 2 van 2" in response.content.decode()
    assert "soort=case&amp;pagina=1" in response.content.decode()  # the filter stays, codes only


def _queries(client, household) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("residents:timeline", args=[household.pk])).status_code == 200
    return len(queries)


def test_a_page_runs_the_same_queries_for_5_or_300_events(client, coordinator, household):
    client.force_login(coordinator)
    events(household, coordinator, 5, "decision.recorded", "W")
    few = _queries(client, household)
    events(household, coordinator, 295, "decision.recorded", "W")
    assert _queries(client, household) == few


def test_a_person_scoped_access_sees_none_of_the_timeline(household):
    user = _staff(Role.COORDINATOR, household, involved=False)
    ConsentFactory(household=household, resident=household.mother, organisation=user.organisation, domain="W")
    events(household, user, 3, "decision.recorded", "W")
    events(household, user, 3)
    page, sentences = shown(user, household)
    assert page.paginator.count == 0 and sentences == []


def test_reading_the_timeline_is_logged_per_domain_shown(coordinator, household):
    events(household, coordinator, 1, "decision.recorded", "W")
    before = ProcessingLogEntry.objects.count()
    shown(coordinator, household)
    activities = set(ProcessingLogEntry.objects.order_by("pk")[before:].values_list("activity_id", flat=True))
    assert activities == {"household-file", "social-support"}


def test_the_household_page_shows_the_latest_ten_and_links_to_the_timeline(client, coordinator, household):
    events(household, coordinator, 12)
    client.force_login(coordinator)
    response = client.get(reverse("residents:household_detail", args=[household.pk]))
    text = response.content.decode()
    assert text.count("Casus geopend door Omar Haddou") == 10
    assert reverse("residents:timeline", args=[household.pk]) in text
