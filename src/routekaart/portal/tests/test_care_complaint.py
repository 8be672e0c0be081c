"""Klacht indienen from Mijn zorg: the resident's complaint about one of their assignments is registered through the
providers' complaint service (the resident linked, received today, one event the coordinator reads in the
timeline); the confirmation names the day the answer comes at the latest. An empty form is refused in Dutch and
changes nothing; another household's assignment is not found (404) and changes nothing."""

import pytest
from django.urls import reverse
from django.utils import timezone

from ...access.tests import journey
from ...audit.models import Event
from ...providers.complaint_terms import decision_term_end
from ...providers.models import Complaint, ComplaintStatus
from ...providers.tests.factories import AssignmentFactory
from ...testing import database_fingerprint
from .helpers import family_household, portal_login, portal_view_as

pytestmark = pytest.mark.django_db

SUBJECT = "De begeleider kwam drie keer niet en belde niet af."


@pytest.fixture
def home():
    household = family_household("Hendriks")
    household.care = AssignmentFactory(
        resident=household.mother,
        household_id=household.pk,
        contract_product__contract__provider__name="De Linde",
    )
    return household


@pytest.fixture
def other():
    household = family_household("Jansen")
    household.care = AssignmentFactory(resident=household.mother, household_id=household.pk)
    return household


def test_a_complaint_is_registered_with_the_resident_linked_and_received_today(client, home):
    portal_login(client, home.mother)
    url = reverse("portal:care_complaint", args=[home.care.pk])
    page = client.get(url).content.decode()
    assert "Wat ging er mis?" in page and "Hoe kunnen wij u bereiken?" in page and "De Linde" in page
    response = client.post(url, {"subject": SUBJECT, "contact": "06 12345678"})
    assert response.status_code == 302 and response["Location"] == reverse("portal:care")
    complaint = Complaint.objects.get()
    today = timezone.localdate()
    assert (complaint.assignment_id, complaint.resident_id, complaint.provider_id) == (
        home.care.pk,
        home.mother.pk,
        home.care.provider_id,
    )
    assert complaint.contract_id == home.care.contract_product.contract_id
    assert complaint.product_id == home.care.product_id
    assert complaint.complainant_name == home.mother.full_name
    assert complaint.complainant_contact == "06 12345678"
    assert (complaint.received_on, complaint.subject, complaint.status) == (today, SUBJECT, ComplaintStatus.RECEIVED)
    event = Event.objects.get(action="complaint.registered")
    assert event.household_id == home.pk
    assert SUBJECT not in str(event.after) and "12345678" not in str(event.after)


def test_the_confirmation_names_the_last_day_of_the_answer_and_mijn_zorg_lists_the_complaint(client, home):
    portal_login(client, home.mother)
    response = client.post(
        reverse("portal:care_complaint", args=[home.care.pk]), {"subject": SUBJECT, "contact": "noor@example.nl"}
    )
    page = client.get(response["Location"]).content.decode()
    complaint = Complaint.objects.get()
    last_day = decision_term_end(received_on=timezone.localdate(), committee=False, extended=False)
    answer = f"U krijgt uiterlijk op {last_day.day} "
    assert f"Wij hebben uw klacht ontvangen. Het kenmerk is {complaint.reference}." in page
    assert page.count(answer) == 2  # in the confirmation and beside the complaint in the list
    assert f"Klacht {complaint.reference} van " in page and ": Ontvangen." in page


def test_an_empty_complaint_is_refused_in_dutch_and_nothing_changes(client, home):
    portal_login(client, home.mother)
    before = database_fingerprint()
    response = client.post(reverse("portal:care_complaint", args=[home.care.pk]), {"subject": "  ", "contact": ""})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Schrijf wat er mis ging." in page
    assert "Vul uw telefoonnummer of e-mailadres in." in page
    assert database_fingerprint() == before


def test_a_complaint_about_another_households_assignment_is_not_found_and_changes_nothing(client, home, other):
    portal_login(client, home.mother)
    url = reverse("portal:care_complaint", args=[other.care.pk])
    assert client.get(url).status_code == 404
    before = database_fingerprint()
    response = client.post(url, {"subject": SUBJECT, "contact": "06 12345678"})
    assert response.status_code == 404
    assert database_fingerprint() == before


def test_a_partners_assignment_is_not_found_but_a_parent_complains_about_their_son_of_12s(client, home):
    partners = AssignmentFactory(resident=home.partner, household_id=home.pk)
    sons = AssignmentFactory(resident=home.son, household_id=home.pk, law="J")
    portal_login(client, home.mother)
    before = database_fingerprint()
    assert client.post(reverse("portal:care_complaint", args=[partners.pk]), {"subject": SUBJECT}).status_code == 404
    assert database_fingerprint() == before
    portal_view_as(client, home.son)
    response = client.post(reverse("portal:care_complaint", args=[sons.pk]), {"subject": SUBJECT, "contact": "x"})
    assert response.status_code == 302
    complaint = Complaint.objects.get()
    assert (complaint.resident_id, complaint.complainant_name) == (home.son.pk, home.mother.full_name)


def test_the_coordinator_sees_the_complaint_in_the_households_timeline(client, rules, coordinator, demo_login):
    household = family_household("Hendriks")
    journey.to_active_plan(coordinator, household)
    care = AssignmentFactory(resident=household.mother, household_id=household.pk)
    portal_login(client, household.mother)
    client.post(reverse("portal:care_complaint", args=[care.pk]), {"subject": SUBJECT, "contact": "06 12345678"})
    assert Complaint.objects.filter(assignment=care).exists()
    coordinator.is_demo = True
    coordinator.save(update_fields=["is_demo"])
    client.force_login(coordinator)
    timeline = client.get(reverse("residents:timeline", args=[household.pk])).content.decode()
    assert "Klacht over een aanbieder ontvangen" in timeline
    assert SUBJECT not in timeline


def test_a_complaint_beyond_its_limits_is_refused_in_dutch_beside_each_field_and_nothing_changes(client, home):
    portal_login(client, home.mother)
    before = database_fingerprint()
    response = client.post(
        reverse("portal:care_complaint", args=[home.care.pk]), {"subject": "x" * 5001, "contact": "0" * 201}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "5000" in page.replace(".", "") and "200" in page
    assert database_fingerprint() == before
