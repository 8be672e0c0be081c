"""One household, one plan, one coordinator: the case and the benefit read the household's one coordinator
involvement, so a handover on either side shows on both, and the coordinator cannot be ended while either needs it."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from routekaart.audit.models import Event
from routekaart.income import services as income_services
from routekaart.income.models import AnnualReview, CoordinatorHandover, SocialAssistance
from routekaart.income.tests.factories import AnnualReviewFactory, coordinator_at
from routekaart.organisations.roles import Role
from routekaart.organisations.tests.factories import UserFactory
from routekaart.residents import services as residents_services
from routekaart.residents.models import Involvement, InvolvementKind

from .test_warm_handover_keeps_one_coordinator import NOTE, transfer

pytestmark = pytest.mark.django_db


@pytest.fixture
def benefit(case, coordinator, household):
    """The household of the open case also has social assistance; its fixed coordinator is the case's."""
    return income_services.social_assistance_grant(
        actor=coordinator,
        household=household,
        client=household.mother,
        organisation=coordinator.affiliations.get().organisation,
        coordinator=coordinator,
        started_on=timezone.localdate(),
    )


def coordinators(household) -> list[tuple[int, object]]:
    rows = Involvement.objects.filter(household=household, kind=InvolvementKind.COORDINATOR).order_by("pk")
    return [(i.user_id, i.valid_to) for i in rows]


def test_the_benefit_reads_the_case_coordinator(case, benefit, coordinator):
    assert benefit.coordinator == case.coordinator == coordinator
    assert len(coordinators(case.household)) == 1


def test_a_handover_on_the_case_shows_on_the_benefit(case, benefit, coordinator):
    review = AnnualReviewFactory(benefit=benefit, household=benefit.household)
    successor = UserFactory(role=Role.COORDINATOR)
    transfer(case, coordinator, successor)
    assert SocialAssistance.objects.get(pk=benefit.pk).coordinator == successor
    assert AnnualReview.objects.get(pk=review.pk).coordinator == successor  # the planned conversation goes along
    case.refresh_from_db()
    assert case.coordinator == successor


def test_a_handover_on_the_benefit_shows_on_the_case(case, benefit, coordinator):
    successor = coordinator_at(coordinator.affiliations.get().organisation)
    income_services.coordinator_reassign(
        actor=coordinator,
        benefit=benefit,
        to_user=successor,
        handed_over_on=timezone.localdate(),
        meeting_on=timezone.localdate(),
        client_consented=True,
        note=NOTE,
    )
    assert type(case).objects.get(pk=case.pk).coordinator == successor
    assert SocialAssistance.objects.get(pk=benefit.pk).coordinator == successor
    assert CoordinatorHandover.objects.filter(benefit=benefit, to_user=successor).count() == 1
    # one coordinator at a time: the old involvement ended, the new one is the only open-ended one
    assert [u for u, valid_to in coordinators(case.household) if valid_to is None] == [successor.pk]


def _refused_to_end(household, actor, text):
    involvement = Involvement.objects.get(household=household, kind=InvolvementKind.COORDINATOR)
    before = (coordinators(household), Event.objects.count())
    with pytest.raises(ValidationError) as caught:
        residents_services.involvement_end(actor=actor, involvement=involvement)
    assert text in " ".join(caught.value.message_dict["valid_to"])
    assert (coordinators(household), Event.objects.count()) == before


def test_the_coordinator_of_an_open_case_cannot_be_ended(case, coordinator):
    _refused_to_end(
        case.household,
        coordinator,
        "Een huishouden met een open casus heeft precies één regisseur. Draag over met een warme overdracht.",
    )
    assert case.coordinator == coordinator


def test_the_coordinator_of_a_running_benefit_cannot_be_ended(case, benefit, coordinator):
    case.status, case.closed_on = "closed", timezone.localdate()
    case.save(update_fields=["status", "closed_on"])
    _refused_to_end(
        case.household,
        coordinator,
        "Iedere inwoner met bijstand heeft een vaste regiehouder. Draag over met een warme overdracht.",
    )
    assert SocialAssistance.objects.get(pk=benefit.pk).coordinator == coordinator


def test_a_closed_case_shows_the_coordinator_of_its_closing_day(case, coordinator):
    """After closing, the household's coordinator may end; the case still names who coordinated it."""
    today = timezone.localdate()
    case.status, case.closed_on = "closed", today
    case.save(update_fields=["status", "closed_on"])
    involvement = Involvement.objects.get(household=case.household, kind=InvolvementKind.COORDINATOR)
    residents_services.involvement_end(actor=coordinator, involvement=involvement, valid_to=today)
    case = type(case).objects.get(pk=case.pk)
    assert case.coordinator == coordinator
