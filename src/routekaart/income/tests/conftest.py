import pytest


@pytest.fixture(autouse=True)
def income_configuration(request):
    """The income data files, for tests that use the database (the register comes from routekaart.testing)."""
    if request.node.get_closest_marker("django_db") is None:
        return
    request.getfixturevalue("_django_db_helper")
    from routekaart.income.configuration import income_configuration_load

    income_configuration_load()


@pytest.fixture
def march_2026():
    """Today is Monday 2 March 2026, so the norms of 1 January 2026 apply and dates in tests are fixed."""
    from freezegun import freeze_time

    with freeze_time("2026-03-02 10:00:00"):
        yield
