import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from routekaart.work import selectors
from routekaart.work.tests.factories import VacancyFactory

@pytest.mark.django_db
def test_show(work_configuration, adviser, make_candidate):
    opening = VacancyFactory(); make_candidate()
    with CaptureQueriesContext(connection) as q:
        selectors.ranking_get(user=adviser, opening=opening)
    for x in q.captured_queries: print(x["sql"][:150])
