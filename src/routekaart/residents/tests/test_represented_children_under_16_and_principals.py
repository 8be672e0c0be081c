"""Whom a resident represents in the portal: themself, a child until the day before their 16th birthday, and a
living person who authorised them, only for the authorised domains and only while the authorisation is open."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ..models import RelationKind
from ..represented import Ground, persons_represented
from .factories import RelationFactory, ResidentFactory
from .test_authorisations_record_and_withdraw import record

pytestmark = pytest.mark.django_db
BIRTHDAY_16 = date(2026, 6, 1)  # the child turns 16 on this day


@pytest.fixture
def parent_and_child():
    parent = ResidentFactory(given_names="Marieke", birth_date=date(1980, 1, 1))
    child = ResidentFactory(given_names="Daan", birth_date=date(2010, 6, 1))
    RelationFactory(resident=parent, related=child, kind=RelationKind.PARENT)
    return parent, child


def ids(resident, on):
    return [(r.id, r.ground) for r in persons_represented(resident=resident, on=on)]


@pytest.mark.parametrize(
    ("on", "sees_child"),
    [(date(2026, 5, 31), True), (BIRTHDAY_16, False), (date(2027, 6, 1), False)],
    ids=["15, the day before", "16 on the birthday", "17"],
)
def test_a_parent_sees_a_child_until_the_day_before_the_16th_birthday(parent_and_child, on, sees_child):
    parent, child = parent_and_child
    expected = [(parent.pk, Ground.SELF)] + ([(child.pk, Ground.PARENT)] if sees_child else [])
    assert ids(parent, on) == expected


def test_oneself_and_a_child_under_16_see_every_domain(parent_and_child):
    parent, _child = parent_and_child
    found = persons_represented(resident=parent, on=date(2026, 5, 31))
    assert [r.domains for r in found] == [frozenset("GJPW")] * 2


def test_a_child_of_16_is_seen_again_only_with_their_authorisation_and_only_for_its_domains(parent_and_child):
    parent, child = parent_and_child
    record(None, child, parent, domains=["P"], valid_from=BIRTHDAY_16)
    found = persons_represented(resident=parent, on=BIRTHDAY_16)
    assert [(r.id, r.ground) for r in found] == [(parent.pk, Ground.SELF), (child.pk, Ground.AUTHORISED)]
    assert found[1].domains == frozenset("P")
    assert found[1].sees("P") and not found[1].sees("J") and not found[1].sees("G")


def test_two_open_authorisations_of_one_principal_merge_their_domains(parent_and_child):
    parent, child = parent_and_child
    record(None, child, parent, domains=["P"], valid_from=BIRTHDAY_16)
    record(None, child, parent, domains=["W", "G"], valid_from=BIRTHDAY_16)
    found = persons_represented(resident=parent, on=BIRTHDAY_16)
    assert len(found) == 2 and found[1].domains == frozenset("GPW")


def test_a_withdrawn_authorisation_ends_the_representation_at_once(parent_and_child):
    from ..models import Authorisation

    parent, child = parent_and_child
    authorisation = record(None, child, parent, valid_from=BIRTHDAY_16)
    Authorisation.objects.filter(pk=authorisation.pk).update(withdrawn_at=timezone.now())
    assert ids(parent, date(2026, 6, 2)) == [(parent.pk, Ground.SELF)]


def test_an_authorisation_counts_only_within_its_period(parent_and_child):
    parent, child = parent_and_child
    record(None, child, parent, valid_from=date(2026, 7, 1), valid_to=date(2026, 8, 1))
    assert ids(parent, date(2026, 6, 30)) == [(parent.pk, Ground.SELF)]
    assert ids(parent, date(2026, 7, 1)) == [(parent.pk, Ground.SELF), (child.pk, Ground.AUTHORISED)]
    assert ids(parent, date(2026, 8, 1)) == [(parent.pk, Ground.SELF)]


def test_a_deceased_principal_is_not_represented(parent_and_child):
    parent, child = parent_and_child
    record(None, child, parent, valid_from=BIRTHDAY_16)
    child.date_of_death = date(2026, 7, 1)
    child.save()
    assert ids(parent, date(2026, 7, 2)) == [(parent.pk, Ground.SELF)]


def test_the_agent_is_not_represented_by_the_principal(parent_and_child):
    parent, child = parent_and_child
    record(None, child, parent, valid_from=BIRTHDAY_16)
    assert ids(child, BIRTHDAY_16) == [(child.pk, Ground.SELF)]


def test_two_queries_however_many_children_and_principals(parent_and_child):
    parent, _child = parent_and_child
    counts = []
    for extra in (0, 4):
        for _ in range(extra):
            RelationFactory(resident=parent, related=ResidentFactory(birth_date=date(2015, 1, 1)), kind="parent")
            record(None, ResidentFactory(birth_date=date(1950, 1, 1)), parent, valid_from=date(2026, 1, 1))
        with CaptureQueriesContext(connection) as queries:
            found = persons_represented(resident=parent, on=date(2026, 5, 31))
            [r.resident.full_name for r in found]
        counts.append(len(queries))
    assert len(found) == 1 + 5 + 4
    assert counts == [2, 2]
