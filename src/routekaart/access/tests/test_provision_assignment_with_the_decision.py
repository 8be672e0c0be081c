"""A granted Wmo or Jeugdwet provision with a contracted provider becomes that provider's assignment (and its 301)
in the decision's own transaction; a provider without a contract is refused on the provision's provider field and
nothing is saved; the decision form offers only the providers contracted where the household lives."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from routekaart.access import services
from routekaart.access.models import Decision
from routekaart.providers.models import Assignment, AssignmentStatus, Message
from routekaart.providers.tests.factories import ProviderProfileFactory
from routekaart.residents.tests.factories import DistrictFactory, MunicipalityFactory
from routekaart.testing import database_fingerprint

from . import journey, provision_fixtures
from .provision_market import contract, market_for

pytestmark = pytest.mark.django_db

exchange, client_as = provision_fixtures.exchange, provision_fixtures.client_as

NO_CONTRACT = "Deze aanbieder heeft geen contract voor deze voorziening in deze gemeente."


def api_decision(case, household, *, provider) -> dict:
    """The API's body for a decision granting a year of guidance from today with `provider` (an organisation pk)."""
    today = timezone.localdate()
    return {
        "case": case.pk,
        "addressee": household.mother.pk,
        "provisions": [
            {
                "building_block": "care_and_support.guidance",
                "outcome": "granted",
                "law": "W",
                "starts_on": today.isoformat(),
                "ends_on": (today + datetime.timedelta(days=365)).isoformat(),
                "volume": "4",
                "unit": "day_parts_per_week",
                "provider": provider,
                "reasoning": "Noor heeft hulp nodig bij de dagstructuur.",
            }
        ],
    }


def decide(case, household, coordinator, *provisions):
    return services.decision_record(
        actor=coordinator, case=case, addressee=household.mother, provisions=list(provisions)
    ).decision


def test_a_decision_with_a_contracted_provider_sends_its_assignment_and_301(planned_case, coordinator, household):
    market = market_for(household)

    decision = decide(planned_case, household, coordinator, journey.guidance(provider=market.provider))

    provision = decision.provisions.get()
    assignment = Assignment.objects.get(provision_id=provision.pk)
    assert assignment.provider == market.provider
    assert assignment.municipality == market.municipality
    assert assignment.decision_reference == decision.reference
    assert assignment.status == AssignmentStatus.SENT
    assert assignment.resident_id == household.mother.pk and assignment.household_id == household.pk
    goals = planned_case.plans.get().goals.order_by("pk")
    assert assignment.goals == [{"id": g.pk, "text": g.description} for g in goals]
    assert Message.objects.filter(assignment=assignment, kind="301", direction="out").count() == 1


def test_the_assignment_is_in_the_decisions_transaction_a_later_refusal_takes_it_back(
    planned_case, coordinator, household
):
    market = market_for(household)
    uncontracted = ProviderProfileFactory().organisation
    before = database_fingerprint()

    with pytest.raises(ValidationError) as caught:
        decide(
            planned_case,
            household,
            coordinator,
            journey.guidance(provider=market.provider),  # would be assigned ...
            journey.guidance(provider=uncontracted),  # ... but this one is refused
        )

    assert caught.value.message_dict == {"provisions-1-provider": [NO_CONTRACT]}
    assert database_fingerprint() == before
    assert not Assignment.objects.exists() and not Decision.objects.exists()


def test_a_provider_without_a_contract_is_refused_on_its_field_and_nothing_changes(
    planned_case, coordinator, household
):
    elsewhere = MunicipalityFactory()
    outside = contract(journey.block("care_and_support.guidance"), elsewhere).contract.provider
    before = database_fingerprint()

    with pytest.raises(ValidationError) as caught:
        decide(planned_case, household, coordinator, journey.guidance(provider=outside))

    assert caught.value.message_dict["provisions-0-provider"] == [NO_CONTRACT]
    assert database_fingerprint() == before


def test_without_a_provider_the_municipality_delivers_and_nothing_is_assigned(planned_case, coordinator, household):
    market_for(household)

    decide(planned_case, household, coordinator, journey.guidance())

    assert Decision.objects.count() == 1
    assert not Assignment.objects.exists() and not Message.objects.exists()


def test_the_api_refuses_a_provider_without_a_contract_with_400_on_its_field(
    client_as, planned_case, coordinator, household
):
    uncontracted = ProviderProfileFactory().organisation
    client = client_as(coordinator)
    before = database_fingerprint()

    response = client.post(
        "/api/v1/decisions/",
        api_decision(planned_case, household, provider=uncontracted.pk),
        content_type="application/json",
    )

    assert response.status_code == 400, response.content
    assert {(p["name"], p["reason"]) for p in response.json()["invalidParams"]} == {
        ("provisions-0-provider", NO_CONTRACT)
    }
    assert database_fingerprint() == before


