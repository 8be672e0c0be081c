"""Route MBO (regie school): the warm handover needs the parents' consent; at the new school the pupil gets their
own regie; the school's aftercare lasts two years, after which it no longer sees its former pupil. A pupil who does
not enrol goes on along route Werk, handed over to the Dienst."""

import pytest
from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.utils import timezone

from routekaart.organisations.models import OrganisationKind
from routekaart.organisations.tests.factories import OrganisationFactory
from routekaart.residents.access import household_access
from routekaart.routes import services
from routekaart.routes.models import RegieHandover, StepProgress, Trajectory
from routekaart.routes.workflow import Outcome, StepState, TrajectoryStatus

from .conftest import exit_route

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def mbo_route(network, pupil):
    mbo = OrganisationFactory(kind=OrganisationKind.SCHOOL, school_kind="mbo", code="roc", name="ROC Weidebeek")
    trajectory = services.trajectory_start(
        actor=network.school_user,
        resident=pupil,
        route=exit_route("mbo"),
        organisations={"school": network.school, "dienst": network.dienst, "mbo": mbo},
        school_kind="vso",
        exit_profile="further_education",
    )
    for number in (1, 2, 3):
        services.step_transition(actor=network.school_user, trajectory=trajectory, number=number, transition="complete")
    return trajectory


def test_the_school_holds_regie_from_the_start(network, mbo_route):
    assert mbo_route.regie_party.code == "school"
    assert not RegieHandover.objects.filter(trajectory=mbo_route).exists()


def test_the_warm_handover_needs_the_parents_consent(network, mbo_route):
    with pytest.raises(ValidationError, match="Warme overdracht met toestemming van de ouder"):
        services.step_transition(actor=network.school_user, trajectory=mbo_route, number=4, transition="complete")
    services.condition_record(
        actor=network.school_user,
        trajectory=mbo_route,
        condition="warm_handover_with_parental_consent",
        outcome=Outcome.NEGATIVE,
    )
    with pytest.raises(ValidationError, match="is negatief"):
        services.step_transition(actor=network.school_user, trajectory=mbo_route, number=4, transition="complete")


def test_at_the_new_school_the_pupil_has_regie_and_the_school_aftercare_ends_after_two_years(network, mbo_route):
    services.condition_record(
        actor=network.school_user,
        trajectory=mbo_route,
        condition="warm_handover_with_parental_consent",
        outcome=Outcome.POSITIVE,
    )
    services.step_transition(actor=network.school_user, trajectory=mbo_route, number=4, transition="complete")
    # step 5 is only for a pupil who does not enrol: skipped with a reason, then step 6 starts
    services.step_transition(
        actor=network.school_user, trajectory=mbo_route, number=5, transition="skip", reason="Ingeschreven bij het ROC"
    )
    mbo_route.refresh_from_db()
    assert mbo_route.current_step.number == 6
    assert (mbo_route.regie_party.code, mbo_route.regie_organisation) == ("pupil_parent", None)
    assert RegieHandover.objects.filter(trajectory=mbo_route, state="accepted", to_party__code="pupil_parent").exists()
    services.step_transition(actor=network.school_user, trajectory=mbo_route, number=6, transition="complete")
    mbo_route.refresh_from_db()
    today = timezone.localdate()
    assert mbo_route.status == TrajectoryStatus.COMPLETED
    assert mbo_route.aftercare_until == today + relativedelta(months=24)
    assert household_access(user=network.school_user, household_id=mbo_route.household_id).domains
    involvement = mbo_route.resident.memberships.first().household.involvements.get(organisation=network.school)
    assert involvement.valid_to == mbo_route.aftercare_until


def test_a_pupil_who_does_not_enrol_goes_on_along_route_work_to_the_dienst(network, mbo_route):
    services.condition_record(
        actor=network.school_user,
        trajectory=mbo_route,
        condition="warm_handover_with_parental_consent",
        outcome=Outcome.POSITIVE,
    )
    services.step_transition(actor=network.school_user, trajectory=mbo_route, number=4, transition="complete")
    successor = services.trajectory_switch_route(actor=network.school_user, trajectory=mbo_route, route_code="work")
    mbo_route.refresh_from_db()
    assert mbo_route.status == TrajectoryStatus.SWITCHED and mbo_route.switched_to == successor
    assert successor.route.code == "work" and successor.status == TrajectoryStatus.ACTIVE
    handover = RegieHandover.objects.get(trajectory=successor)
    assert (handover.to_party.code, handover.to_organisation) == ("dienst", network.dienst)


def test_no_route_switch_where_the_step_does_not_lead_elsewhere(network, mbo_route):
    with pytest.raises(ValidationError, match="leidt de route niet naar een andere route"):
        services.trajectory_switch_route(actor=network.school_user, trajectory=mbo_route, route_code="work")
    assert Trajectory.objects.count() == 1
    assert StepProgress.objects.filter(trajectory=mbo_route, state=StepState.CURRENT).count() == 1
