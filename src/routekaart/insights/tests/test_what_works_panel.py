"""The caseworker's panel at the moment of choice: this resident's profile, the dashboard's own rates for people
like them, nothing under 10, and nothing at all for a household the caseworker is not involved with."""

import datetime

import pytest
from django.urls import reverse
from freezegun import freeze_time

from routekaart.audit.models import ProcessingLogEntry, Result
from routekaart.insights.models import InterventionKind
from routekaart.insights.profile import Profile
from routekaart.insights.selectors_outcomes import outcome_rates, panel_filters
from routekaart.organisations.roles import Role
from routekaart.residents.models import InvolvementKind
from routekaart.residents.tests.factories import InvolvementFactory
from routekaart.testing import database_fingerprint

from .factories_outcomes import OutcomeCellFactory, assessment, benefit, person

pytestmark = pytest.mark.django_db
D = datetime.date
URL = reverse("insights:what_works_panel")
# The resident below on 2026-06-30: 31 (27-34), vmbo (low), bridgeable_small since 2026-01-10, on benefit since
# 2025-01-01 (17 months: 1-2).
PROFILE = {"age_band": "27-34", "distance_category": "bridgeable_small", "education": "low", "benefit_duration": "1-2"}


@pytest.fixture(autouse=True)
def midsummer_2026():
    with freeze_time("2026-06-30 12:00"):
        yield


@pytest.fixture
def caseworker(staff_client):
    client, user = staff_client(Role.COORDINATOR)
    resident, household = person(birth_date=D(1995, 6, 15), education="vmbo")
    municipality = resident.address.district.municipality
    assessment(resident, municipality=municipality, assessed_on=D(2026, 1, 10))
    benefit(household, resident, started_on=D(2025, 1, 1))
    organisation = user.affiliations.get().organisation
    InvolvementFactory(household=household, organisation=organisation, user=user, kind=InvolvementKind.COORDINATOR)
    return client, resident, household


def panel(client, household, resident, **extra):
    return client.get(URL, {"huishouden": household.pk, "inwoner": resident.pk, **extra}, HTTP_HX_REQUEST="true")


def test_the_panel_names_the_profile_and_the_rate_for_people_like_this_resident(caseworker):
    client, resident, household = caseworker
    OutcomeCellFactory(residents=25, observed=25, work_found=10, **PROFILE)
    OutcomeCellFactory(residents=40, observed=40, work_found=40, **{**PROFILE, "age_band": "55+"})  # not like them
    response = panel(client, household, resident)
    assert response.status_code == 200
    html = response.content.decode()
    assert "27 tot en met 34 jaar" in html and "Laag opgeleid" in html and "1 tot 2 jaar in de bijstand" in html
    assert "Jobcoach" in html
    # 10 of 25 = 40.0 %, not 50 of 65; Wilson: centre (0.4 + 3.8415/50) / (1 + 3.8415/25) = 0.41332,
    # half 1.96 √(0.4·0.6/25 + 3.8415/2500) / 1.15366 = 0.17929: 23.4 to 59.3
    assert "werk gevonden 40,0 %" in html and "23,4 %" in html and "59,3 %" in html


@pytest.mark.parametrize(("residents", "shown"), [(9, False), (10, True), (11, True)])
def test_a_group_under_10_shows_no_number_in_the_panel(caseworker, residents, shown):
    client, resident, household = caseworker
    OutcomeCellFactory(residents=residents, observed=residents, work_found=residents, **PROFILE)
    html = panel(client, household, resident).content.decode()
    if shown:
        assert "werk gevonden 100,0 %" in html  # all of them: the rest is 0
    else:
        assert "Jobcoach: minder dan 10 vergelijkbare inwoners." in html
        assert "%" not in html.split("Jobcoach")[1].split("</p>")[0]


@pytest.mark.parametrize(("part", "rest", "shown"), [(9, 11, False), (11, 9, False), (10, 10, True), (11, 11, True)])
def test_a_rate_whose_part_or_rest_is_under_10_reads_minder_dan_10_in_the_panel_as_on_the_dashboard(
    caseworker, part, rest, shown
):
    client, resident, household = caseworker
    OutcomeCellFactory(residents=part + rest, observed=part + rest, work_found=part, **PROFILE)
    (mine,) = outcome_rates(
        filters=panel_filters(D(2026, 6, 30)), kind=InterventionKind.INSTRUMENT, profile=Profile(**PROFILE)
    )
    html = panel(client, household, resident).content.decode()
    # 10 of 20 and 11 of 22 are both 50.0 %
    assert ("werk gevonden 50,0 %" in html) is shown
    assert mine.rates["work_found"].suppressed is not shown
    if not shown:
        assert "werk gevonden: minder dan 10 vergelijkbare inwoners" in html


