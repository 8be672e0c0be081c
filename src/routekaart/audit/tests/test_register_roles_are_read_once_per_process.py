"""The access check asks the register's roles on every page: they are read once per process and day, and a load of
the register, a change of one of its rows, or the cache's age makes the next ask read them again."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from routekaart.audit import configuration
from routekaart.audit.models import ProcessingActivity

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def cached(settings):
    """As in production (the test settings read the register on every ask)."""
    settings.AUDIT_ROLES_CACHE_SECONDS = 60.0


DAY = datetime.date(2026, 6, 1)


def _roles_and_queries(code: str = "household-file") -> tuple[list[str] | None, int]:
    with CaptureQueriesContext(connection) as queries:
        roles = configuration.activity_roles(code, on=DAY)
    return roles, len(queries)


def test_the_roles_are_read_once_and_then_served_without_a_query():
    first, first_queries = _roles_and_queries()
    again, again_queries = _roles_and_queries()

    assert first and first_queries >= 1
    assert again == first
    assert again_queries == 0


def test_a_caller_changing_the_answer_does_not_change_the_cache():
    roles, _ = _roles_and_queries()
    roles.append("intruder")

    assert "intruder" not in _roles_and_queries()[0]


def test_a_changed_activity_counts_at_the_next_ask():
    _roles_and_queries("household-file")
    activity = ProcessingActivity.objects.create(
        code="bench-new", name="Nieuw", purpose="Doel", legal_basis="Grondslag", roles=["coordinator"]
    )
    assert _roles_and_queries("bench-new")[0] == ["coordinator"]

    activity.roles = ["policy"]
    activity.save()

    assert _roles_and_queries("bench-new") == (["policy"], 2)  # no version of it in force: its own roles


def test_a_load_of_the_register_empties_the_cache():
    _roles_and_queries()
    configuration.processing_activities_load()

    assert _roles_and_queries()[1] >= 1


def test_roles_older_than_the_cache_age_are_read_again(settings):
    _roles_and_queries()
    settings.AUDIT_ROLES_CACHE_SECONDS = -1.0

    assert _roles_and_queries()[1] >= 1
