"""Wage value and target-group register status are participation's determinations; matching reads them in bulk."""

import datetime
from decimal import Decimal

import pytest
from django.apps import apps

from routekaart.residents.tests.factories import ResidentFactory
from routekaart.work.labour_facts import LabourFacts, labour_facts

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not apps.is_installed("routekaart.participation"), reason="participation app not installed"),
]
D = datetime.date


def test_the_current_wage_value_and_the_last_register_report_are_read_for_many_residents_in_two_queries(
    django_assert_num_queries,
):
    from routekaart.participation.models import TargetGroupRegistration, WageValueDetermination

    determined, registered, refused, nothing = ResidentFactory.create_batch(4)
    for on, until, percentage in ((D(2024, 1, 1), D(2025, 1, 1), "40"), (D(2025, 6, 1), D(2027, 6, 1), "62.75")):
        WageValueDetermination.objects.create(
            resident=determined,
            determined_on=on,
            valid_until=until,
            method="Dariuz",
            percentage=Decimal(percentage),
            job_title="Schoonmaker",
        )
    TargetGroupRegistration.objects.create(resident=registered, status="registered", as_of=D(2025, 1, 1))
    TargetGroupRegistration.objects.create(resident=refused, status="refused", as_of=D(2025, 1, 1))
    ids = [determined.pk, registered.pk, refused.pk, nothing.pk]
    with django_assert_num_queries(2):
        facts = labour_facts(resident_ids=ids, on=D(2026, 1, 1))
    assert facts == {
        determined.pk: LabourFacts(wage_value=62, wage_value_on=D(2025, 6, 1), in_register=None),
        registered.pk: LabourFacts(in_register=True),
        refused.pk: LabourFacts(in_register=False),
    }


def test_a_large_pool_is_asked_in_slices_that_fit_any_database(monkeypatch, django_assert_num_queries):
    from routekaart.participation.models import TargetGroupRegistration
    from routekaart.work import labour_facts as module

    residents = ResidentFactory.create_batch(5)
    for resident in residents:
        TargetGroupRegistration.objects.create(resident=resident, status="registered", as_of=D(2025, 1, 1))
    monkeypatch.setattr(module, "SLICE", 2)
    with django_assert_num_queries(6):  # three slices, two queries each
        facts = labour_facts(resident_ids=[r.pk for r in residents], on=D(2026, 1, 1))
    assert {rid: f.in_register for rid, f in facts.items()} == {r.pk: True for r in residents}