def test_the_panel_shows_the_dashboards_rate_for_that_profile(caseworker, staff_client):
    client, resident, household = caseworker
    OutcomeCellFactory(residents=15, observed=15, work_found=6, cohort_year=2024, **PROFILE)
    OutcomeCellFactory(residents=14, observed=12, work_found=7, cohort_year=2026, **PROFILE)
    OutcomeCellFactory(residents=20, observed=20, work_found=1, **{**PROFILE, "education": "high"})
    filters = panel_filters(D(2026, 6, 30))
    dashboard = outcome_rates(filters=filters, kind=InterventionKind.INSTRUMENT, by="profile")
    (row,) = [r for r in dashboard if r.band == tuple(PROFILE.values())]
    (mine,) = outcome_rates(filters=filters, kind=InterventionKind.INSTRUMENT, profile=Profile(**PROFILE))
    # 6 + 7 = 13 of 15 + 12 = 27 (rest 14) = 48.148 %: 48.1
    assert mine.rates == row.rates and str(row.rates["work_found"].percent) == "48.1"
    html = panel(client, household, resident).content.decode()
    assert "48,1 %" in html
    beleid, _user = staff_client(Role.POLICY)
    page = beleid.get(reverse("insights:what_works"), {"van": "2022-01", "tot": "2026-06", "uitsplitsen": "profile"})
    assert "48,1 %" in page.content.decode()


def test_reading_the_profile_is_logged_under_the_pages_purpose(caseworker):
    client, resident, household = caseworker
    panel(client, household, resident)
    activities = set(
        ProcessingLogEntry.objects.filter(result=Result.OK, channel="page").values_list("activity_id", flat=True)
    )
    assert {"participation", "household-file"} <= activities


def test_a_household_without_involvement_gets_404_and_nothing_changes(caseworker):
    client, _resident, _household = caseworker
    stranger, elsewhere = person()
    before = database_fingerprint()
    response = panel(client, elsewhere, stranger)
    assert response.status_code == 404
    assert "Deze pagina bestaat niet (meer)." in response.content.decode()
    assert "Jobcoach" not in response.content.decode()
    assert database_fingerprint() == before
    assert ProcessingLogEntry.objects.filter(result=Result.DENIED, activity_id="participation").exists()


def test_a_resident_of_another_household_gets_404(caseworker):
    client, _resident, household = caseworker
    stranger, _elsewhere = person()
    assert panel(client, household, stranger).status_code == 404


def test_a_household_that_is_no_number_is_refused_in_dutch_and_changes_nothing(caseworker):
    client, resident, _household = caseworker
    before = database_fingerprint()
    response = client.get(URL, {"huishouden": "abc", "inwoner": resident.pk})
    assert response.status_code == 400
    assert "Dit is geen geldig nummer." in response.content.decode()
    assert database_fingerprint() == before


def test_without_a_chosen_resident_the_panel_asks_for_one(caseworker):
    client, _resident, household = caseworker
    response = client.get(URL, {"huishouden": household.pk, "soort": "provision"})
    assert response.status_code == 200
    assert "Kies een inwoner" in response.content.decode()


def test_the_decision_forms_addressee_names_the_resident(caseworker):
    client, resident, household = caseworker
    OutcomeCellFactory(
        intervention_kind=InterventionKind.PROVISION,
        intervention_key="support.individual_guidance:W",
        intervention_label="Begeleiding individueel (Wmo 2015)",
        residents=25,
        observed=25,
        work_found=None,
        distance_reduced=None,
        closed_without_return=10,
        **PROFILE,
    )
    response = client.get(URL, {"huishouden": household.pk, "addressee": resident.pk, "soort": "provision"})
    html = response.content.decode()
    assert "Begeleiding individueel (Wmo 2015)" in html and "afgesloten zonder terugkeer 40,0 %" in html  # 10 of 25
    assert "werk gevonden" not in html  # not applicable to a Wmo provision


def test_beleid_may_not_open_the_caseworkers_panel(staff_client, caseworker):
    _client, resident, household = caseworker
    beleid, _user = staff_client(Role.POLICY)
    assert panel(beleid, household, resident).status_code == 403


def test_the_panel_runs_a_fixed_number_of_queries(caseworker, django_assert_max_num_queries):
    client, resident, household = caseworker
    for number in range(20):
        OutcomeCellFactory(intervention_key=f"i{number}", residents=10 + number, observed=10, **PROFILE)
    panel(client, household, resident)
    with django_assert_max_num_queries(16):
        assert panel(client, household, resident).status_code == 200
