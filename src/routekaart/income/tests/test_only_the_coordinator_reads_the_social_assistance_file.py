"""The social-assistance file (benefit, assets, health) is read only by the roles the register names for it: the
page and the API answer the same, whatever domain a job coach's role or an adviser's work-profile consent opens."""

from datetime import date

import pytest

from routekaart.audit.models import ProcessingLogEntry, Result
from routekaart.organisations.roles import Domain, Role
from routekaart.residents import services as resident_services
from routekaart.residents.models import InvolvementKind
from routekaart.residents.tests.factories import (
    HouseholdFactory,
    InvolvementFactory,
    MembershipFactory,
    ResidentFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def household():
    household = HouseholdFactory()
    household.client = ResidentFactory(birth_date=date(1980, 3, 3))
    MembershipFactory(household=household, resident=household.client, valid_from=date(2020, 1, 1))
    return household


def organisation_of(user):
    return user.affiliations.get().organisation


def answers(client, household) -> tuple[int, int]:
    page = client.get(f"/bestaanszekerheid/huishoudens/{household.pk}/")
    api = client.get(f"/api/v1/income/households/{household.pk}/calculation/")
    return page.status_code, api.status_code


def test_a_job_coach_involved_with_the_household_is_refused_on_page_and_api_and_each_refusal_is_logged(
    staff_client, household
):
    client, coach = staff_client(Role.JOB_COACH)
    InvolvementFactory(
        household=household, organisation=organisation_of(coach), user=coach, kind=InvolvementKind.JOB_COACHING
    )
    assert answers(client, household) == (403, 403)
    refused = ProcessingLogEntry.objects.filter(actor=coach, result=Result.DENIED, activity_id="social-assistance")
    assert sorted(refused.values_list("channel", flat=True)) == ["api", "page"]


def test_an_employer_adviser_with_work_profile_consent_is_refused_on_page_and_api(staff_client, household):
    client, adviser = staff_client(Role.EMPLOYER_ADVISER)
    resident_services.consent_record(
        actor=None,
        household=household,
        resident=household.client,
        organisation=organisation_of(adviser),
        domain=Domain.PARTICIPATION,
        scope="Werkprofiel delen",
    )
    InvolvementFactory(
        household=household,
        organisation=organisation_of(adviser),
        user=adviser,
        kind=InvolvementKind.EMPLOYER_CANDIDATE,
    )
    assert answers(client, household) == (403, 403)
