"""A search by name travels in a POST body (CSRF-checked), never in a URL: a query string ends up in access logs,
browser history and referrers. The results are rendered from the POST; a name in the query string searches nothing."""

import pytest
from django.test import Client
from django.urls import reverse

from routekaart.work.tests.factories import EmployerFactory

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def candidates(work_configuration, make_candidate):
    return make_candidate(given_names="Anouk"), make_candidate(given_names="Bram")


def _names(response) -> list[str]:
    return [p.resident.given_names for p in response.context["page"].object_list]


def test_the_candidate_search_form_posts_with_a_csrf_token(adviser_client, candidates):
    page = adviser_client.get(reverse("work:candidate_list"))
    assert page.status_code == 200
    assert 'method="post"' in page.text and "csrfmiddlewaretoken" in page.text
    assert 'method="get"' not in page.text


def test_the_results_are_rendered_from_the_post(adviser_client, candidates):
    response = adviser_client.post(reverse("work:candidate_list"), {"zoek": "Anouk"})
    assert response.status_code == 200  # rendered, not redirected to a URL that would carry the name
    assert _names(response) == ["Anouk"]
    assert 'value="Anouk"' in response.text  # the search stays in the form, not in a link
    assert "zoek=" not in response.text


def test_a_name_in_the_query_string_searches_nothing(adviser_client, candidates):
    response = adviser_client.get(reverse("work:candidate_list"), {"zoek": "Anouk"})
    assert sorted(_names(response)) == ["Anouk", "Bram"]
    assert 'value="Anouk"' not in response.text


def test_a_search_without_the_csrf_token_is_refused(adviser, candidates):
    client = Client(enforce_csrf_checks=True)
    client.force_login(adviser)
    assert client.post(reverse("work:candidate_list"), {"zoek": "Anouk"}).status_code == 403


def test_the_employer_search_posts_the_name_too(adviser_client, work_configuration):
    EmployerFactory(organisation__name="Bakkerij Jansen")
    EmployerFactory(organisation__name="Garage De Vries")
    page = adviser_client.get(reverse("work:employer_list"))
    assert 'method="post"' in page.text and 'method="get"' not in page.text
    response = adviser_client.post(reverse("work:employer_list"), {"zoek": "Jansen"})
    assert response.status_code == 200
    assert [e.organisation.name for e in response.context["page"].object_list] == ["Bakkerij Jansen"]
    assert len(adviser_client.get(reverse("work:employer_list"), {"zoek": "Jansen"}).context["page"].object_list) == 2
