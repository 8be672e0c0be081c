import pytest
from django.urls import reverse

from ...residents.tests.factories import MembershipFactory, ResidentFactory
from .helpers import portal_login

pytestmark = pytest.mark.django_db


def test_portal_page_without_a_portal_login_sends_to_the_login_page(client):
    response = client.get(reverse("portal:plan"))
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:login")


def test_portal_page_after_the_digid_session_ended_sends_to_the_login_page_with_the_reason(client):
    membership = MembershipFactory()
    portal_login(client, membership.resident, expires_in=-1)
    response = client.get(reverse("portal:plan"))
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:login") + "?verlopen=1"
    assert "portal_login" not in client.session


def test_staff_login_is_not_a_portal_login(client):
    resident = ResidentFactory()
    user = portal_login(client, resident)
    session = client.session
    del session["portal_login"]
    session.save()
    client.force_login(user)
    assert client.get(reverse("portal:plan"))["Location"] == reverse("portal:login")
