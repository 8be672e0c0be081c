"""Every resident with a distance has a next assessment date; the history is kept; the report shows whose fell."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from freezegun import freeze_time

from routekaart.participation import selectors, services
from routekaart.participation.models import DistanceAssessment, DistanceCategory

from .factories import resident_in_household

pytestmark = pytest.mark.django_db


def _assess(world, resident, code, on, tier=None):
    category = DistanceCategory.objects.get(code=code)
    with freeze_time(on):
        return services.distance_assess(
            actor=world.user,
            resident=resident,
            category=category,
            tier=tier or category.tiers.order_by("order").first(),
            ladder_rung=world.rung(3),
            assessed_on=date.fromisoformat(on),
            municipality=world.municipality,
        )


def test_the_next_assessment_follows_the_category(world):
    long = _assess(world, world.resident, "bridgeable_long", "2026-01-15")
    assert long.next_assessment_on == date(2026, 7, 15)  # 6 months for a bridgeable distance
    social = _assess(world, world.resident, "not_bridgeable_social", "2026-07-20")
    assert social.next_assessment_on == date(2027, 7, 20)  # 12 months: at least once a year
    direct = _assess(world, world.resident, "none_direct", "2026-08-01")
    assert direct.next_assessment_on == date(2026, 11, 1)


def test_the_history_is_kept_with_one_current_assessment_and_the_change(world):
    first = _assess(world, world.resident, "bridgeable_long", "2025-06-02")
    second = _assess(world, world.resident, "bridgeable_short", "2025-12-01")
    third = _assess(world, world.resident, "bridgeable_short", "2026-06-01")
    history = list(DistanceAssessment.objects.filter(resident=world.resident).order_by("assessed_on"))
    assert [a.pk for a in history] == [first.pk, second.pk, third.pk]
    assert [a.change for a in history] == ["first", "smaller", "same"]
    assert [a.is_current for a in history] == [False, False, True]
    assert third.previous_id == second.pk and second.previous_id == first.pk
    assert selectors.labour_distance_current(resident_id=world.resident.pk).pk == third.pk


def test_an_assessment_before_the_current_one_is_refused(world):
    _assess(world, world.resident, "bridgeable_long", "2026-03-01")
    with pytest.raises(ValidationError) as refused:
        _assess(world, world.resident, "bridgeable_short", "2026-02-01")
    assert "ligt niet daarvóór" in " ".join(refused.value.message_dict["assessed_on"])
    assert DistanceAssessment.objects.count() == 1


def test_a_tier_that_does_not_fit_the_category_is_refused(world):
    with pytest.raises(ValidationError) as refused:
        _assess(world, world.resident, "none_direct", "2026-03-01", tier=world.tier("regular_work_not_realistic"))
    assert "past niet bij de categorie" in " ".join(refused.value.message_dict["tier"])


def test_the_report_shows_the_share_whose_distance_fell_three_in_four_as_in_the_seed(world):
    """Seed 002 §3.4: of the residents thought to need more than a year, three in four had a smaller distance."""
    residents = [world.resident] + [resident_in_household()[0] for _ in range(3)]
    for resident in residents:
        _assess(world, resident, "bridgeable_long", "2025-09-01")
    for resident, code in zip(
        residents, ["bridgeable_short", "none_matching", "bridgeable_short", "bridgeable_long"], strict=True
    ):
        _assess(world, resident, code, "2026-03-02")
    report = selectors.reassessment_report(
        municipality=world.municipality, since=date(2026, 1, 1), until=date(2026, 12, 31)
    )
    assert report.reassessed == 4 and report.fell == 3
    assert report.share_fell == 75
    assert report.reference_share_fell == 75  # the seed's figure, shown beside it


def test_the_planning_counts_every_resident_with_a_distance_by_month_and_overdue(world):
    residents = [world.resident] + [resident_in_household()[0] for _ in range(2)]
    _assess(world, residents[0], "bridgeable_long", "2025-10-10")  # due 2026-04-10: overdue on 2026-05-01
    _assess(world, residents[1], "bridgeable_short", "2026-01-05")  # due 2026-07-05
    _assess(world, residents[2], "not_bridgeable_social", "2026-02-01")  # due 2027-02-01
    planning = selectors.reassessment_planning(municipality=world.municipality, on=date(2026, 5, 1), months=12)
    assert planning.with_distance == 3 and planning.overdue == 1
    by_month = dict(planning.months)
    assert by_month[date(2026, 7, 1)] == 1 and by_month[date(2027, 2, 1)] == 1
    assert sum(by_month.values()) == 2 and len(planning.months) == 12
