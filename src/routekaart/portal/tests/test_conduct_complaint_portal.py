"""Klacht over hoe u bent behandeld: the resident's complaint is registered through legal's service (received today,
the resident linked, handled by the Dienst of their coordinator, one event without the text); the confirmation
names the last day of the answer. An empty form is refused in Dutch and changes nothing."""

import pytest
from django.urls import reverse
from django.utils import timezone

from ...audit.models import Event
from ...core.complaint_terms import decision_term_end
from ...legal.models import StaffComplaint, StaffComplaintStatus
from ...legal.tests.factories_complaints import legal_user
from ...organisations.models import OrganisationKind
from ...organisations.tests.factories import OrganisationFactory
from ...residents.tests.factories import InvolvementFactory
from ...testing import database_fingerprint
from .helpers import family_household, portal_login

pytestmark = pytest.mark.django_db

SUBJECT = "De medewerker aan de balie schreeuwde tegen mij."


@pytest.fixture
def home():
    return family_household("Hendriks")


def test_the_complaint_is_registered_for_the_resident_and_received_today(client, home, coordinator):
    legal_user()  # a legal desk elsewhere: not the resident's
    desk = legal_user().affiliations.get().organisation
    team = OrganisationFactory(kind=OrganisationKind.TEAM, team_kind="neighbourhood", region=desk.region)
    InvolvementFactory(household=home, user=coordinator, organisation=team, kind="coordinator")
    portal_login(client, home.mother)
    url = reverse("portal:conduct_complaint")
    page = client.get(url).content.decode()
    assert "Klacht over hoe u bent behandeld" in page and 'class="utrecht-form rk-form" novalidate' in page
    response = client.post(url, {"subject": SUBJECT, "contact": "06 12345678", "conduct_on": ""})
    assert response.status_code == 302 and response["Location"] == reverse("portal:home")
    complaint = StaffComplaint.objects.get()
    today = timezone.localdate()
    assert (complaint.resident_id, complaint.household_id, complaint.channel) == (home.mother.pk, home.pk, "portal")
    assert (complaint.received_on, complaint.status) == (today, StaffComplaintStatus.RECEIVED)
    assert complaint.organisation_id == desk.pk  # the legal desk in the region of the resident's coordinator
    assert complaint.decision_due_on == decision_term_end(received_on=today, committee=False, extended=False)
    event = Event.objects.get(action="conduct_complaint.registered")
    assert event.household_id == home.pk and SUBJECT not in str(event.after) and "12345678" not in str(event.after)
    confirmation = client.get(response["Location"]).content.decode()
    assert f"Het kenmerk is {complaint.reference}." in confirmation


def test_without_a_coordinator_the_legal_team_handles_it(client, home):
    jurist = legal_user()
    portal_login(client, home.mother)
    client.post(reverse("portal:conduct_complaint"), {"subject": SUBJECT, "contact": "noor@example.nl"})
    assert StaffComplaint.objects.get().organisation_id == jurist.affiliations.get().organisation_id


def test_an_empty_complaint_is_refused_in_dutch_and_nothing_changes(client, home):
    portal_login(client, home.mother)
    client.get(reverse("portal:conduct_complaint"))
    before = database_fingerprint()
    response = client.post(reverse("portal:conduct_complaint"), {"subject": "", "contact": ""})
    text = response.content.decode()
    assert response.status_code == 400
    assert "Schrijf wat er gebeurd is." in text and "Vul uw telefoonnummer of e-mailadres in." in text
    assert database_fingerprint() == before


def test_a_future_day_of_the_conduct_is_refused(client, home):
    legal_user()
    portal_login(client, home.mother)
    tomorrow = timezone.localdate() + timezone.timedelta(days=1)
    response = client.post(
        reverse("portal:conduct_complaint"), {"subject": SUBJECT, "contact": "x@example.nl", "conduct_on": tomorrow}
    )
    assert response.status_code == 400 and not StaffComplaint.objects.exists()


def test_the_portal_home_offers_the_complaint(client, home):
    portal_login(client, home.mother)
    page = client.get(reverse("portal:home")).content.decode()
    assert reverse("portal:conduct_complaint") in page
