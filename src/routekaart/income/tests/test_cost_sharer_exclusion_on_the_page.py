"""The coordinator records on the page that a housemate does not count for the cost-sharer norm; the service's
refusal stands beside the housemate's field and nothing is saved."""

from datetime import date

import pytest
from django.urls import reverse

from routekaart.income.models import CostSharerExclusion
from routekaart.organisations.roles import Role
from routekaart.residents.tests.factories import MembershipFactory, ResidentFactory

from .factories import SocialAssistanceFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("march_2026")]


def test_an_exclusion_is_refused_before_the_housemate_lived_there_and_recorded_after(staff_client):
    client, user = staff_client(Role.COORDINATOR)
    benefit = SocialAssistanceFactory(organisation=user.affiliations.get().organisation, coordinator=user)
    student = ResidentFactory()
    MembershipFactory(household=benefit.household, resident=student, valid_from=date(2026, 2, 1))
    url = reverse("income:cost_sharer_exclusion", args=[benefit.household_id])
    assert client.get(url).status_code == 200

    data = {"resident": student.pk, "reason": "student", "valid_from": "2026-01-01"}
    refused = client.post(url, data)
    assert refused.status_code == 400
    assert refused.context["form"].errors["resident"] == ["Deze inwoner woont op die datum niet in dit huishouden."]
    assert not CostSharerExclusion.objects.exists()

    done = client.post(url, {**data, "valid_from": "2026-02-01"})
    assert done.status_code == 302
    assert done.url == reverse("income:client_detail", args=[benefit.household_id])
    exclusion = CostSharerExclusion.objects.get()
    assert (exclusion.resident, exclusion.reason, exclusion.valid_from) == (student, "student", date(2026, 2, 1))
