"""The roles, the access check and the processing log's writer all read the user's affiliations on one request: one
query (with their organisations) serves them all."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from routekaart.organisations.roles import Role

from .factories import AffiliationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_roles_affiliations_and_their_organisations_take_one_query():
    user = UserFactory(role=Role.COORDINATOR)
    AffiliationFactory(user=user, role=Role.JOB_COACH)
    fresh = get_user_model().objects.get(pk=user.pk)  # as the request loads it

    with CaptureQueriesContext(connection) as queries:
        roles = fresh.roles
        held = fresh.affiliations_held()
        codes = [a.organisation.code for a in fresh.affiliations.all()]

    assert roles == [r for r in Role.values if r in {Role.COORDINATOR, Role.JOB_COACH}]
    assert len(held) == 2 and len(codes) == 2
    assert len(queries) == 1
