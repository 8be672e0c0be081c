"""While the database is down (a PostgreSQL restart), a page answers a Dutch 503 in the site's layout, the API
answers problem details, and both say when to try again; once it is back, the next request is served again without
a restart. The outage is simulated at the connection level (see outage.py), so the session, the user lookup and
ATOMIC_REQUESTS fail as they do in production, not only the view."""

import pytest
from django.test import Client
from django.urls import reverse
from prometheus_client import REGISTRY

from routekaart.organisations.roles import Role
from routekaart.organisations.tests.factories import UserFactory

from .outage import database_down

pytestmark = [pytest.mark.django_db(transaction=True)]

TYPED_BSN = "999900006"
DUTCH_MESSAGE = "De gegevens zijn even niet bereikbaar."


@pytest.fixture
def signed_in(demo_login, settings):
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    client.force_login(UserFactory(role=Role.COORDINATOR, is_demo=True))
    return client


def test_a_page_answers_a_dutch_503_in_the_site_layout_while_the_database_is_down(signed_in):
    with database_down():
        response = signed_in.get(f"{reverse('home')}?bsn={TYPED_BSN}")

    assert response.status_code == 503
    assert response.headers["Content-Type"].startswith("text/html")
    assert int(response.headers["Retry-After"]) > 0
    body = response.content.decode()
    assert DUTCH_MESSAGE in body
    assert 'lang="nl"' in body
    assert 'class="utrecht-theme"' in body and "routekaart/site.css" in body
    assert '<main id="main"' in body
    assert TYPED_BSN not in body
    assert "Server Error" not in body and "Traceback" not in body


def test_an_anonymous_form_post_under_atomic_requests_answers_503_too():
    client = Client(raise_request_exception=False)
    with database_down():
        response = client.post(reverse("login"), {"username": "iemand", "password": "iets-geheims-123"})

    assert response.status_code == 503
    assert DUTCH_MESSAGE in response.content.decode()


def test_the_api_answers_problem_details_503_in_dutch_while_the_database_is_down(signed_in):
    with database_down():
        response = signed_in.get(f"/api/v1/households/?bsn={TYPED_BSN}")

    assert response.status_code == 503
    assert response.headers["Content-Type"] == "application/problem+json"
    assert int(response.headers["Retry-After"]) > 0
    problem = response.json()
    assert problem["status"] == 503
    assert problem["title"] == "Tijdelijk niet beschikbaar"
    assert problem["code"] == "database_unavailable"
    assert DUTCH_MESSAGE in problem["detail"]
    assert TYPED_BSN not in response.content.decode()


def test_the_next_request_is_served_once_the_database_is_back(signed_in):
    with database_down():
        assert signed_in.get(reverse("home")).status_code == 503

    assert signed_in.get(reverse("home")).status_code == 200


def test_each_outage_answer_is_counted_for_the_metrics(signed_in):
    def count() -> float:
        return REGISTRY.get_sample_value("routekaart_database_unavailable_total") or 0.0

    before = count()
    with database_down():
        signed_in.get(reverse("home"))
        signed_in.get("/api/v1/households/")

    assert count() == before + 2


def test_an_api_client_with_a_token_gets_problem_details_503_from_inside_the_view():
    """The token is looked up by DRF inside the view: the outage reaches the view, not a middleware."""
    from knox.models import AuthToken

    token = AuthToken.objects.create(user=UserFactory(role=Role.COORDINATOR))[1]
    client = Client(raise_request_exception=False)
    with database_down():
        response = client.get("/api/v1/households/", HTTP_AUTHORIZATION=f"Token {token}")

    assert response.status_code == 503
    assert response.headers["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "database_unavailable"
