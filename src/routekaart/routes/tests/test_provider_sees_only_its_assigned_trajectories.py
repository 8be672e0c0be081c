"""A provider is involved with a household for the work it was given, not for every route its members walk: it sees a
trajectory only when it fills a party of that trajectory, or holds an assignment (participation) for its resident.
The same rule answers the list, the page and the API; a refused read is logged."""

import datetime

import pytest
from django.urls import reverse

from routekaart.audit.models import ProcessingLogEntry, Result
from routekaart.organisations.models import OrganisationKind
from routekaart.organisations.roles import Role
from routekaart.organisations.tests.factories import AffiliationFactory, OrganisationFactory, UserFactory
from routekaart.residents.models import Membership
from routekaart.residents.tests.factories import InvolvementFactory
from routekaart.routes import selectors, services
from routekaart.routes.models import RegieHandover
from routekaart.routes.workflow import Outcome

from .conftest import exit_route

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def with_uwv_advice(network, pupil):
    """A sheltered-work trajectory at step 4, the UWV advice on record."""
    trajectory = services.trajectory_start(
        actor=network.school_user,
        resident=pupil,
        route=exit_route("sheltered_work"),
        organisations=network.organisations(),
        school_kind="vso",
        exit_profile="sheltered_work",
    )
    services.regie_handover_accept(actor=network.dienst_user, handover=RegieHandover.objects.get(trajectory=trajectory))
    school = network.school_user
    services.step_transition(actor=school, trajectory=trajectory, number=1, transition="complete")
    services.condition_record(actor=school, trajectory=trajectory, condition="exit_meeting", outcome=Outcome.RECORDED)
    services.step_transition(actor=school, trajectory=trajectory, number=2, transition="complete")
    services.condition_record(
        actor=school, trajectory=trajectory, condition="uwv_work_capacity_assessment", outcome=Outcome.RECORDED
    )
    services.step_transition(actor=school, trajectory=trajectory, number=3, transition="complete")
    services.condition_record(
        actor=network.dienst_user, trajectory=trajectory, condition="uwv_advice", outcome=Outcome.NEGATIVE
    )
    return trajectory


@pytest.fixture
def other_provider(network, with_uwv_advice):
    """A care provider involved with the pupil's household (for a sibling's care), no party of the trajectory."""
    provider = OrganisationFactory(kind=OrganisationKind.PROVIDER, code="zorg-de-linde", name="Zorg De Linde")
    user = UserFactory(is_demo=True)
    AffiliationFactory(user=user, organisation=provider, role=Role.PROVIDER)
    household_id = Membership.objects.filter(resident=with_uwv_advice.resident).values_list("household_id").first()[0]
    InvolvementFactory(household_id=household_id, organisation=provider, valid_from=datetime.date(2020, 1, 1))
    return user


def test_a_provider_involved_with_the_household_does_not_see_another_routes_trajectory(
    client, demo_login, network, with_uwv_advice, other_provider
):
    client.force_login(other_provider)
    page = client.get(reverse("routes:trajectory_detail", args=[with_uwv_advice.pk]))
    assert page.status_code == 403
    assert with_uwv_advice.resident.full_name not in page.text
    assert "Advies van UWV" not in page.text
    api = client.get(f"/api/v1/routes/trajectories/{with_uwv_advice.pk}/")
    assert api.status_code == 403
    assert "uwv_advice" not in api.text
    refused = ProcessingLogEntry.objects.filter(actor=other_provider, result=Result.DENIED)
    assert sorted(refused.values_list("channel", flat=True)) == ["api", "page"]
    assert client.get("/api/v1/routes/trajectories/").json()["results"] == []
    assert list(client.get(reverse("routes:trajectory_list")).context["page"]) == []
    assert not selectors.trajectory_list(user=other_provider).exists()


def test_a_provider_of_the_trajectory_sees_it_once_its_step_opened_the_household(network, with_uwv_advice):
    # the sheltered-work company fills a party of this trajectory: it sees it when the household is open to it
    services.condition_record(
        actor=network.dienst_user, trajectory=with_uwv_advice, condition="uwv_advice", outcome=Outcome.POSITIVE
    )
    services.condition_record(
        actor=network.dienst_user, trajectory=with_uwv_advice, condition="dienst_decision", outcome=Outcome.POSITIVE
    )
    services.step_transition(actor=network.dienst_user, trajectory=with_uwv_advice, number=4, transition="complete")
    services.waitlist_place_offer(actor=network.dienst_user, entry=with_uwv_advice.waitlist_entry)
    assert list(selectors.trajectory_list(user=network.company_user)) == [with_uwv_advice]


def test_a_provider_with_an_assignment_for_the_resident_sees_the_trajectory(
    client, demo_login, network, with_uwv_advice, other_provider
):
    from routekaart.participation.configuration import participation_configuration_load
    from routekaart.participation.models import Assignment, Instrument

    participation_configuration_load()
    provider = other_provider.affiliations.get().organisation
    Assignment.objects.create(
        resident=with_uwv_advice.resident,
        municipality=network.municipality,
        instrument=Instrument.objects.order_by("pk").first(),
        provider=provider,
        status="active",
        planned_start=datetime.date(2025, 1, 1),
        planned_end=datetime.date(2030, 1, 1),
    )
    client.force_login(other_provider)
    assert client.get(reverse("routes:trajectory_detail", args=[with_uwv_advice.pk])).status_code == 200
    assert list(selectors.trajectory_list(user=other_provider)) == [with_uwv_advice]
