"""Mijn zorg: a resident sees the care providers deliver them (provider, product, volume, period, whether the
provider started or stopped, the latest progress report and their complaints), never another person's; the read is
logged under the delivery of an assigned provision, in a fixed number of queries."""

import datetime

import pytest
from django.urls import reverse

from ...audit.models import ProcessingLogEntry
from ...audit.services import pseudonym
from ...organisations.tests.factories import UserFactory
from ...providers.models import AssignmentStatus, ProgressReport
from ...providers.tests.factories import AssignmentFactory, ComplaintFactory
from .helpers import family_household, page_queries_as, portal_login, portal_view_as

pytestmark = pytest.mark.django_db


def assign(person, household, **overrides):
    """An assignment of `person` (in `household`) to a provider, Wmo, 4 uur per week from 1 November 2026."""
    return AssignmentFactory(resident=person, household_id=household.pk, **overrides)


def report(assignment, summary: str, day: datetime.date):
    return ProgressReport.objects.create(
        assignment=assignment, reported_on=day, reported_by=UserFactory(), summary=summary
    )


@pytest.fixture
def home():
    household = family_household("Hendriks")
    household.care = assign(
        household.mother,
        household,
        contract_product__product__name="Begeleiding individueel",
        contract_product__contract__provider__name="De Linde",
    )
    return household


@pytest.fixture
def other():
    household = family_household("Jansen")
    household.care = assign(household.mother, household, contract_product__product__name="Dagbesteding Jansen")
    return household


def test_mijn_zorg_shows_my_assignment_in_plain_words_and_not_another_households(client, home, other):
    portal_login(client, home.mother)
    response = client.get(reverse("portal:care"))
    assert response.status_code == 200
    page = response.content.decode()
    assert f'data-assignment="{home.care.pk}"' in page and f'data-assignment="{other.care.pk}"' not in page
    assert "De Linde" in page and "Begeleiding individueel" in page
    assert "4 uur per week" in page
    assert "van 1 november 2026 tot en met 31 oktober 2027" in page
    assert "De aanbieder is nog niet gestart." in page
    assert "Dagbesteding Jansen" not in page
    assert reverse("portal:care_complaint", args=[home.care.pk]) in page


def test_mijn_zorg_is_in_the_portal_menu(client, home):
    portal_login(client, home.mother)
    page = client.get(reverse("portal:home")).content.decode()
    assert f'href="{reverse("portal:care")}"' in page and "Mijn zorg" in page


def test_a_started_assignment_says_since_when_and_shows_the_latest_progress_report(client, home):
    home.care.status, home.care.started_on = AssignmentStatus.STARTED, datetime.date(2026, 11, 3)
    home.care.save()
    report(home.care, "Noor deed de boodschappen zelf.", datetime.date(2026, 11, 20))
    report(home.care, "Eerste gesprek gehad.", datetime.date(2026, 11, 5))
    portal_login(client, home.mother)
    page = client.get(reverse("portal:care")).content.decode()
    assert "De aanbieder is gestart op 3 november 2026." in page
    assert "Wat de aanbieder schreef op 20 november 2026" in page
    assert "Noor deed de boodschappen zelf." in page and "Eerste gesprek gehad." not in page


def test_a_stopped_assignment_says_when_and_why(client, home):
    home.care.status = AssignmentStatus.STOPPED
    home.care.started_on, home.care.stopped_on = datetime.date(2026, 11, 3), datetime.date(2026, 11, 30)
    home.care.stop_reason = "01"
    home.care.save()
    portal_login(client, home.mother)
    page = client.get(reverse("portal:care")).content.decode()
    assert "De aanbieder is gestopt op 30 november 2026." in page
    assert "De reden: " in page


def test_a_partners_care_is_not_shown_but_a_parent_sees_their_son_of_12s(client, home):
    partners = assign(home.partner, home, contract_product__product__name="Huishoudelijke hulp Bram")
    sons = assign(home.son, home, law="J", contract_product__product__name="Jeugdhulp Sem")
    portal_login(client, home.mother)
    page = client.get(reverse("portal:care")).content.decode()
    assert "Huishoudelijke hulp Bram" not in page and "Jeugdhulp Sem" not in page
    portal_view_as(client, home.son)
    page = client.get(reverse("portal:care")).content.decode()
    assert f'data-assignment="{sons.pk}"' in page and f'data-assignment="{home.care.pk}"' not in page
    assert f'data-assignment="{partners.pk}"' not in page


def test_without_care_the_page_says_so(client, other):
    portal_login(client, other.partner)
    page = client.get(reverse("portal:care")).content.decode()
    assert "U krijgt nu geen hulp van een zorgaanbieder via de gemeente." in page


def test_the_read_is_logged_under_the_delivery_of_an_assigned_provision(client, home):
    portal_login(client, home.mother)
    client.get(reverse("portal:care"))
    entry = ProcessingLogEntry.objects.filter(channel="portal").prefetch_related("data_subjects").get()
    assert entry.activity_id == "provision-delivery"
    assert list(entry.pseudonyms) == [pseudonym(home.mother.bsn)]


def test_a_filed_complaint_is_listed_with_its_status(client, home):
    ComplaintFactory(
        provider=home.care.provider,
        assignment=home.care,
        resident=home.mother,
        reference="KL-2026-000042",
        received_on=datetime.date(2026, 11, 2),
    )
    portal_login(client, home.mother)
    page = client.get(reverse("portal:care")).content.decode()
    assert "Klacht KL-2026-000042 van 2 november 2026: Ontvangen." in page
    assert "U krijgt uiterlijk op 14 december 2026 antwoord." in page


def test_the_page_runs_the_same_queries_for_one_assignment_and_for_ten(client):
    one, ten = family_household("Een"), family_household("Tien")
    report(assign(one.mother, one), "Goed bezig.", datetime.date(2026, 11, 10))
    for n in range(10):
        assignment = assign(ten.mother, ten, law="J" if n % 2 else "W")
        report(assignment, "Goed bezig.", datetime.date(2026, 11, 10))
        ComplaintFactory(provider=assignment.provider, assignment=assignment, resident=ten.mother)
    counts = page_queries_as(client, reverse("portal:care"), [one.mother, ten.mother])
    assert counts[0] == counts[1], counts
