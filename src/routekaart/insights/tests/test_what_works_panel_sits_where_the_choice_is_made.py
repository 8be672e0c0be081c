"""The panel loads (htmx, lazily) on the two pages where a caseworker chooses: an instrument on the participation
page, a provision on the decision page; other roles do not get it."""

import datetime

import pytest
from django.urls import reverse

from routekaart.organisations.roles import Role
from routekaart.residents.models import InvolvementKind
from routekaart.residents.tests.factories import InvolvementFactory

from .factories_outcomes import case, person

pytestmark = pytest.mark.django_db
PANEL = reverse("insights:what_works_panel")


@pytest.fixture
def caseworker(staff_client):
    client, user = staff_client(Role.COORDINATOR)
    resident, household = person(birth_date=datetime.date(1995, 6, 15))
    organisation = user.affiliations.get().organisation
    InvolvementFactory(household=household, organisation=organisation, user=user, kind=InvolvementKind.COORDINATOR)
    return client, resident, household


def test_choosing_an_instrument_loads_the_panel_for_this_resident(caseworker):
    from routekaart.participation.configuration import participation_configuration_load

    participation_configuration_load()
    client, resident, household = caseworker
    response = client.get(reverse("participation:assignment_create", args=[resident.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'hx-get="{PANEL}?huishouden={household.pk}&amp;inwoner={resident.pk}&amp;soort=instrument"' in html


def test_a_decision_loads_the_panel_again_when_the_addressee_is_chosen(caseworker):
    from routekaart.access.configuration import access_configuration_load

    access_configuration_load()
    client, _resident, household = caseworker
    opened = case(household, opened_on=datetime.date(2026, 1, 5))
    response = client.get(reverse("access:decision", args=[opened.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'hx-get="{PANEL}?huishouden={household.pk}&amp;soort=provision"' in html
    assert 'hx-include="#id_addressee"' in html and 'id="id_addressee"' in html
