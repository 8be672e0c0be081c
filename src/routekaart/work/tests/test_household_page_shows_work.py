"""The household page shows each member's work profile and placements to a coordinator (linking to the profile, not
to the adviser's placement screen); an employer adviser sees only a member who consented; a fixed query count."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from routekaart.organisations.roles import Domain, Role
from routekaart.organisations.tests.factories import UserFactory
from routekaart.residents import services as residents
from routekaart.residents.models import InvolvementKind
from routekaart.residents.tests.factories import (
    HouseholdFactory,
    InvolvementFactory,
    MembershipFactory,
    ResidentFactory,
)
from routekaart.work.models import PlacementState

from .factories import CandidateProfileFactory, PlacementFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_login")]


def _household(user, *residents_):
    household = HouseholdFactory()
    InvolvementFactory(
        household=household,
        organisation=user.affiliations.get().organisation,
        user=user,
        kind=InvolvementKind.COORDINATOR,
    )
    for resident in residents_:
        MembershipFactory(household=household, resident=resident, valid_from=datetime.date(2020, 1, 1))
    return household


def _block(user, household_id: int) -> str:
    client = Client()
    client.force_login(user)
    response = client.get(reverse("residents:household_detail", args=[household_id]))
    assert response.status_code == 200
    html = response.content.decode()
    if 'data-block="work"' not in html:
        return ""
    start = html.index('data-block="work"')
    return html[start : html.index("</section>", start)]


def test_a_coordinator_sees_the_profile_and_placements_in_every_state():
    coordinator = UserFactory(role=Role.COORDINATOR, is_demo=True)
    resident = ResidentFactory(birth_date=datetime.date(1990, 1, 1))
    household = _household(coordinator, resident)
    profile = CandidateProfileFactory(resident=resident)
    trial = PlacementFactory(profile=profile, state=PlacementState.TRIAL)
    ended = PlacementFactory(profile=profile, state=PlacementState.ENDED)
    block = _block(coordinator, household.pk)
    assert "16\N{EN DASH}32 uur per week" in block
    assert reverse("work:work_profile_edit", args=[resident.pk]) in block
    assert f"{trial.vacancy.title}" in block and "proefplaatsing" in block
    assert f"{ended.vacancy.title}" in block and "beëindigd" in block
    assert reverse("work:placement_detail", args=[trial.pk]) not in block  # the adviser's screen


def test_a_member_without_a_profile_gets_a_link_to_record_one():
    coordinator = UserFactory(role=Role.COORDINATOR, is_demo=True)
    resident = ResidentFactory(birth_date=datetime.date(1990, 1, 1))
    household = _household(coordinator, resident)
    block = _block(coordinator, household.pk)
    assert "Nog geen werkprofiel vastgelegd." in block
    assert reverse("work:work_profile_edit", args=[resident.pk]) in block


def test_an_employer_adviser_sees_only_the_member_who_consented():
    coordinator = UserFactory(role=Role.COORDINATOR, is_demo=True)
    adviser = UserFactory(role=Role.EMPLOYER_ADVISER, is_demo=True)
    consenting = ResidentFactory(birth_date=datetime.date(1990, 1, 1), family_name="Akkoord")
    other = ResidentFactory(birth_date=datetime.date(1991, 1, 1), family_name="Nietgedeeld")
    household = _household(coordinator, consenting, other)
    CandidateProfileFactory(resident=consenting)
    CandidateProfileFactory(resident=other)
    residents.consent_record(
        actor=coordinator,
        household=household,
        resident=consenting,
        organisation=adviser.affiliations.get().organisation,
        domain=Domain.PARTICIPATION,
        scope="Bemiddeling naar werk",
    )
    client = Client()
    client.force_login(adviser)
    response = client.get(reverse("residents:household_detail", args=[household.pk]))
    if response.status_code == 200:
        html = response.content.decode()
        assert "Nietgedeeld" not in html
    else:
        assert response.status_code == 403


def test_the_block_runs_the_same_queries_for_one_member_or_six_with_placements():
    coordinator = UserFactory(role=Role.COORDINATOR, is_demo=True)
    small = _household(coordinator, ResidentFactory(birth_date=datetime.date(1990, 1, 1)))
    members = [ResidentFactory(birth_date=datetime.date(1980 + i, 1, 1)) for i in range(6)]
    big = _household(coordinator, *members)
    for member in members:
        profile = CandidateProfileFactory(resident=member)
        for state in (PlacementState.PROPOSED, PlacementState.ENDED):
            PlacementFactory(profile=profile, state=state)
    counts = []
    for household_id in (small.pk, big.pk):
        with CaptureQueriesContext(connection) as queries:
            _block(coordinator, household_id)
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
