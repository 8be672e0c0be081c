"""Every change appends an event in the P domain and logs the processing under a pseudonym, never the BSN."""

from datetime import date
from decimal import Decimal

import pytest
from freezegun import freeze_time

from routekaart.audit.models import Event, ProcessingLogEntry
from routekaart.audit.services import pseudonym
from routekaart.participation import services
from routekaart.participation.models import DistanceCategory
from routekaart.residents.selectors import event_domain

pytestmark = pytest.mark.django_db


@freeze_time("2026-03-02")
def test_a_full_journey_leaves_events_and_log_entries_without_personal_data(world):
    category = DistanceCategory.objects.get(code="bridgeable_long")
    services.distance_assess(
        actor=world.user,
        resident=world.resident,
        category=category,
        tier=world.tier("reduced_wage_value"),
        ladder_rung=world.rung(3),
        municipality=world.municipality,
        note="Wil graag in de techniek werken",
    )
    assignment = services.assignment_propose(
        actor=world.user,
        resident=world.resident,
        instrument=world.instrument("learn_work_place"),
        provider=world.learn_work,
        municipality=world.municipality,
        planned_start=date(2026, 3, 2),
        planned_end=date(2026, 6, 30),
        monthly_cost=Decimal("950"),
        goal="Werkritme opdoen",
    )
    services.assignment_decide(
        actor=world.user, assignment=assignment, granted=True, decided_on=date(2026, 3, 1), reference="LWP-7"
    )
    services.assignment_start(actor=world.user, assignment=assignment, started_on=date(2026, 3, 2))
    services.assignment_end(
        actor=world.user, assignment=assignment, ended_on=date(2026, 3, 2), result=world.result("stopped_early")
    )

    actions = list(Event.objects.order_by("id").values_list("action", flat=True))
    assert actions[-5:] == [
        "distance.assessed",
        "assignment.proposed",
        "assignment.granted",
        "assignment.started",
        "assignment.ended",
    ]
    events = list(
        Event.objects.filter(action__startswith="assignment.") | Event.objects.filter(action="distance.assessed")
    )
    assert all(e.household_id == world.household.pk for e in events)
    assert all(event_domain(e) == "P" for e in events)
    written = ProcessingLogEntry.objects.filter(activity_id="participation", operation="write")
    assert written.count() == 5 and set(written.values_list("data_subjects__pseudonym", flat=True)) == {
        pseudonym(world.resident.bsn)
    }
    dumped = " ".join(str(e.after) + str(e.before) + e.reason for e in events)
    for secret in (world.resident.bsn, world.resident.family_name, "techniek", "Werkritme"):
        assert secret not in dumped
