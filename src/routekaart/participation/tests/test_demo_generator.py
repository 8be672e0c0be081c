"""The demo's participation data keeps the services' invariants and follows the seed's shares; a rerun adds nothing."""

import pytest
from django.db.models import Count, F

from routekaart.participation import selectors
from routekaart.participation.demo import participation_generate
from routekaart.participation.models import Assignment, Commitment, DistanceAssessment
from routekaart.residents.generator import municipality_generate

pytestmark = pytest.mark.django_db


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
