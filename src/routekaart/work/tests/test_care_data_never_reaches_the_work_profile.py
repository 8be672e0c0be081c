"""The employer adviser sees the work profile and nothing of the resident's care: not on the page, not in the
ranking, not through the API, and the profile has no place to keep care data."""

import pytest
from django.urls import reverse

from routekaart.audit.models import ProcessingLogEntry
from routekaart.audit.services import action_record, pseudonym
from routekaart.organisations.models import OrganisationKind
from routekaart.organisations.roles import Domain
from routekaart.organisations.tests.factories import OrganisationFactory
from routekaart.residents.models import InvolvementKind
from routekaart.residents.tests.factories import InvolvementFactory
from routekaart.work import services
from routekaart.work.models import CandidateProfile

from .conftest import consent_to
from .factories import VacancyFactory

pytestmark = [pytest.mark.django_db]

CARE_REASON = "Ambulante jeugdhulp na melding huiselijk geweld"
WMO_SCOPE = "Begeleiding bij psychische klachten (Wmo)"
CARE_PROVIDER = "Zorgaanbieder De Linde"


@pytest.fixture
def cared_for_candidate(make_candidate):
    """A candidate whose household also has youth care and Wmo support, with care consents and care events."""
    profile = make_candidate(given_names="Noor", experience="Drie jaar schoonmaker in een kantoorpand")
    household = profile.resident.memberships.get().household
    provider = OrganisationFactory(kind=OrganisationKind.PROVIDER, name=CARE_PROVIDER)
    InvolvementFactory(
        household=household,
        organisation=provider,
        kind=InvolvementKind.PROVIDER_ASSIGNMENT,
        domain=Domain.YOUTH,
        reason=CARE_REASON,
    )
    consent_to(profile.resident, provider, household, domain=Domain.SUPPORT).__class__.objects.filter(
        organisation=provider
    ).update(scope=WMO_SCOPE)
    action_record(
        actor=None,
        action="assignment.started",
        subject=("assignment", 1),
        household_id=household.pk,
        after={"domain": Domain.SUPPORT, "provider": "de-linde"},
    )
    return profile


def test_the_profile_has_only_work_fields():
    """A field added to the work profile must be a work field; this list is the privacy review's."""
    fields = {f.name for f in CandidateProfile._meta.get_fields() if f.concrete}
    assert fields == {
        "id",
        "resident",
        "status",
        "competences",
        "competence_mask",
        "desired_sectors",
        "sector_mask",
        "experience",
        "education_level",
        "hours_min",
        "hours_max",
        "max_travel_km",
        "pc4",
        "available_from",
        "wishes",
        "updated_at",
        "updated_by",
    }


def test_the_adviser_sees_the_work_profile_and_no_care_data(work_configuration, adviser_client, cared_for_candidate):
    profile = cared_for_candidate
    vacancy = VacancyFactory()
    pages = [
        adviser_client.get(reverse("work:candidate_detail", args=[profile.pk])),
        adviser_client.get(reverse("work:ranking", args=["vacature", vacancy.pk])),
        adviser_client.get(reverse("work:candidate_list")),
    ]
    for response in pages:
        assert response.status_code == 200
        assert "Noor" in response.text
        for care in (CARE_REASON, WMO_SCOPE, CARE_PROVIDER, "Jeugdhulp", "Wmo 2015", "assignment"):
            assert care not in response.text
        assert profile.resident.bsn not in response.text
    assert "Drie jaar schoonmaker in een kantoorpand" in pages[0].text


def test_the_api_gives_the_work_fields_only(work_configuration, adviser_client, cared_for_candidate):
    response = adviser_client.get(f"/api/v1/work/profiles/{cared_for_candidate.pk}/")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {
        "id",
        "name",
        "status",
        "competences",
        "experience",
        "education_level",
        "hours_min",
        "hours_max",
        "pc4",
        "max_travel_km",
        "desired_sectors",
        "wishes",
        "wage_value",
        "in_target_group_register",
    }
    assert CARE_REASON not in response.text and cared_for_candidate.resident.bsn not in response.text


def test_each_read_of_a_work_profile_is_logged_as_work_matching_with_a_pseudonym(
    work_configuration, adviser, adviser_client, cared_for_candidate
):
    adviser_client.get(reverse("work:candidate_detail", args=[cared_for_candidate.pk]))
    entry = ProcessingLogEntry.objects.filter(actor=adviser, activity_id="work-matching").get()
    assert entry.pseudonyms == [pseudonym(cared_for_candidate.resident.bsn)]
    assert not ProcessingLogEntry.objects.filter(actor=adviser, activity_id__in=["youth-care", "social-support"])


def test_proposing_involves_the_adviser_without_opening_the_care_domains(
    work_configuration, adviser, adviser_client, cared_for_candidate
):
    """The proposal makes the adviser visibly involved; consent for the work profile (P) opens no J or W data."""
    services.placement_propose(actor=adviser, opening=VacancyFactory(), profile=cared_for_candidate)
    household = cared_for_candidate.resident.memberships.get().household
    involvement = household.involvements.get(kind=InvolvementKind.EMPLOYER_CANDIDATE)
    assert (involvement.user, involvement.domain) == (adviser, Domain.PARTICIPATION)
    services.placement_propose(actor=adviser, opening=VacancyFactory(), profile=cared_for_candidate)
    assert household.involvements.filter(kind=InvolvementKind.EMPLOYER_CANDIDATE).get() == involvement  # once
    response = adviser_client.get(reverse("residents:household_detail", args=[household.pk]))
    assert response.status_code in (200, 403)
    assert CARE_REASON not in response.text and WMO_SCOPE not in response.text
