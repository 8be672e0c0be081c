import pytest


@pytest.fixture(autouse=True)
def processing_register(request):
    """The register of processing activities, which every processing log entry refers to (tests using the db)."""
    if request.node.get_closest_marker("django_db") is None:
        return
    request.getfixturevalue("_django_db_helper")
    from routekaart.audit.configuration import processing_activities_load

    processing_activities_load()
