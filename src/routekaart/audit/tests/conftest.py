from routekaart.routes.tests.conftest import network, pupil, pupil_factory, route_maps  # noqa: F401
