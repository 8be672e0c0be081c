import pytest
from django.urls import reverse

from routekaart.organisations.roles import Role
from routekaart.organisations.tests.factories import AffiliationFactory
from routekaart.web.navigation import menu_for

pytestmark = [pytest.mark.django_db]


@pytest.mark.parametrize("role", Role.values)
def test_each_role_gets_its_own_home_page_and_navigation(staff_client, role, django_assert_max_num_queries):
    client, _ = staff_client(role)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("home"))
    assert response.status_code == 200
    assert f'data-home="{role}"' in response.text
    for menu in menu_for(role):
        assert f'id="menu-{menu.key}">{menu.label}<' in response.text
        for link in menu.links:
            assert f'href="{link.url}"' in response.text


def test_a_user_with_two_roles_can_switch_between_them(staff_client):
    client, user = staff_client(Role.COORDINATOR)
    AffiliationFactory(user=user, role=Role.POLICY)
    assert 'data-home="coordinator"' in client.get(reverse("home")).text
    client.post(reverse("switch_role"), {"role": Role.POLICY})
    assert 'data-home="policy"' in client.get(reverse("home")).text


def test_switching_to_a_role_not_held_changes_nothing(staff_client):
    client, _ = staff_client(Role.COORDINATOR)
    client.post(reverse("switch_role"), {"role": Role.PRIVACY_OFFICER})
    assert 'data-home="coordinator"' in client.get(reverse("home")).text


def test_home_is_dutch_by_default_and_english_on_request(staff_client):
    client, _ = staff_client(Role.COORDINATOR)
    assert "Mijn huishoudens" in client.get(reverse("home")).text
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "My households" in client.get(reverse("home")).text


def test_network_page_is_for_staff_not_for_residents(staff_client):
    client, _ = staff_client(Role.RESIDENT)
    assert client.get(reverse("network")).status_code == 403


def test_network_page_runs_the_same_queries_for_3_or_30_organisations(staff_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from routekaart.organisations.tests.factories import OrganisationFactory

    client, _ = staff_client(Role.COORDINATOR)
    counts = []
    for batch in (3, 27):
        OrganisationFactory.create_batch(batch)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("network")).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 12
