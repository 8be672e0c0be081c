"""Reassigning the fixed coordinator: a warm handover, the household's coordinator moves, planned talks go along."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from routekaart.audit.models import Event
from routekaart.income import selectors, services
from routekaart.income.models import AnnualReview, CoordinatorHandover
from routekaart.residents.models import Involvement

from .factories import AnnualReviewFactory, SocialAssistanceFactory, coordinator_at

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("march_2026")]
NOTE = "Mevrouw wil liever 's ochtends gebeld worden; schulden in beeld."


def reassign(benefit, to_user, **overrides):
    kwargs = dict(
        actor=benefit.coordinator,
        benefit=benefit,
        to_user=to_user,
        handed_over_on=date(2026, 3, 2),
        meeting_on=date(2026, 2, 27),
        client_consented=True,
        note=NOTE,
    )
    return services.coordinator_reassign(**{**kwargs, **overrides})


def test_a_warm_handover_moves_the_coordinator_the_involvement_and_the_planned_conversation():
    benefit = SocialAssistanceFactory()
    review = AnnualReviewFactory(benefit=benefit, planned_on=date(2026, 6, 1))
    successor = coordinator_at(benefit.organisation)
    handover = reassign(benefit, successor)
    benefit.refresh_from_db()
    assert benefit.coordinator == successor
    assert handover.meeting_on == date(2026, 2, 27) and handover.client_consented
    active = Involvement.objects.filter(household=benefit.household, kind="coordinator", valid_to__isnull=True)
    assert [i.user for i in active] == [successor]
    assert AnnualReview.objects.get(pk=review.pk).coordinator == successor
    assert Event.objects.filter(action="social_assistance.coordinator_reassigned").count() == 1
    assert not selectors.clients_whose_coordinator_is_not_the_households().exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"meeting_on": None}, "meeting_on"),
        ({"client_consented": False}, "client_consented"),
        ({"note": "kort"}, "note"),
        ({"meeting_on": date(2026, 4, 1)}, "meeting_on"),
    ],
)
def test_a_handover_that_is_not_warm_is_refused_and_changes_nothing(overrides, field):
    benefit = SocialAssistanceFactory()
    before = benefit.coordinator
    with pytest.raises(ValidationError) as refused:
        reassign(benefit, coordinator_at(benefit.organisation), **overrides)
    assert field in refused.value.message_dict
    benefit.refresh_from_db()
    assert benefit.coordinator == before
    assert not CoordinatorHandover.objects.exists()


def test_handing_over_to_the_same_coordinator_is_refused():
    benefit = SocialAssistanceFactory()
    with pytest.raises(ValidationError) as refused:
        reassign(benefit, benefit.coordinator)
    assert "to_user" in refused.value.message_dict


def test_caseload_counts_clients_per_coordinator():
    first = SocialAssistanceFactory(work_obligation="exempt")
    SocialAssistanceFactory(organisation=first.organisation, coordinator=first.coordinator)
    rows = {r.coordinator_id: r for r in selectors.caseload_list()}
    assert rows[first.coordinator_id].clients == 2
    assert rows[first.coordinator_id].exempt == 1


def test_with_an_open_case_the_case_coordinator_moves_too():
    from routekaart.access.models import Case

    benefit = SocialAssistanceFactory()
    case = Case.objects.create(household=benefit.household, status="intake", opened_on=date(2026, 1, 5))
    successor = coordinator_at(benefit.organisation)
    reassign(benefit, successor)
    case.refresh_from_db()
    benefit.refresh_from_db()
    assert case.coordinator == successor == benefit.coordinator
    active = Involvement.objects.filter(household=benefit.household, kind="coordinator", valid_to__isnull=True)
    assert [i.user for i in active] == [successor]
    assert not selectors.clients_whose_coordinator_is_not_the_households().exists()


def test_an_open_case_and_the_benefit_name_the_same_coordinator():
    """No case can have another coordinator than the benefit: both read the household's one involvement."""
    from routekaart.access.models import Case

    benefit = SocialAssistanceFactory()
    case = Case.objects.create(household=benefit.household, status="intake", opened_on=date(2026, 1, 5))
    assert case.coordinator == benefit.coordinator
    assert case.coordinator_organisation == benefit.organisation
