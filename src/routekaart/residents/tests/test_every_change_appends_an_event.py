"""Each service appends exactly one event per change (with before/after), and a write-log entry; no names in it."""

import json
from datetime import date

import pytest

from routekaart.audit.models import Event, Operation, ProcessingLogEntry
from routekaart.organisations.roles import Domain, Role
from routekaart.organisations.tests.factories import AffiliationFactory

from .. import services
from ..models import InvolvementKind
from .factories import HouseholdFactory, ResidentFactory

pytestmark = [pytest.mark.django_db]


def test_a_household_story_appends_one_event_per_change_with_before_and_after():
    affiliation = AffiliationFactory(role=Role.COORDINATOR)
    actor, team = affiliation.user, affiliation.organisation
    trail = []

    def step(call, **kwargs):
        count = Event.objects.count()
        result = call(actor=actor, **kwargs)
        new = list(Event.objects.order_by("id")[count:])
        trail.append(new)
        return result, new

    mother, events = step(
        services.resident_register,
        bsn="111222333",
        given_names="Ingrid",
        family_name="Zwanenburg",
        birth_date=date(1979, 3, 3),
    )
    assert [e.action for e in events] == ["resident.registered"]
    son = ResidentFactory(birth_date=date(2010, 1, 1), registered_by=actor)
    household, events = step(
        services.household_create,
        members=[services.MemberSpec(mother, "head"), services.MemberSpec(son, "child")],
        valid_from=date(2020, 1, 1),
        coordinator_organisation=team,
    )
    assert [e.action for e in events] == [
        "household.created",
        "membership.started",
        "membership.started",
        "involvement.started",
    ]
    assert all(e.household_id == household.pk and e.actor == actor for e in events)
    assert events[1].after["valid_from"] == "2020-01-01"

    _, events = step(services.resident_update, resident=mother, phone="0612345678")
    assert [(e.action, e.after) for e in events] == [("resident.updated", {"fields": ["phone"]})]
    assert events[0].household_id == household.pk

    membership = son.memberships.get()
    _, events = step(services.membership_end, membership=membership, valid_to=date(2028, 1, 1))
    assert events[0].before["valid_to"] is None and events[0].after["valid_to"] == "2028-01-01"

    consent, events = step(
        services.consent_record,
        household=household,
        resident=mother,
        organisation=team,
        domain=Domain.SUPPORT,
        scope="Wmo-onderzoek",
    )
    assert events[0].after["domain"] == "W"
    _, events = step(services.consent_withdraw, consent=consent)
    assert events[0].before["withdrawn_at"] is None and events[0].after["withdrawn_at"]

    # the coordinator re-houses the mother while still involved (a lawful ground), then ends the involvement
    other = HouseholdFactory()
    _, events = step(services.resident_move, resident=mother, household=other, on=date(2024, 6, 1), role="head")
    assert [e.action for e in events] == ["membership.ended", "membership.started"]
    assert {e.household_id for e in events} == {household.pk, other.pk}

    involvement = household.involvements.get(kind=InvolvementKind.COORDINATOR)
    _, events = step(services.involvement_end, involvement=involvement)
    assert events[0].action == "involvement.ended"

    _, events = step(services.relation_add, resident=mother, related=son, kind="parent")
    assert events[0].action == "relation.added"

    _, events = step(_break_glass, household=other)
    assert events[0].action == "break_glass.started"

    everything = json.dumps([[e.before, e.after, e.reason] for events in trail for e in events])
    for personal in ("111222333", "Ingrid", "Zwanenburg", "0612345678", son.bsn, son.family_name):
        assert personal not in everything

    writes = ProcessingLogEntry.objects.filter(operation=Operation.WRITE)
    assert writes.exists()
    assert not writes.filter(data_subjects__pseudonym="111222333").exists()


def _break_glass(*, actor, household):
    return services.break_glass_start(user=actor, household_id=household.pk, reason="Acute zorgen over de veiligheid")


def test_a_refused_change_appends_no_event():
    resident = ResidentFactory()
    before = Event.objects.count()
    with pytest.raises(Exception):  # noqa: B017 - any refusal will do; the point is that nothing is appended
        services.membership_start(
            actor=None, household=HouseholdFactory(), resident=resident, valid_from=date(1900, 1, 1)
        )
    assert Event.objects.count() == before
