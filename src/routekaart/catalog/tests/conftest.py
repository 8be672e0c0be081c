import pytest
from django.db import transaction

from routekaart.catalog import services


@pytest.fixture(scope="module")
def catalog_for_module(django_db_setup, django_db_blocker):
    """The catalog loaded once for a module whose tests only read it (Django's setUpTestData pattern): each test
    runs in a savepoint inside this transaction, which is rolled back after the module."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield services.catalog_load()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def catalog(request, db):
    """The catalog as `make demo` loads it: the data files of the repository and the default preset."""
    if "catalog_for_module" in request.fixturenames:
        return request.getfixturevalue("catalog_for_module")
    return services.catalog_load()
