"""Only the party that acts in a line of the route records what it states: UWV's work-capacity advice is UWV's (or,
where UWV has no seat in the trajectory, the Dienst's, to whom UWV sends it: `to: [dienst]` in the data), the
decision on sheltered work is the Dienst's. Holding regie does not make the school a stand-in for either; the
refusal is in Dutch, in the service, on the page and through the API, and nothing changes."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from routekaart.audit.models import Event
from routekaart.organisations.models import OrganisationKind
from routekaart.organisations.roles import Role
from routekaart.organisations.tests.factories import AffiliationFactory, OrganisationFactory, UserFactory
from routekaart.routes import services
from routekaart.routes.models import ConditionRecord, StepProgress
from routekaart.routes.workflow import Outcome

from .conftest import exit_route

pytestmark = [pytest.mark.django_db]


def at_step_four(network, pupil, *, route="sheltered_work", organisations=None):
    """The school registered the pupil and still holds regie (the Dienst has not yet accepted); step 4 is current."""
    trajectory = services.trajectory_start(
        actor=network.school_user,
        resident=pupil,
        route=exit_route(route),
        organisations=organisations or network.organisations(),
        school_kind="vso",
        exit_profile={"work": "labour_market"}.get(route, route),
    )
    school = network.school_user
    services.step_transition(actor=school, trajectory=trajectory, number=1, transition="complete")
    services.condition_record(actor=school, trajectory=trajectory, condition="exit_meeting", outcome=Outcome.RECORDED)
    services.step_transition(actor=school, trajectory=trajectory, number=2, transition="complete")
    services.condition_record(  # the pupil's application: the school helps, or records it as regie holder
        actor=school, trajectory=trajectory, condition="uwv_work_capacity_assessment", outcome=Outcome.RECORDED
    )
    services.step_transition(actor=school, trajectory=trajectory, number=3, transition="complete")
    trajectory.refresh_from_db()
    assert trajectory.current_step.number == 4 and trajectory.regie_organisation == network.school
    return trajectory


def snapshot(trajectory):
    return (
        list(ConditionRecord.objects.filter(trajectory=trajectory).values_list("condition", "outcome")),
        list(StepProgress.objects.filter(trajectory=trajectory).values_list("step__number", "state", "outcome")),
        Event.objects.filter(subject_type="trajectory", subject_id=str(trajectory.pk)).count(),
    )


@pytest.mark.parametrize("condition", ["uwv_advice", "dienst_decision"])
def test_the_school_holding_regie_cannot_record_uwv_advice_or_the_dienst_decision(network, pupil, condition):
    trajectory = at_step_four(network, pupil)
    if condition == "dienst_decision":
        services.condition_record(
            actor=network.dienst_user, trajectory=trajectory, condition="uwv_advice", outcome=Outcome.POSITIVE
        )
    before = snapshot(trajectory)
    with pytest.raises(ValidationError) as refused:
        services.condition_record(
            actor=network.school_user, trajectory=trajectory, condition=condition, outcome=Outcome.POSITIVE
        )
    assert "U handelt hier niet" in " ".join(refused.value.messages)
    assert "Dienst" in " ".join(refused.value.messages)
    assert snapshot(trajectory) == before


def test_on_route_work_the_school_cannot_record_uwv_advice_either(network, pupil):
    trajectory = at_step_four(network, pupil, route="work")
    before = snapshot(trajectory)
    with pytest.raises(ValidationError, match="U handelt hier niet"):
        services.condition_record(
            actor=network.school_user, trajectory=trajectory, condition="uwv_advice", outcome=Outcome.POSITIVE
        )
    assert snapshot(trajectory) == before
    # UWV reports the register to the Dienst in this step (`to: [dienst]`): the Dienst records what it received
    services.condition_record(
        actor=network.dienst_user, trajectory=trajectory, condition="uwv_advice", outcome=Outcome.POSITIVE
    )


def test_the_dienst_records_the_uwv_advice_it_receives_and_its_own_decision(network, pupil):
    trajectory = at_step_four(network, pupil)
    for condition in ("uwv_advice", "dienst_decision"):
        services.condition_record(
            actor=network.dienst_user, trajectory=trajectory, condition=condition, outcome=Outcome.POSITIVE
        )
    assert ConditionRecord.objects.filter(trajectory=trajectory).count() == 4


def test_with_uwv_seated_in_the_trajectory_uwv_records_its_advice_and_the_dienst_does_not(network, pupil):
    uwv = OrganisationFactory(kind=OrganisationKind.UWV, code="uwv", name="UWV")
    uwv_user = UserFactory(is_demo=True)
    AffiliationFactory(user=uwv_user, organisation=uwv, role=Role.COORDINATOR)
    trajectory = at_step_four(network, pupil, organisations={**network.organisations(), "uwv": uwv})
    before = snapshot(trajectory)
    with pytest.raises(ValidationError, match="U handelt hier niet"):
        services.condition_record(
            actor=network.dienst_user, trajectory=trajectory, condition="uwv_advice", outcome=Outcome.POSITIVE
        )
    assert snapshot(trajectory) == before
    services.condition_record(actor=uwv_user, trajectory=trajectory, condition="uwv_advice", outcome=Outcome.POSITIVE)
    with pytest.raises(ValidationError, match="U handelt hier niet"):
        services.condition_record(
            actor=uwv_user, trajectory=trajectory, condition="dienst_decision", outcome=Outcome.POSITIVE
        )


def test_the_page_offers_the_school_nothing_to_record_in_step_four_and_refuses_a_forged_post(
    client, demo_login, network, pupil
):
    trajectory = at_step_four(network, pupil)
    client.force_login(network.school_user)
    page = client.get(reverse("routes:trajectory_detail", args=[trajectory.pk]))
    assert page.status_code == 200
    assert page.context["recordable"] == []
    before = snapshot(trajectory)
    response = client.post(
        reverse("routes:condition_record", args=[trajectory.pk]),
        {
            "voorwaarde-condition": "uwv_advice",
            "voorwaarde-outcome": "positive",
            "voorwaarde-recorded_on": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 400
    assert "U handelt hier niet" in response.text
    assert snapshot(trajectory)[:2] == before[:2]
    client.force_login(network.dienst_user)
    page = client.get(reverse("routes:trajectory_detail", args=[trajectory.pk]))
    assert page.context["recordable"] == ["uwv_advice", "dienst_decision"]


def test_the_api_refuses_the_school_with_the_same_message(client, demo_login, network, pupil):
    trajectory = at_step_four(network, pupil)
    client.force_login(network.school_user)
    before = snapshot(trajectory)
    response = client.post(
        f"/api/v1/routes/trajectories/{trajectory.pk}/conditions/",
        {"condition": "dienst_decision", "outcome": "positive"},
    )
    assert response.status_code == 400
    assert "U handelt hier niet" in str(response.json())
    assert snapshot(trajectory)[:2] == before[:2]
    detail = client.get(f"/api/v1/routes/trajectories/{trajectory.pk}/").json()
    assert detail["recordable"] == []
