"""The demo's participation data keeps the services' invariants and follows the seed's shares; a rerun adds nothing."""

from datetime import date, timedelta

import pytest
from django.db.models import Count, F
from freezegun import freeze_time

from routekaart.organisations.roles import Domain, Role
from routekaart.organisations.tests.factories import UserFactory
from routekaart.participation import selectors
from routekaart.participation.demo import _benefit_clients, participation_generate
from routekaart.participation.models import Assignment, Commitment, DistanceAssessment
from routekaart.residents.generator import municipality_generate
from routekaart.residents.life_phase import aow_date
from routekaart.residents.models import InvolvementKind
from routekaart.residents.tests.factories import InvolvementFactory

from .factories import resident_in_household

pytestmark = pytest.mark.django_db
AOW_BIRTH_DATE = date(1962, 3, 10)
AOW_DATE = aow_date(AOW_BIRTH_DATE)  # 10 June 2029: 67 years and 3 months, not 67


def test_every_benefit_client_gets_one_current_assessment_and_a_rerun_adds_nothing(configuration, demo_login):
    municipality_generate(residents=6000, progress=False)
    counts = participation_generate()
    assert counts["residents"] > 100
    per_resident = DistanceAssessment.objects.filter(is_current=True).values("resident_id").annotate(n=Count("id"))
    assert per_resident.count() == counts["residents"] and all(row["n"] == 1 for row in per_resident)
    assert not DistanceAssessment.objects.filter(next_assessment_on__lte=F("assessed_on")).exists()
    report = selectors.reassessment_report(since=None, until=None)
    total = DistanceAssessment.objects.exclude(change="first").count()
    fell = DistanceAssessment.objects.filter(change="smaller").count()
    assert total and 0.6 <= fell / total <= 0.9  # seed 002: three in four
    assert report.reference_share_fell == 75
    distribution = selectors.distance_distribution()
    bridgeable_long = next(r for r in distribution.rows if r.category.code == "bridgeable_long")
    assert 45 <= bridgeable_long.share <= 70  # Zaanstad: 57 %
    assert Assignment.objects.exists() and Commitment.objects.exists()
    assert participation_generate()["residents"] == 0


@pytest.mark.parametrize(
    ("on", "client"),
    [(AOW_DATE - timedelta(days=1), True), (AOW_DATE, False), (AOW_DATE + timedelta(days=1), False)],
    ids=["day-before-aow", "aow-date", "day-after-aow"],
)
def test_the_demo_assesses_benefit_clients_up_to_their_aow_date(on, client):
    resident, household = resident_in_household(birth_date=AOW_BIRTH_DATE)
    coordinator = UserFactory(role=Role.COORDINATOR)
    InvolvementFactory(
        household=household,
        organisation=coordinator.affiliations.get().organisation,
        user=coordinator,
        kind=InvolvementKind.COORDINATOR,
        domain=Domain.PARTICIPATION,
    )
    with freeze_time(on):
        assert (resident.pk in set(_benefit_clients(municipality=None))) is client
