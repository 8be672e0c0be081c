"""Every read of a placement, on the page and through the API, runs the candidate check for its resident (the
resident's consent, or the household's access) and logs the read; without it the placement is refused (403, logged)."""

import pytest
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from routekaart.audit.models import ProcessingLogEntry, Result
from routekaart.organisations.models import OrganisationKind
from routekaart.organisations.roles import Role
from routekaart.organisations.tests.factories import AffiliationFactory, OrganisationFactory, UserFactory
from routekaart.residents.models import Consent
from routekaart.work import services
from routekaart.work.privacy import PLACEMENT

from .factories import ArrangementFactory

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def placement(work_configuration, adviser, make_candidate):
    profile = make_candidate(given_names="Anouk")
    with freeze_time("2026-01-05"):
        return services.placement_propose(actor=adviser, opening=ArrangementFactory(positions=1), profile=profile)


@pytest.fixture
def stranger(demo_login):
    """An employer adviser of another organisation, to which the candidate never consented."""
    user = UserFactory(is_demo=True)
    organisation = OrganisationFactory(kind=OrganisationKind.SERVICE_ORGANISATION, name="Andere Dienst")
    AffiliationFactory(user=user, organisation=organisation, role=Role.EMPLOYER_ADVISER)
    return user


def _reads(user, result=Result.OK):
    return ProcessingLogEntry.objects.filter(actor=user, activity_id=PLACEMENT, result=result)


def test_the_adviser_reads_the_placement_and_each_read_is_logged(client, adviser, placement):
    client.force_login(adviser)
    assert client.get(reverse("work:placement_detail", args=[placement.pk])).status_code == 200
    assert _reads(adviser).filter(channel="page").exists()
    response = client.get(f"/api/v1/work/placements/{placement.pk}/")
    assert response.status_code == 200 and response.json()["id"] == placement.pk
    assert _reads(adviser).filter(channel="api").exists()


@pytest.mark.parametrize("channel", ["page", "api"])
def test_an_adviser_without_the_candidates_consent_is_refused(client, stranger, placement, channel):
    client.force_login(stranger)
    url = (
        reverse("work:placement_detail", args=[placement.pk])
        if channel == "page"
        else f"/api/v1/work/placements/{placement.pk}/"
    )
    response = client.get(url)
    assert response.status_code == 403
    assert "Anouk" not in response.text
    assert _reads(stranger, Result.DENIED).exists()
    assert not _reads(stranger).exists()


def test_a_withdrawn_consent_closes_the_placement_through_the_api_at_once(client, adviser, placement):
    Consent.objects.filter(resident=placement.profile.resident).update(withdrawn_at=timezone.now())
    client.force_login(adviser)
    response = client.get(f"/api/v1/work/placements/{placement.pk}/")
    assert response.status_code == 403
    assert "Anouk" not in response.text
    assert _reads(adviser, Result.DENIED).exists()
