import pytest


@pytest.fixture(autouse=True)
def configuration(request):
    """The income data files (the jobs call income's services) and the schedules, for tests using the database."""
    if request.node.get_closest_marker("django_db") is None:
        return
    request.getfixturevalue("_django_db_helper")
    from routekaart.income.configuration import income_configuration_load
    from routekaart.jobs.configuration import schedules_load

    income_configuration_load()
    schedules_load()
