"""Every open case has exactly one coordinator; a transfer is a warm handover."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from routekaart.access import services
from routekaart.access.models import WarmHandover
from routekaart.organisations.roles import Role
from routekaart.organisations.tests.factories import UserFactory
from routekaart.residents.access import household_access
from routekaart.residents.models import Involvement, InvolvementKind

pytestmark = pytest.mark.django_db
NOTE = "Noor wil liever 's ochtends gebeld worden; zus Anna is de vaste steun."


@pytest.fixture
def successor(db):
    return UserFactory(first_name="Joost", last_name="Opvolger", role=Role.COORDINATOR)


def transfer(case, actor, to, **overrides):
    values = {
        "to_user": to,
        "to_organisation": to.affiliations.get().organisation,
        "note": NOTE,
        "resident_informed_on": timezone.localdate(),
    }
    values.update(overrides)
    return services.coordinator_transfer(actor=actor, case=case, **values)


def test_a_warm_handover_names_both_and_moves_the_involvement(case, coordinator, successor):
    handover = transfer(case, coordinator, successor)
    case.refresh_from_db()
    assert case.coordinator == successor
    assert (handover.from_user, handover.to_user) == (coordinator, successor)
    today = timezone.localdate()
    active = [
        i
        for i in Involvement.objects.filter(household=case.household, kind=InvolvementKind.COORDINATOR)
        if i.is_active_on(today)
    ]
    assert [i.user for i in active] == [successor]
    assert household_access(user=successor, household_id=case.household_id).sees("G")


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"note": "kort"}, "note"),
        ({"resident_informed_on": None}, "resident_informed_on"),
    ],
)
def test_a_handover_without_note_or_informing_the_resident_is_refused(case, coordinator, successor, overrides, field):
    with pytest.raises(ValidationError) as caught:
        transfer(case, coordinator, successor, **overrides)
    assert field in caught.value.message_dict
    case.refresh_from_db()
    assert case.coordinator == coordinator
    assert not WarmHandover.objects.exists()


def test_a_handover_goes_to_another_coordinator(case, coordinator):
    with pytest.raises(ValidationError) as caught:
        transfer(case, coordinator, coordinator)
    assert "andere regisseur" in caught.value.message_dict["to_user"][0]
    coach = UserFactory(role=Role.JOB_COACH)
    with pytest.raises(ValidationError) as caught:
        transfer(case, coordinator, coach)
    assert "Alleen een regisseur" in caught.value.message_dict["to_user"][0]
