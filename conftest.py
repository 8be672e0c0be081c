"""Load the shared fixtures for the tests under src/ and tests/."""

pytest_plugins = ["routekaart.testing"]
