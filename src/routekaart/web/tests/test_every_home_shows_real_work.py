"""Each role's home counts its real work from the apps, links only to pages the role may open, and runs a fixed
number of queries; functioneel beheer reaches its configuration in the admin, other roles do not."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from routekaart.organisations.roles import Role
from routekaart.organisations.tests.factories import AffiliationFactory, OrganisationFactory
from routekaart.web.navigation import NAVIGATION, menu_for

pytestmark = [pytest.mark.django_db]

HTMX = {"HTTP_HX_REQUEST": "true"}
HREF = re.compile(r'<a [^>]*href="([^"#]+)"')
# The most queries a role's figures may run (beyond the session, the user and the user's affiliations), whatever the
# data: each figure is one count in the database. The coordinator's are also counted at 3 and 30 households below.
FIGURE_QUERIES = {
    Role.COORDINATOR: 8,
    Role.JOB_COACH: 6,
    Role.SCHOOL: 4,
    Role.EMPLOYER_ADVISER: 3,
    Role.PROVIDER: 3,
    Role.POLICY: 6,
    Role.MARKET_MANAGER: 3,
    Role.LEGAL: 4,
    Role.CLIENT_ADMIN: 5,
    Role.PRIVACY_OFFICER: 2,
    Role.FUNCTIONAL_ADMIN: 3,
    Role.RESIDENT: 2,
}
SESSION_AND_USER = 3  # the session, the user, the user's affiliations


def figure_queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("home_figures"), **HTMX)
    assert response.status_code == 200
    return len([q for q in captured.captured_queries if "SAVEPOINT" not in q["sql"]]) - SESSION_AND_USER


def _links(html: str) -> set[str]:
    return {href.replace("&amp;", "&") for href in HREF.findall(html) if href.startswith("/")}


@pytest.mark.parametrize("role", Role.values)
def test_every_link_on_a_roles_home_and_menu_opens_for_that_role(staff_client, role):
    from routekaart.participation.configuration import participation_configuration_load

    participation_configuration_load()  # the instruments page needs the rules loaded, as every environment has
    client, _user = staff_client(role)
    home = client.get(reverse("home"))
    figures = client.get(reverse("home_figures"), **HTMX)
    assert home.status_code == 200 and figures.status_code == 200
    links = _links(home.text) | _links(figures.text)
    assert reverse("home_figures") in links  # the figures for a browser without JavaScript
    for link in sorted(links):
        answer = client.get(link)
        assert answer.status_code == 200, f"{role}: {link} answered {answer.status_code}"


@pytest.mark.parametrize("role", Role.values)
def test_a_roles_figures_run_a_bounded_number_of_queries(staff_client, role):
    client, _user = staff_client(role)
    assert figure_queries(client) <= FIGURE_QUERIES[role]


def test_a_coordinators_figures_run_the_same_queries_for_3_or_30_households(client, demo_login):
    from routekaart.access.configuration import access_configuration_load
    from routekaart.access.tests import journey
    from routekaart.access.tests.test_pages_run_fixed_queries import new_household
    from routekaart.catalog import services as catalog_services
    from routekaart.organisations.tests.factories import UserFactory

    access_configuration_load()
    catalog_services.catalog_load()
    coordinator = UserFactory(role=Role.COORDINATOR, is_demo=True)
    client.force_login(coordinator)
    counts = []
    for n in (3, 27):
        for i in range(n):
            household = new_household()
            journey.to_active_plan(coordinator, household) if i % 3 else journey.melding(coordinator, household)
        counts.append(figure_queries(client))
    assert counts[0] == counts[1] <= FIGURE_QUERIES[Role.COORDINATOR], counts
    html = client.get(reverse("home_figures"), **HTMX).text
    assert re.search(r"Signalen die wachten op een intake</a></dt>\s*<dd[^>]*>10<", html)
    assert re.search(r"Huishoudens waarbij u betrokken bent</a></dt>\s*<dd[^>]*>30<", html)


def test_the_figures_without_javascript_are_a_page_of_their_own(staff_client):
    client, _ = staff_client(Role.POLICY)
    page = client.get(reverse("home_figures"))
    assert page.status_code == 200
    assert "<h1" in page.text and "Lopende uitkeringen" in page.text


def test_the_menu_is_grouped_and_names_the_caseload_for_the_coordinator(staff_client):
    client, _ = staff_client(Role.COORDINATOR)
    html = client.get(reverse("income:caseload")).text
    assert '<nav class="utrecht-nav-bar" aria-label="Hoofdmenu">' in html
    for group in ("Werk", "Inwoners", "Sturing"):
        assert f">{group}</span>" in html
    assert f'href="{reverse("income:caseload")}" aria-current="page"' in html
    assert html.count('aria-current="page"') == 1


def test_a_page_not_there_yet_is_left_out_of_the_menu(monkeypatch):
    from routekaart.web import navigation

    group = navigation.NavGroup("x", "X", (navigation.HOME, navigation.NavItem("Komt nog", "nergens", optional=True)))
    monkeypatch.setitem(navigation.NAVIGATION, "test", [group])
    assert [link.label for link in menu_for("test")[0].links] == ["Start"]


@pytest.mark.parametrize("role", Role.values)
def test_each_role_has_a_menu_starting_at_home(role):
    assert NAVIGATION[role][0].items[0].url_name == "home"


def test_functional_admin_opens_the_configuration_and_sees_only_configuration(staff_client):
    client, user = staff_client(Role.FUNCTIONAL_ADMIN)
    assert not user.is_staff
    index = client.get("/beheer/")
    assert index.status_code == 200
    assert reverse("admin:catalog_regionpreset_changelist") in index.text
    assert reverse("admin:access_deadlinerule_changelist") in index.text
    assert reverse("admin:routes_routemap_changelist") in index.text
    # Personal data stays out of reach: staff accounts and employers' contact persons.
    assert reverse("admin:organisations_user_changelist") not in index.text
    assert reverse("admin:work_contactperson_changelist") not in index.text
    assert client.get(reverse("admin:organisations_user_changelist")).status_code == 403
    assert client.get(reverse("admin:work_contactperson_changelist")).status_code == 403
    assert client.get(reverse("admin:catalog_cluster_changelist")).status_code == 200


@pytest.mark.parametrize("role", [r for r in Role.values if r != Role.FUNCTIONAL_ADMIN])
def test_other_roles_still_cannot_open_the_configuration(staff_client, role):
    client, _ = staff_client(role)
    answer = client.get("/beheer/")
    assert answer.status_code == 302 and answer.url.startswith(reverse("admin:login"))
    assert client.get(reverse("admin:catalog_cluster_changelist")).status_code == 302


def test_a_coordinators_figures_link_to_the_filtered_worklist(staff_client):
    client, _ = staff_client(Role.COORDINATOR)
    html = client.get(reverse("home_figures"), **HTMX).text
    assert f'href="{reverse("access:worklist")}?status=registered"' in html
    assert f'href="{reverse("access:worklist")}?overdue=on"' in html
    assert f'href="{reverse("income:worklist")}"' in html
    assert f'href="{reverse("residents:household_list")}"' in html


def test_the_dienst_figures_show_for_its_people_only(staff_client):
    client, user = staff_client(Role.JOB_COACH)
    assert "Jongeren van 16,5 jaar en ouder" not in client.get(reverse("home_figures"), **HTMX).text
    dienst = OrganisationFactory(kind="service_organisation")
    AffiliationFactory(user=user, organisation=dienst, role=Role.COORDINATOR)
    html = client.get(reverse("home_figures"), **HTMX).text
    assert "Jongeren van 16,5 jaar en ouder" in html and reverse("routes:dienst_dashboard") in html


def test_functional_admin_sees_which_configuration_is_in_force_and_which_waits(staff_client):
    import datetime

    from django.utils import timezone

    from routekaart.audit.models import DataFileVersion

    today = timezone.localdate()
    for version, start in (("1", datetime.date(2025, 1, 1)), ("2", today + datetime.timedelta(days=30))):
        DataFileVersion.objects.create(
            name="access/deadlines", version=version, effective_from=start, checksum="0" * 64
        )
    client, _ = staff_client(Role.FUNCTIONAL_ADMIN)
    html = client.get(reverse("home_figures"), **HTMX).text
    assert re.search(r"wachten op hun ingangsdatum</dt>\s*<dd[^>]*>1<", html)
    rows = re.findall(r"<tr class=\"utrecht-table__row\">(.*?)</tr>", html, flags=re.S)
    in_force = [r for r in rows if "access/deadlines" in r and "In werking" in r]
    waiting = [r for r in rows if "access/deadlines" in r and "Wacht op de ingangsdatum" in r]
    assert len(in_force) == 1 and ">1<" in in_force[0]
    assert len(waiting) == 1 and ">2<" in waiting[0]
