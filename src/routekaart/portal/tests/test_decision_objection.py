"""Bezwaar maken: an objection made in the portal is registered in klantbeheer (an Objection, channel portal) with
one event; the received page shows its reference and the decision term; an empty one is refused in Dutch and
changes nothing; after the term the form still takes it and asks why it is late (Awb 6:11)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from ...access.models import Decision
from ...audit.models import Event
from ...legal.models import Objection
from ...testing import database_fingerprint
from . import test_decision_pages as pages
from .helpers import portal_login
from .objection_fixtures import *  # noqa: F403  (legal_desk)

pytestmark = pytest.mark.django_db

# The fixtures of the decisions pages: the Hendriks family with a decision each, and another household.
home, other = pages.home, pages.other  # rules and coordinator come from the portal's conftest


def test_an_objection_is_registered_in_klantbeheer_with_one_event(client, home, legal_desk):
    portal_login(client, home.mother)
    url = reverse("portal:objection", args=[home.own.pk])
    assert "Waarom bent u het niet eens met dit besluit?" in client.get(url).content.decode()
    response = client.post(url, {"grounds": "Ik heb meer uren begeleiding nodig dan twee dagdelen."})
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:objection_received", args=[home.own.pk])
    objection = Objection.objects.get()
    assert (objection.decision_kind, objection.decision_id, objection.household_id) == ("access", home.own.pk, home.pk)
    assert (objection.objector_id, objection.channel) == (home.mother.pk, "portal")
    assert objection.grounds == "Ik heb meer uren begeleiding nodig dan twee dagdelen."
    event = Event.objects.get(action="objection.registered")
    assert event.household_id == home.pk
    assert "begeleiding" not in str(event.after)  # the event names what it is about, never the grounds
    page = client.get(response["Location"]).content.decode()
    today = timezone.localdate()
    assert f"is ontvangen op {today.day} " in page
    assert objection.reference in page
    assert f"{objection.decision_due_on.day} " in page and "Wij beslissen uiterlijk op" in page


def test_an_empty_objection_is_refused_in_dutch_and_nothing_changes(client, home, legal_desk):
    portal_login(client, home.mother)
    url = reverse("portal:objection", args=[home.own.pk])
    before = database_fingerprint()
    response = client.post(url, {"grounds": "   "})
    assert response.status_code == 400
    assert "Schrijf waarom u het niet eens bent met het besluit." in response.content.decode()
    assert database_fingerprint() == before


def test_an_objection_against_another_households_decision_is_not_found_and_changes_nothing(
    client, home, other, legal_desk
):
    portal_login(client, home.mother)
    before = database_fingerprint()
    response = client.post(reverse("portal:objection", args=[other.own.pk]), {"grounds": "Niet mee eens."})
    assert response.status_code == 404
    assert database_fingerprint() == before
    assert client.get(reverse("portal:objection_received", args=[other.own.pk])).status_code == 404


def test_a_parent_objects_against_the_decision_for_their_son_of_12(client, home, legal_desk):
    portal_login(client, home.mother)
    response = client.post(reverse("portal:objection", args=[home.sons.pk]), {"grounds": "Sem heeft meer hulp nodig."})
    assert response.status_code == 302
    objection = Objection.objects.get()
    assert (objection.decision_id, objection.objector_id) == (home.sons.pk, home.son.pk)


def test_before_the_term_ends_the_form_does_not_ask_why_it_is_late(client, home):
    Decision.objects.filter(pk=home.own.pk).update(decided_on=datetime.date(2026, 6, 1))  # last day: 13 July
    with freeze_time("2026-07-13"):
        portal_login(client, home.mother)
        page = client.get(reverse("portal:objection", args=[home.own.pk])).content.decode()
    assert "Vandaag is de laatste dag." in page
    assert "late_reason" not in page


def test_after_the_term_the_objection_is_still_taken_and_says_why_it_is_late(client, home, legal_desk):
    Decision.objects.filter(pk=home.own.pk).update(decided_on=datetime.date(2026, 6, 1))
    with freeze_time("2026-07-14"):
        portal_login(client, home.mother)
        url = reverse("portal:objection", args=[home.own.pk])
        page = client.get(url).content.decode()
        assert "De bezwaartermijn is voorbij." in page
        assert "Waarom maakt u nu pas bezwaar?" in page
        response = client.post(url, {"grounds": "Het klopt niet.", "late_reason": "Ik lag in het ziekenhuis."})
        assert response.status_code == 302
        received = client.get(response["Location"]).content.decode()
    assert "is ontvangen op 14 juli 2026" in received
    objection = Objection.objects.get()
    assert objection.late and objection.late_reason == "Ik lag in het ziekenhuis."
    assert objection.grounds == "Het klopt niet."


def test_the_confirmation_without_an_objection_sent_goes_to_the_form(client, home):
    portal_login(client, home.mother)
    response = client.get(reverse("portal:objection_received", args=[home.own.pk]))
    assert response["Location"] == reverse("portal:objection", args=[home.own.pk])


def test_the_coordinator_sees_the_objection_on_the_household_page(client, home, coordinator, legal_desk, demo_login):
    portal_login(client, home.mother)
    client.post(reverse("portal:objection", args=[home.own.pk]), {"grounds": "Twee dagdelen is te weinig."})
    objection = Objection.objects.get()
    coordinator.is_demo = True  # logs in without a second factor, as demo_login allows
    coordinator.save(update_fields=["is_demo"])
    client.force_login(coordinator)
    page = client.get(reverse("residents:household_detail", args=[home.pk])).content.decode()
    assert f'data-objection="{objection.reference}"' in page
    assert f"bezwaar tegen besluit {home.own.reference}" in page
