"""One coordinator, held: whichever app names a coordinator (opening a case, joining a signal, granting a benefit,
involving someone as coordinator, through a page or the API), a household that already has one is refused with one
Dutch message, and nothing changes. Changing who coordinates is a warm handover."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from routekaart.access.models import Case
from routekaart.income import services as income_services
from routekaart.income.tests.factories import coordinator_at
from routekaart.residents import services as residents_services
from routekaart.residents.models import InvolvementKind
from routekaart.testing import database_fingerprint

from . import journey

pytestmark = pytest.mark.django_db

ONE_COORDINATOR = (
    "Dit huishouden heeft al een regisseur: één huishouden, één regisseur. Kies die regisseur, of draag over met "
    "een warme overdracht."
)


@pytest.fixture
def other(coordinator):
    """Another coordinator of the same team: a legitimate coordinator, but not this household's."""
    return coordinator_at(coordinator.affiliations.get().organisation, first_name="Olaf", last_name="Ander")


def _refused(call, field: str = "coordinator") -> None:
    before = database_fingerprint()
    with pytest.raises(ValidationError) as caught:
        call()
    assert caught.value.message_dict[field] == [ONE_COORDINATOR]
    assert database_fingerprint() == before


def _grant(household, actor, coordinator):
    return income_services.social_assistance_grant(
        actor=actor,
        household=household,
        client=household.mother,
        organisation=actor.affiliations.get().organisation,
        coordinator=coordinator,
        started_on=timezone.localdate(),
    )


def test_opening_a_case_naming_another_coordinator_is_refused(coordinator, household, other):
    """The household has its coordinator through a benefit; a melding that names someone else opens nothing."""
    _grant(household, coordinator, coordinator)
    _refused(lambda: journey.melding(other, household, coordinator=other))
    assert not Case.objects.filter(household=household).exists()


def test_a_signal_joining_the_open_case_naming_another_coordinator_is_refused(case, household, other):
    _refused(lambda: journey.melding(other, household, coordinator=other))


def test_granting_a_benefit_naming_another_coordinator_is_refused(case, coordinator, household, other):
    _refused(lambda: _grant(household, coordinator, other))
    assert case.coordinator == coordinator


def test_involving_a_second_coordinator_is_refused(case, household, other):
    _refused(
        lambda: residents_services.involvement_start(
            actor=other,
            household=household,
            organisation=other.affiliations.get().organisation,
            user=other,
            kind=InvolvementKind.COORDINATOR,
        ),
        field="kind",
    )


def test_a_coordinator_from_the_past_cannot_be_added_beside_todays(case, household, other):
    """Backdated, the second involvement would overlap the present one: the same refusal."""
    _refused(
        lambda: residents_services.involvement_start(
            actor=other,
            household=household,
            organisation=other.affiliations.get().organisation,
            user=other,
            kind=InvolvementKind.COORDINATOR,
            valid_from=datetime.date(2020, 1, 1),
            valid_to=timezone.localdate() + datetime.timedelta(days=1),
        ),
        field="kind",
    )


def test_naming_the_households_own_coordinator_is_no_second_one(coordinator, household):
    """Naming the coordinator the household already has is allowed everywhere: it is the same one."""
    _grant(household, coordinator, coordinator)
    signal = journey.melding(coordinator, household, coordinator=coordinator)
    assert signal.case.coordinator == coordinator


def test_an_api_signal_naming_another_coordinator_joins_the_case_and_keeps_its_coordinator(
    case, coordinator, household, other, client, demo_login
):
    """The API's signal takes no coordinator: a field sent anyway is no way to a second one."""
    other.is_demo = True
    other.save()
    residents_services.involvement_start(
        actor=coordinator,
        household=household,
        organisation=other.affiliations.get().organisation,
        kind=InvolvementKind.TEAM_MEMBER,
        user=other,
    )
    client.force_login(other)
    response = client.post(
        "/api/v1/signals/",
        {
            "household": household.pk,
            "kind": "report",
            "topic": "care",
            "domain": "W",
            "summary": "Buurvrouw meldt zorgen.",
            "coordinator": other.pk,
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["case"] == case.pk
    assert Case.objects.get(pk=case.pk).coordinator == coordinator
