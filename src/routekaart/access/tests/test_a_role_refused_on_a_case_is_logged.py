"""A role the door lets into a household but whose role may not read cases is refused, and that refusal is logged
for the household's people with the API channel, like any other refusal."""

import pytest
from django.test import Client

from routekaart.audit.models import ProcessingLogEntry, Result
from routekaart.audit.services import pseudonym
from routekaart.organisations.roles import Role
from routekaart.organisations.tests.factories import UserFactory
from routekaart.residents.models import InvolvementKind
from routekaart.residents.tests.factories import InvolvementFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_login")]


def test_a_provider_involved_with_the_household_is_refused_the_case_and_the_refusal_is_logged(case, household):
    provider = UserFactory(role=Role.PROVIDER, is_demo=True)
    InvolvementFactory(
        household=household,
        organisation=provider.affiliations.get().organisation,
        kind=InvolvementKind.PROVIDER_ASSIGNMENT,
    )
    client = Client()
    client.force_login(provider)

    response = client.get(f"/api/v1/cases/{case.pk}/")

    assert response.status_code == 403
    assert response.json()["detail"] == "U hebt hiervoor niet de juiste rol."
    refused = ProcessingLogEntry.objects.filter(actor=provider, result=Result.DENIED)
    assert sorted(refused.values_list("data_subjects__pseudonym", "channel")) == sorted(
        [(pseudonym(household.mother.bsn), "api"), (pseudonym(household.son.bsn), "api")]
    )
