"""Every page of the werkgeversdienstverlening answers its own users and refuses the others."""

import datetime

import pytest
from django.urls import reverse

from routekaart.organisations.roles import Domain, Role
from routekaart.residents.models import InvolvementKind
from routekaart.residents.tests.factories import InvolvementFactory
from routekaart.work.models import CandidateProfile, Competence

from .factories import (
    ArrangementFactory,
    ContactPersonFactory,
    EmployerFactory,
    PlacementFactory,
    SocialReturnContractFactory,
    VacancyFactory,
    sector,
)

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def world(work_configuration, make_candidate, adviser):
    employer = EmployerFactory()
    ContactPersonFactory(employer=employer)
    vacancy = VacancyFactory(employer=employer, in_vacancy_service=True, title="Orderpicker")
    arrangement = ArrangementFactory(employer=employer)
    profile = make_candidate()
    placement = PlacementFactory(vacancy=vacancy, profile=profile, proposed_by=adviser)
    contract = SocialReturnContractFactory(contractor=employer)
    return {
        "work:desk": [],
        "work:employer_list": [],
        "work:employer_create": [],
        "work:employer_detail": [employer.pk],
        "work:contact_moment_create": [employer.pk],
        "work:contact_person_create": [employer.pk],
        "work:branch_create": [employer.pk],
        "work:agreement_create": [employer.pk],
        "work:opening_list": [],
        "work:vacancy_create": [],
        "work:vacancy_detail": [vacancy.pk],
        "work:arrangement_create": [],
        "work:arrangement_detail": [arrangement.pk],
        "work:ranking": ["arrangement", arrangement.pk],
        "work:decision_create": ["vacature", vacancy.pk, profile.pk],
        "work:propose": ["arrangement", arrangement.pk, profile.pk],
        "work:candidate_list": [],
        "work:candidate_detail": [profile.pk],
        "work:placement_detail": [placement.pk],
        "work:placement_step": [placement.pk, "kennismaking"],
        "work:sroi_list": [],
        "work:sroi_create": [],
        "work:sroi_detail": [contract.pk],
        "work:vacancy_service": [],
    }


def test_the_adviser_reaches_every_page(world, adviser_client):
    for name, args in world.items():
        response = adviser_client.get(reverse(name, args=args))
        assert response.status_code == 200, name


def test_other_roles_are_refused_the_adviser_pages(world, staff_client):
    open_to_all = {"work:vacancy_service", "work:candidate_detail"}
    policy_may = {"work:sroi_list", "work:sroi_detail"}
    for role in (Role.COORDINATOR, Role.RESIDENT, Role.POLICY):
        client, _ = staff_client(role)
        for name, args in world.items():
            if name in open_to_all or (role == Role.POLICY and name in policy_may):
                continue
            assert client.get(reverse(name, args=args)).status_code == 403, (role, name)


def test_a_resident_sees_the_vacancy_service_with_open_vacancies_only(world, staff_client):
    VacancyFactory(in_vacancy_service=True, title="Gesloten functie", status="closed")
    VacancyFactory(in_vacancy_service=True, title="Verlopen functie", closing_date=datetime.date(2020, 1, 1))
    VacancyFactory(in_vacancy_service=False, title="Alleen via de adviseur")
    client, _ = staff_client(Role.RESIDENT)
    response = client.get(reverse("work:vacancy_service"))
    assert response.status_code == 200
    assert "Orderpicker" in response.text
    for hidden in ("Gesloten functie", "Verlopen functie", "Alleen via de adviseur"):
        assert hidden not in response.text


def test_the_coordinator_keeps_the_work_profile_after_the_household_access_check(work_configuration, staff_client):
    from routekaart.residents.tests.factories import HouseholdFactory, MembershipFactory, ResidentFactory

    client, coordinator = staff_client(Role.COORDINATOR)
    resident = ResidentFactory(given_names="Sem")
    household = HouseholdFactory()
    MembershipFactory(household=household, resident=resident)
    url = reverse("work:work_profile_edit", args=[resident.pk])
    assert client.get(url).status_code == 403  # not involved yet

    InvolvementFactory(
        household=household,
        organisation=coordinator.affiliations.get().organisation,
        user=coordinator,
        kind=InvolvementKind.COORDINATOR,
        domain=Domain.GENERAL,
    )
    page = client.get(url)
    assert page.status_code == 200
    assert 'value="1234"' in page.text  # the postcode area of the resident's address
    cleaning = Competence.objects.get(code="cleaning")
    response = client.post(
        url,
        {
            "status": "available",
            "competences": [cleaning.pk],
            "education_level": "vmbo",
            "hours_min": 12,
            "hours_max": 8,
            "pc4": "1234",
            "max_travel_km": 10,
            "desired_sectors": [sector("green").pk],
        },
    )
    assert response.status_code == 400
    assert "Het maximum aantal uren is lager dan het minimum." in response.text
    assert not CandidateProfile.objects.exists()
    response = client.post(
        url,
        {
            "status": "available",
            "competences": [cleaning.pk],
            "education_level": "vmbo",
            "hours_min": 12,
            "hours_max": 24,
            "pc4": "1234",
            "max_travel_km": 10,
            "desired_sectors": [sector("green").pk],
        },
    )
    assert response.status_code == 302
    profile = CandidateProfile.objects.get(resident=resident)
    assert profile.competence_mask == 1 << cleaning.bit
    assert profile.sector_mask == 1 << sector("green").bit


def test_the_coordinator_lists_the_working_age_residents_of_their_households(work_configuration, staff_client):
    from routekaart.residents.tests.factories import HouseholdFactory, MembershipFactory, ResidentFactory

    client, coordinator = staff_client(Role.COORDINATOR)
    household = HouseholdFactory()
    adult = ResidentFactory(given_names="Lotte", birth_date=datetime.date(1990, 1, 1))
    child = ResidentFactory(given_names="Kleintje", birth_date=datetime.date.today() - datetime.timedelta(days=3650))
    for resident in (adult, child):
        MembershipFactory(household=household, resident=resident)
    InvolvementFactory(
        household=household,
        organisation=coordinator.affiliations.get().organisation,
        user=coordinator,
        kind=InvolvementKind.COORDINATOR,
    )
    response = client.get(reverse("work:work_profile_list"))
    assert response.status_code == 200
    assert "Lotte" in response.text and "nog geen" in response.text
    assert "Kleintje" not in response.text
    assert reverse("work:work_profile_edit", args=[adult.pk]) in response.text
    assert "tot de AOW-leeftijd" in response.text and "tot 67 jaar" not in response.text
