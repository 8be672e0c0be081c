"""Consent is the door: without the resident's consent the adviser does not see the candidate, and the employer
sees a proposed candidate only with consent to share the profile with that employer."""

import pytest
from django.urls import reverse
from django.utils import timezone

from routekaart.audit.models import ProcessingLogEntry, Result
from routekaart.organisations.tests.factories import UserFactory
from routekaart.residents import services as resident_services
from routekaart.work import selectors, services

from .conftest import consent_to
from .factories import ContactPersonFactory, VacancyFactory

pytestmark = [pytest.mark.django_db]


def test_a_candidate_without_consent_is_not_ranked_and_cannot_be_opened(
    work_configuration, adviser, adviser_client, make_candidate
):
    shared = make_candidate(given_names="Gedeeld")
    private = make_candidate(given_names="Privé", consent=False)
    vacancy = VacancyFactory()

    ranking = selectors.ranking_get(user=adviser, opening=vacancy)
    assert [row.profile.pk for row in ranking.candidates] == [shared.pk]
    assert ranking.pool_size == 1

    response = adviser_client.get(reverse("work:candidate_detail", args=[private.pk]))
    assert response.status_code == 403
    assert "Privé" not in response.text
    denied = ProcessingLogEntry.objects.get(actor=adviser, result=Result.DENIED)
    assert denied.activity_id == "work-matching"


def test_withdrawn_consent_takes_the_candidate_off_the_list_at_once(work_configuration, adviser, make_candidate):
    profile = make_candidate()
    vacancy = VacancyFactory()
    assert len(selectors.ranking_get(user=adviser, opening=vacancy).candidates) == 1
    resident_services.consent_withdraw(actor=None, consent=profile.resident.consents.get())
    assert selectors.ranking_get(user=adviser, opening=vacancy).candidates == []


def test_a_proposal_without_consent_is_refused(work_configuration, adviser, make_candidate):
    from django.core.exceptions import PermissionDenied

    private = make_candidate(consent=False)
    with pytest.raises(PermissionDenied):
        services.placement_propose(actor=adviser, opening=VacancyFactory(), profile=private)


@pytest.fixture
def employer_contact(client):
    contact = ContactPersonFactory(user=UserFactory(is_demo=True))
    client.force_login(contact.user)
    return contact


def test_the_employer_sees_a_proposed_candidate_only_with_consent_to_that_employer(
    work_configuration, adviser, make_candidate, employer_contact, client, demo_login
):
    employer = employer_contact.employer
    vacancy = VacancyFactory(employer=employer, title="Medewerker schoonmaak")
    with_consent = make_candidate(given_names="Anouk")
    without = make_candidate(given_names="Bram")
    services.placement_propose(actor=adviser, opening=vacancy, profile=with_consent, share_with_employer=True)
    services.placement_propose(actor=adviser, opening=vacancy, profile=without)

    response = client.get(reverse("work:employer_page"))
    assert response.status_code == 200
    assert "Medewerker schoonmaak" in response.text
    assert "Anouk" in response.text
    assert "Bram" not in response.text
    assert f'data-proposed="{without.pk}"' not in response.text
    assert "1 voorgestelde kandidaat deelt (nog) geen profiel met u" in response.text

    consent = with_consent.resident.consents.get(organisation=employer.organisation)
    resident_services.consent_withdraw(actor=None, consent=consent)
    assert "Anouk" not in client.get(reverse("work:employer_page")).text


def test_the_employer_page_is_for_employer_accounts_only(work_configuration, adviser_client):
    assert adviser_client.get(reverse("work:employer_page")).status_code == 403


def test_a_superuser_without_an_employer_account_gets_a_dutch_refusal_not_a_server_error(
    work_configuration, client, demo_login
):
    """A superuser passes every permission check, yet has no employer of its own to show."""
    client.force_login(UserFactory(is_superuser=True, is_staff=True, is_demo=True))
    response = client.get(reverse("work:employer_page"))
    assert response.status_code == 403
    assert "Deze pagina is voor contactpersonen van een werkgever" in response.text


def test_consent_to_another_organisation_does_not_count(work_configuration, adviser, make_candidate):
    from routekaart.organisations.tests.factories import OrganisationFactory

    profile = make_candidate(consent=False)
    household = profile.resident.memberships.get().household
    consent_to(profile.resident, OrganisationFactory(), household)
    assert selectors.ranking_get(user=adviser, opening=VacancyFactory()).candidates == []
    assert timezone.localdate()