def test_the_api_decision_with_a_contracted_provider_makes_the_assignment(
    client_as, planned_case, coordinator, household
):
    market = market_for(household)

    response = client_as(coordinator).post(
        "/api/v1/decisions/",
        api_decision(planned_case, household, provider=market.provider.pk),
        content_type="application/json",
    )

    assert response.status_code == 201, response.content
    provision_id = response.json()["provisions"][0]["id"]
    assert Assignment.objects.get(provision_id=provision_id).provider == market.provider


# --- the form ------------------------------------------------------------------------------------------------------


def form_data(household, provider) -> dict:
    today = timezone.localdate()
    return {
        "addressee": household.mother.pk,
        "decided_on": today.isoformat(),
        "provisions-TOTAL_FORMS": "1",
        "provisions-INITIAL_FORMS": "0",
        "provisions-0-building_block": journey.block("care_and_support.guidance").pk,
        "provisions-0-outcome": "granted",
        "provisions-0-law": "W",
        "provisions-0-starts_on": today.isoformat(),
        "provisions-0-ends_on": (today + datetime.timedelta(days=365)).isoformat(),
        "provisions-0-volume": "4",
        "provisions-0-unit": "day_parts_per_week",
        "provisions-0-provider": provider.pk,
        "provisions-0-reasoning": "Noor redt het met hulp van haar zus.",
    }


def test_the_form_offers_only_providers_contracted_in_the_households_municipality_wijk_and_term(
    client_as, planned_case, coordinator, household
):
    guidance = journey.block("care_and_support.guidance")
    district = household.mother.address.district
    other_wijk = DistrictFactory(municipality=district.municipality)
    today = timezone.localdate()
    market_for(household, name="Zorg De Linde")
    contract(guidance, district.municipality, wijken=[district.code], name="Wijkzorg Hier", wait_weeks=5)
    contract(guidance, district.municipality, wijken=[other_wijk.code], name="Wijkzorg Elders")
    contract(guidance, MunicipalityFactory(), name="Zorg Buurgemeente")
    contract(
        guidance,
        district.municipality,
        starts_on=today - datetime.timedelta(days=400),
        ends_on=today - datetime.timedelta(days=1),
        name="Zorg Verlopen",
    )
    contract(guidance, district.municipality, starts_on=today + datetime.timedelta(days=1), name="Zorg Straks")

    page = client_as(coordinator).get(reverse("access:decision", args=[planned_case.pk])).text

    assert "Zorg De Linde · wachttijd 3 weken (gemeld)" in page
    assert "Wijkzorg Hier · wachttijd 5 weken (gemeld)" in page
    for name in ("Wijkzorg Elders", "Zorg Buurgemeente", "Zorg Verlopen", "Zorg Straks"):
        assert name not in page, name
    assert "Geen aanbieder (de gemeente levert zelf)" in page
    assert "Alleen aanbieders met een contract voor deze voorziening" in page  # the help text, linked to the field


def test_the_form_refuses_a_provider_not_offered_and_changes_nothing(client_as, planned_case, coordinator, household):
    outside = contract(journey.block("care_and_support.guidance"), MunicipalityFactory()).contract.provider
    client = client_as(coordinator)
    before = database_fingerprint()

    response = client.post(reverse("access:decision", args=[planned_case.pk]), form_data(household, outside))

    assert response.status_code == 400
    assert 'href="#id_provisions-0-provider"' in response.text
    assert "Kies uit de lijst" in response.text or "Kies aanbieder uit de lijst" in response.text
    assert database_fingerprint() == before


def test_the_form_with_a_contracted_provider_makes_the_assignment(client_as, planned_case, coordinator, household):
    market = market_for(household)

    response = client_as(coordinator).post(
        reverse("access:decision", args=[planned_case.pk]), form_data(household, market.provider)
    )

    assert response.status_code == 302, response.text
    provision = Decision.objects.get(case=planned_case).provisions.get()
    assert provision.provider == market.provider
    assert Assignment.objects.get(provision_id=provision.pk).provider == market.provider


def test_the_decision_page_runs_the_same_queries_for_one_contract_or_many(
    client_as, planned_case, coordinator, household
):
    guidance = journey.block("care_and_support.guidance")
    municipality = household.mother.address.district.municipality
    client = client_as(coordinator)
    url = reverse("access:decision", args=[planned_case.pk])

    def counted() -> int:
        client.get(url)  # warm the per-process caches
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(
            [q for q in captured.captured_queries if not q["sql"].startswith(("SAVEPOINT", "RELEASE", "UPDATE"))]
        )

    contract(guidance, municipality, name="Zorg Een")
    one = counted()
    for index in range(4):
        contract(guidance, municipality, name=f"Zorg {index}")
        contract(journey.block("care_and_support.short_stay"), municipality, name=f"Kortverblijf {index}")

    assert counted() == one
