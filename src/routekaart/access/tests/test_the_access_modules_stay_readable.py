"""The toegang's services are a package per aggregate; callers keep `services.<name>` (issue 15)."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from routekaart.access import selectors, services
from routekaart.access.models import Case, Policy, Signal

from . import journey


def test_every_name_callers_use_is_still_on_the_services_package():
    for name in services.__all__:
        assert getattr(services, name) is not None, name
    assert services.signal_receive.__module__ == "routekaart.access.services.cases"
    assert services.decision_record.__module__ == "routekaart.access.services.decisions"


def test_the_read_only_lookups_live_in_the_selectors():
    for name in ("policy_get", "clusters_in_force", "general_provisions_queryset", "tailored_provisions_queryset"):
        assert getattr(services, name) is getattr(selectors, name)


@pytest.mark.django_db
def test_without_the_policy_a_first_signal_is_refused_in_dutch_and_nothing_is_saved(coordinator, household):
    Policy.objects.all().delete()
    with pytest.raises(ValidationError) as refused:
        journey.melding(coordinator, household)
    assert refused.value.messages == [
        "De regels van de toegang zijn nog niet geladen; vraag functioneel beheer ze te laden."
    ]
    assert not Case.objects.filter(household=household).exists()
    assert not Signal.objects.filter(household=household).exists()


@pytest.mark.django_db
def test_the_household_members_are_those_of_the_day_asked(household):
    day = datetime.date(2024, 5, 1)
    assert selectors.household_member_ids(household_id=household.pk, on=day) == {
        household.mother.pk,
        household.son.pk,
    }
    assert selectors.household_member_ids(household_id=household.pk, on=datetime.date(2017, 12, 31)) == set()
