"""A person's processing log holds every read of their data, refused reads included, each with its channel."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from routekaart.audit.models import ProcessingLogEntry, Result
from routekaart.audit.services import pseudonym
from routekaart.organisations.roles import Role
from routekaart.organisations.tests.factories import UserFactory

from ..models import InvolvementKind
from .factories import HouseholdFactory, InvolvementFactory, MembershipFactory, ResidentFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_login")]


def logged_in(role: str):
    user = UserFactory(role=role, is_demo=True)
    client = Client()
    client.force_login(user)
    return client, user


def test_reads_and_refusals_on_page_and_api_all_reach_the_persons_log():
    household = HouseholdFactory()
    mother = ResidentFactory(birth_date=date(1980, 1, 1))
    MembershipFactory(household=household, resident=mother, valid_from=date(2020, 1, 1))
    coordinator_client, coordinator = logged_in(Role.COORDINATOR)
    InvolvementFactory(
        household=household,
        organisation=coordinator.affiliations.get().organisation,
        user=coordinator,
        kind=InvolvementKind.COORDINATOR,
    )
    stranger_client, stranger = logged_in(Role.COORDINATOR)

    assert coordinator_client.get(f"/huishoudens/{household.pk}/").status_code == 200
    assert coordinator_client.get(f"/api/v1/households/{household.pk}/").status_code == 200
    assert stranger_client.get(f"/huishoudens/{household.pk}/").status_code == 403
    assert stranger_client.get(f"/api/v1/residents/{mother.pk}/").status_code == 403

    log = ProcessingLogEntry.objects.filter(data_subjects__pseudonym=pseudonym(mother.bsn))
    assert set(log.values_list("actor_id", "channel", "result")) == {
        (coordinator.pk, "page", Result.OK),
        (coordinator.pk, "api", Result.OK),
        (stranger.pk, "page", Result.DENIED),
        (stranger.pk, "api", Result.DENIED),
    }

    officer_client, _ = logged_in(Role.PRIVACY_OFFICER)
    found = officer_client.post(reverse("audit:processing_log"), {"bsn": mother.bsn}, follow=True)
    assert found.status_code == 200
    shown = found.content.decode()
    assert stranger.username in shown and coordinator.username in shown
