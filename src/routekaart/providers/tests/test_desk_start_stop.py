"""Zorg gestart and Zorg gestopt from the provider's desk and API: the assignment services (a 305 and a 307 through
the same path as a received message); a start or stop the assignment's state refuses is answered in Dutch beside
its field, with nothing changed. A provider system's own XML message is answered with its retour."""

import datetime

import pytest
from django.urls import reverse

from routekaart.testing import FINGERPRINT_IGNORES, database_fingerprint

from ...organisations.roles import Role
from ...organisations.tests.factories import AffiliationFactory, UserFactory
from ..models import AssignmentStatus, Message
from .desk_helpers import api_for
from .flow_world import sent_assignment, start_xml, world_fixture  # noqa: F401 (the fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_login")]

NOV_3 = datetime.date(2026, 11, 3)
TOKEN_BOOKKEEPING = FINGERPRINT_IGNORES | {"audit_event", "knox_authtoken"}  # a token's use is an event of its own


@pytest.fixture
def desk_user(world):
    user = UserFactory(is_demo=True)
    AffiliationFactory(user=user, organisation=world.provider, role=Role.PROVIDER)
    return user


def test_the_desk_starts_and_stops_care_and_the_detail_shows_it(client, world, desk_user):
    assignment = sent_assignment(world)
    client.force_login(desk_user)
    start = client.post(reverse("desk:assignment_start", args=[assignment.pk]), {"started_on": "2026-11-03"})
    assert start.status_code == 302
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.STARTED and assignment.started_on == NOV_3
    stop = client.post(
        reverse("desk:assignment_stop", args=[assignment.pk]), {"stopped_on": "2026-11-20", "reason": "19"}
    )
    assert stop.status_code == 302
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.STOPPED and assignment.stop_reason == "19"
    html = client.get(reverse("desk:assignment_detail", args=[assignment.pk])).text
    assert "Levering volgens plan beëindigd" in html and "20 november 2026" in html
    kinds = list(Message.objects.filter(assignment=assignment).order_by("pk").values_list("kind", flat=True))
    assert kinds == ["301", "305", "306", "307", "308"]


def _refused_post(client, view: str, assignment, data: dict) -> str:
    """Post the desk's form for `assignment`: a 400 that changed nothing; the page's text."""
    before = database_fingerprint()
    response = client.post(reverse(view, args=[assignment.pk]), data)
    assert response.status_code == 400
    assert database_fingerprint() == before
    return response.text


def test_the_desk_cannot_stop_care_that_did_not_start_and_nothing_changes(client, world, desk_user):
    assignment = sent_assignment(world)
    client.force_login(desk_user)
    page = _refused_post(client, "desk:assignment_stop", assignment, {"stopped_on": "2026-11-20", "reason": "19"})
    assert "De zorg is nog niet gestart; stoppen kan pas na de start." in page


def test_the_desk_cannot_start_twice_and_nothing_changes(client, world, desk_user):
    assignment = sent_assignment(world)
    client.force_login(desk_user)
    client.post(reverse("desk:assignment_start", args=[assignment.pk]), {"started_on": "2026-11-03"})
    page = _refused_post(client, "desk:assignment_start", assignment, {"started_on": "2026-11-04"})
    assert "Deze toewijzing is al gestart." in page


def test_a_stop_without_a_reason_of_the_standard_is_refused_on_the_form(client, world, desk_user):
    assignment = sent_assignment(world)
    client.force_login(desk_user)
    client.post(reverse("desk:assignment_start", args=[assignment.pk]), {"started_on": "2026-11-03"})
    page = _refused_post(client, "desk:assignment_stop", assignment, {"stopped_on": "2026-11-20", "reason": "99"})
    assert "Reden van beëindiging" in page


def test_the_api_starts_and_stops_care(world, desk_user):
    assignment = sent_assignment(world)
    api = api_for(desk_user)
    base = f"/api/v1/aanbieder/toewijzingen/{assignment.pk}/"
    started = api.post(f"{base}start/", {"started_on": "2026-11-03"}, format="json")
    assert started.status_code == 200, started.json()
    assert started.json()["status"] == "started" and started.json()["started_on"] == "2026-11-03"
    stopped = api.post(f"{base}stop/", {"stopped_on": "2026-11-20", "reason": "19"}, format="json")
    assert stopped.status_code == 200, stopped.json()
    assert stopped.json()["status"] == "stopped" and stopped.json()["stop_reason"] == "19"


def test_the_api_refuses_a_stop_before_the_start_per_field_in_dutch(world, desk_user):
    assignment = sent_assignment(world)
    api = api_for(desk_user)
    response = api.post(
        f"/api/v1/aanbieder/toewijzingen/{assignment.pk}/stop/",
        {"stopped_on": "2026-11-20", "reason": "19"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["name"] == "stopped_on"
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.SENT


def test_a_message_of_the_providers_own_system_is_answered_with_its_retour(world, desk_user):
    assignment = sent_assignment(world)
    response = api_for(desk_user).post(
        "/api/v1/aanbieder/berichten/", start_xml(world, assignment), content_type="application/xml"
    )
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/xml"
    assert b"306" in response.content
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.STARTED


def test_a_message_that_is_no_xml_is_a_400_with_its_retour_code(world, desk_user):
    response = api_for(desk_user).post(
        "/api/v1/aanbieder/berichten/", b"<Bericht><niet-af>", content_type="application/xml"
    )
    assert response.status_code == 400
    assert "0001" in response.json()["invalidParams"][0]["reason"]


@pytest.mark.parametrize(
    "body",
    [
        b"\x00\xff\xfe",
        b"<a/>",
        b"niet eens xml",
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><x>&b;</x>',
        b"<Bericht><Header><Afzender></Afzender></Header></Bericht>",
        b"<x>" * 5000,
    ],
)
def test_whatever_body_a_system_sends_is_answered_as_a_400_never_a_server_error(world, desk_user, body):
    before = database_fingerprint(TOKEN_BOOKKEEPING)
    response = api_for(desk_user).post("/api/v1/aanbieder/berichten/", body, content_type="application/xml")
    assert response.status_code in (400, 403), response.content
    assert response["Content-Type"] == "application/problem+json"
    assert database_fingerprint(TOKEN_BOOKKEEPING) == before
