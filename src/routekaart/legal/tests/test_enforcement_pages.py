"""Klantbeheer's enforcement pages: signals listed and assessed, an investigation taken step by step on its page
(the fine calculation shown), a step refused on its field with nothing changed, only klantbeheer of the organisation
gets in (others 403 or 404), and each page runs the same number of queries for one record as for many."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from freezegun import freeze_time

from routekaart.income.tests.factories import DienstFactory
from routekaart.organisations.roles import Role
from routekaart.organisations.tests.factories import AffiliationFactory
from routekaart.testing import database_fingerprint

from ..models import EnforcementSignal, EnforcementSignalStatus, Investigation, SignalSource
from ..services import enforcement as service
from .factories_enforcement import EnforcementSignalFactory, InvestigationFactory, enforcement_world

pytestmark = [pytest.mark.django_db]


@pytest.fixture(autouse=True)
def frozen():
    with freeze_time("2026-12-01 10:00:00"):
        yield


@pytest.fixture
def world(demo_login):
    return enforcement_world()


def _login(client, user):
    """Logged in as a demo account (no second factor in these tests)."""
    user.is_demo = True
    user.save(update_fields=["is_demo"])
    client.force_login(user)
    return client


@pytest.fixture
def handler_client(client, world):
    return _login(client, world.handler)


def _investigation(world):
    return service.investigation_open(
        actor=world.handler,
        household_id=world.household.pk,
        question="Woont de partner op het adres?",
        investigator=world.investigator,
        opened_on=date(2026, 11, 3),
    )


def test_the_signal_list_shows_new_signals_first(handler_client, world):
    organisation = world.benefit.organisation
    old = EnforcementSignalFactory(organisation=organisation, status=EnforcementSignalStatus.DISMISSED)
    new = EnforcementSignalFactory(organisation=organisation, received_on=date(2026, 10, 1))
    EnforcementSignalFactory()  # another organisation's
    response = handler_client.get(reverse("legal:enforcement_signal_list"))
    assert response.status_code == 200
    assert list(response.context["page"].object_list) == [new, old]


def test_the_coordinator_records_a_signal_and_returns_home(client, world):
    _login(client, world.coordinator)
    response = client.post(
        reverse("legal:enforcement_signal_record"),
        {"household_id": world.household.pk, "source": "caseworker", "received_on": "2026-11-30", "description": "x"},
    )
    assert response.status_code == 302 and response.url == reverse("home")
    assert EnforcementSignal.objects.get().source == SignalSource.CASEWORKER


def test_a_signal_received_tomorrow_is_refused_on_its_field(handler_client, world):
    before = database_fingerprint()
    response = handler_client.post(
        reverse("legal:enforcement_signal_record"),
        {"household_id": world.household.pk, "source": "tip", "received_on": "2026-12-02", "description": "x"},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["received_on"] == [
        "Vul een datum in die niet na vandaag ligt; dit is nog niet gebeurd."
    ]
    assert database_fingerprint() == before


def test_investigating_a_signal_goes_to_the_investigation(handler_client, world):
    signal = EnforcementSignalFactory(
        organisation=world.benefit.organisation, household=world.household, resident=world.client
    )
    response = handler_client.post(
        reverse("legal:enforcement_signal_detail", args=[signal.pk]),
        {
            "decision": "investigate",
            "assessed_on": "2026-11-30",
            "question": "Woont er iemand bij?",
            "investigator": world.investigator.pk,
        },
    )
    investigation = Investigation.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("legal:investigation_detail", args=[investigation.pk])


def test_dismissing_without_a_reason_is_refused_on_the_page(handler_client, world):
    signal = EnforcementSignalFactory(organisation=world.benefit.organisation, household=world.household)
    url = reverse("legal:enforcement_signal_detail", args=[signal.pk])
    response = handler_client.post(url, {"decision": "dismiss", "assessed_on": "2026-11-30"})
    assert response.status_code == 400
    assert response.context["form"].errors["assessment"] == ["Vul in waarom er geen aanleiding is voor een onderzoek."]


def test_findings_show_the_fine_calculation(handler_client, world):
    investigation = _investigation(world)
    response = handler_client.post(
        reverse("legal:investigation_step", args=[investigation.pk, "findings"]),
        {
            "findings-findings": "Partner woont er sinds juni.",
            "findings-harm_amount": "1000.00",
            "findings-harm_from": "2026-06-01",
            "findings-harm_to": "2026-10-31",
            "findings-culpability": "ordinary",
        },
    )
    assert response.status_code == 302
    page = handler_client.get(reverse("legal:investigation_detail", args=[investigation.pk]))
    assert "50% van het benadelingsbedrag € 1.000,00 = € 500,00" in page.content.decode()
    investigation.refresh_from_db()
    assert investigation.harm_amount == Decimal("1000.00")


def test_a_fine_before_the_hearing_is_refused_on_the_page(handler_client, world):
    investigation = _investigation(world)
    service.investigation_findings_record(
        actor=world.handler, investigation=investigation, findings="x", culpability="intent"
    )
    before = database_fingerprint()
    response = handler_client.post(
        reverse("legal:investigation_step", args=[investigation.pk, "close"]),
        {"close-outcome": "fine", "close-closed_on": "2026-12-01", "close-outcome_reasoning": "x"},
    )
    assert response.status_code == 400
    form = next(step["form"] for step in response.context["steps"] if step["name"] == "close")
    assert form.errors["outcome"] == ["Informeer de inwoner eerst over het onderzoek."]
    assert database_fingerprint() == before


def test_an_unknown_step_is_404(handler_client, world):
    investigation = _investigation(world)
    url = reverse("legal:investigation_step", args=[investigation.pk, "onbekend"])
    assert handler_client.post(url).status_code == 404


def test_another_organisations_investigation_is_404(handler_client):
    other = InvestigationFactory()
    assert handler_client.get(reverse("legal:investigation_detail", args=[other.pk])).status_code == 404


def test_a_coordinator_does_not_see_the_lists(client, world):
    _login(client, world.coordinator)
    assert client.get(reverse("legal:enforcement_signal_list")).status_code == 403
    assert client.get(reverse("legal:investigation_list")).status_code == 403


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_lists_run_the_same_queries_for_one_record_or_many(handler_client, world):
    organisation = world.benefit.organisation
    EnforcementSignalFactory(organisation=organisation)
    InvestigationFactory(organisation=organisation)
    signals = _queries(handler_client, reverse("legal:enforcement_signal_list"))
    investigations = _queries(handler_client, reverse("legal:investigation_list"))
    for _ in range(4):
        EnforcementSignalFactory(organisation=organisation)
        InvestigationFactory(organisation=organisation)
    assert _queries(handler_client, reverse("legal:enforcement_signal_list")) == signals
    assert _queries(handler_client, reverse("legal:investigation_list")) == investigations
    assert signals <= 12 and investigations <= 12


def test_the_investigation_page_runs_a_fixed_number_of_queries(handler_client, world, django_assert_max_num_queries):
    investigation = _investigation(world)
    with django_assert_max_num_queries(14):
        assert handler_client.get(reverse("legal:investigation_detail", args=[investigation.pk])).status_code == 200


def test_the_home_counts_are_the_organisations(world):
    organisation = world.benefit.organisation
    EnforcementSignalFactory(organisation=organisation)
    EnforcementSignalFactory()
    _investigation(world)
    from ..selectors_enforcement import enforcement_home_counts

    assert enforcement_home_counts(world.handler) == {"signals_new": 1, "investigations_open": 1}
    other = AffiliationFactory(organisation=DienstFactory(), role=Role.CLIENT_ADMIN).user
    assert enforcement_home_counts(other) == {"signals_new": 0, "investigations_open": 0}
