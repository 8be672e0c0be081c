"""Mijn bezwaren: the resident sees their objections (and those made for a child under 16 they act for) with where
each stands in plain words, the day we decide with the days left, and the letters; another's objection is a 404;
every read is logged under objection-handling."""

import pytest
from django.urls import reverse

from ...access.letters import pango_missing
from ...audit.models import ProcessingLogEntry
from ...legal.models import Objection
from . import test_decision_pages as pages
from .helpers import page_queries, portal_login
from .objection_fixtures import *  # noqa: F403  (legal_desk)

pytestmark = pytest.mark.django_db

home, other = pages.home, pages.other


def object_to(client, decision, grounds: str = "Twee dagdelen is te weinig.") -> Objection:
    response = client.post(reverse("portal:objection", args=[decision.pk]), {"grounds": grounds})
    assert response.status_code == 302
    return Objection.objects.get(decision_id=decision.pk)


def test_my_objections_show_where_each_stands_the_decision_term_and_the_letter(client, home, other, legal_desk):
    portal_login(client, other.mother)
    theirs = object_to(client, other.own)
    client.logout()
    portal_login(client, home.mother)
    mine = object_to(client, home.own)
    response = client.get(reverse("portal:objections"))
    page = response.content.decode()
    assert response.status_code == 200
    assert f'data-objection="{mine.reference}"' in page and theirs.reference not in page
    assert "Wij beslissen uiterlijk op" in page and f"{mine.decision_due_on.day} " in page
    assert "Klaar: Wij hebben uw bezwaar ontvangen" in page
    assert "Nog niet: Wij beslissen over uw bezwaar" in page
    assert reverse("portal:objection_letter", args=[mine.pk, "receipt"]) in page
    assert ProcessingLogEntry.objects.filter(activity__code="objection-handling", channel="portal").exists()
    assert reverse("portal:objections") in client.get(reverse("portal:decisions")).content.decode()


def test_another_households_objection_letter_is_not_found(client, home, other, legal_desk):
    portal_login(client, other.mother)
    theirs = object_to(client, other.own)
    client.logout()
    portal_login(client, home.mother)
    assert client.get(reverse("portal:objection_letter", args=[theirs.pk, "receipt"])).status_code == 404


def test_my_receipt_letter_downloads_and_a_letter_not_yet_there_is_not_found(client, home, legal_desk):
    portal_login(client, home.mother)
    mine = object_to(client, home.own)
    assert client.get(reverse("portal:objection_letter", args=[mine.pk, "decision"])).status_code == 404
    response = client.get(reverse("portal:objection_letter", args=[mine.pk, "receipt"]))
    if pango_missing():
        assert response.status_code == 503
    else:
        assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_the_page_reads_the_same_number_of_queries_for_one_or_two_objections(client, home, legal_desk):
    portal_login(client, home.mother)
    object_to(client, home.own)
    url = reverse("portal:objections")
    one = page_queries(client, url)
    object_to(client, home.sons, "Sem heeft meer hulp nodig.")
    assert page_queries(client, url) == one
