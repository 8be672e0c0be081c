"""An unexpected exception answers the Dutch 500 page in the site's layout (problem details under /api/), never
the traceback, the address or what the exception says (it may hold a BSN)."""

import pytest
from django.test import Client

pytestmark = [pytest.mark.django_db, pytest.mark.urls("routekaart.core.tests.failing_urls")]

TYPED_BSN = "999900006"


@pytest.fixture
def client_seeing_errors(settings):
    settings.DEBUG = False
    return Client(raise_request_exception=False)


def test_an_unexpected_error_on_a_page_answers_the_dutch_500_page(client_seeing_errors):
    response = client_seeing_errors.get(f"/kapot/{TYPED_BSN}/?bsn={TYPED_BSN}")

    assert response.status_code == 500
    assert response.headers["Content-Type"].startswith("text/html")
    body = response.content.decode()
    assert "Er ging iets mis aan onze kant." in body
    assert 'lang="nl"' in body and 'class="utrecht-theme"' in body and '<main id="main"' in body
    for leak in (TYPED_BSN, "/kapot/", "RuntimeError", "onverwacht", "Traceback", "Server Error"):
        assert leak not in body
    assert "Retry-After" not in response.headers


def test_an_unexpected_error_in_the_api_answers_problem_details(client_seeing_errors):
    response = client_seeing_errors.get(f"/api/v1/kapot/{TYPED_BSN}/")

    assert response.status_code == 500
    assert response.headers["Content-Type"] == "application/problem+json"
    assert response.json()["detail"] == "Er ging iets mis aan onze kant. Probeer het later opnieuw."
    assert TYPED_BSN not in response.content.decode()
