"""The regulations check: per household with reasons, and as one set-based batch over all clients; both agree."""

import random
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from routekaart.audit.models import ProcessingLogEntry
from routekaart.income import selectors, services
from routekaart.income.batch import entitlement_check_naive, entitlement_check_run, entitlement_evaluate
from routekaart.income.models import NonTakeUp, Regulation, RegulationUse
from routekaart.residents.tests.factories import MembershipFactory, ResidentFactory

from .factories import HouseholdSituationFactory, RegulationUseFactory, SocialAssistanceFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("march_2026")]
ON = date(2026, 3, 2)


def client_with(**situation):
    benefit = SocialAssistanceFactory(client=ResidentFactory(birth_date=date(1975, 1, 1)))
    HouseholdSituationFactory(household=benefit.household, year=2025, **situation)
    return benefit


def codes(entitlements):
    return {e.regulation.code for e in entitlements if e.not_taken_up}


def test_a_chronically_ill_long_term_client_is_entitled_with_reasons():
    benefit = client_with(
        chronic_illness=True,
        low_income_since=date(2018, 1, 1),
        monthly_income=Decimal("1407.65"),
        assets=Decimal("1000"),
    )
    result = selectors.entitlement_check_household(household_id=benefit.household_id, on=ON)
    assert codes(result) == {
        "individual_income_supplement",
        "collective_health_insurance",
        "cer_allowance",
        "energy_allowance",
        "local_tax_remission",
    }
    cer = next(e for e in result if e.regulation.code == "cer_allowance")
    assert [(x.label, x.met, x.value) for x in cer.explanations] == [
        ("Iemand in het huishouden is chronisch ziek of gehandicapt", True, "ja"),
        ("Het inkomen is niet hoger dan 150% van de bijstandsnorm", True, "100%"),
    ]


def test_a_regulation_in_use_or_applied_for_is_not_reported():
    benefit = client_with(chronic_illness=True)
    RegulationUseFactory(household=benefit.household, regulation=Regulation.objects.get(code="cer_allowance"))
    assert "cer_allowance" not in codes(selectors.entitlement_check_household(household_id=benefit.household_id, on=ON))


def test_without_a_situation_on_record_nothing_is_claimed():
    benefit = SocialAssistanceFactory()
    assert selectors.entitlement_check_household(household_id=benefit.household_id, on=ON) == []


def test_starting_an_application_is_prefilled_and_only_once():
    benefit = client_with(chronic_illness=True, monthly_income=Decimal("1400.00"))
    cer = Regulation.objects.get(code="cer_allowance")
    use = services.regulation_application_start(actor=benefit.coordinator, household=benefit.household, regulation=cer)
    assert use.status == "applied" and use.prefilled["monthly_income"] == "1400.00" and use.prefilled["year"] == 2025
    with pytest.raises(ValidationError):
        services.regulation_application_start(actor=benefit.coordinator, household=benefit.household, regulation=cer)
    assert RegulationUse.objects.count() == 1


def test_the_batch_finds_the_same_non_take_up_as_the_page_for_varied_households():
    rng = random.Random(4)
    cer = Regulation.objects.get(code="cer_allowance")
    for i in range(40):
        benefit = client_with(
            monthly_income=Decimal(rng.choice(["1000.00", "1407.65", "1500.00", "1700.00", "2100.00", "2900.00"])),
            assets=Decimal(rng.choice(["0", "2000", "3000", "9000"])),
            chronic_illness=rng.random() < 0.4,
            student_with_disability=rng.random() < 0.1,
            special_costs=rng.random() < 0.3,
            income_prospect=rng.random() < 0.3,
            low_income_since=date(rng.choice([2015, 2021, 2024, 2025]), 6, 1),
        )
        if i % 3 == 1:  # a partner, so the couple norm applies
            MembershipFactory(
                household=benefit.household,
                role="partner",
                valid_from=date(2016, 1, 1),
                resident=ResidentFactory(birth_date=date(1978, 1, 1)),
            )
        if i % 4 == 2:  # a child, so the single parent norm applies
            MembershipFactory(
                household=benefit.household,
                role="child",
                valid_from=date(2016, 1, 1),
                resident=ResidentFactory(birth_date=date(2015, 1, 1)),
            )
        if i % 5 == 0:
            RegulationUseFactory(household=benefit.household, regulation=cer)
    SocialAssistanceFactory()  # a client without a situation on record
    batch = {k: set(v.tolist()) for k, v in entitlement_evaluate(on=ON).found.items() if len(v)}
    naive = entitlement_check_naive(on=ON)
    assert batch == naive
    assert sum(len(v) for v in batch.values()) > 20


def test_the_batch_run_records_the_non_take_up_and_logs_the_processing():
    client_with(chronic_illness=True)
    client_with(monthly_income=Decimal("3000.00"))
    SocialAssistanceFactory()
    run = entitlement_check_run(on=ON)
    assert run.households == 3 and run.without_situation == 1 and run.households_with_non_take_up == 1
    assert run.per_regulation["cer_allowance"] == 1
    assert NonTakeUp.objects.filter(run=run).count() == run.found
    report = selectors.non_take_up_report()
    assert {r.regulation.code: r.households for r in report.rows}["cer_allowance"] == 1
    batch = ProcessingLogEntry.objects.filter(activity_id="entitlement-check", channel="batch")
    assert batch.values("data_subjects__pseudonym").count() == 3  # one entry naming the three clients


def test_the_batch_runs_a_fixed_number_of_queries_whatever_the_number_of_households():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries_for(count: int) -> int:
        for _ in range(count):
            client_with(chronic_illness=True)
        with CaptureQueriesContext(connection) as captured:
            entitlement_evaluate(on=ON)
        return len(captured)

    assert queries_for(2) == queries_for(30)
