"""The break-the-glass form answers alike for any number, so it cannot be used to find which households exist."""

import re

import pytest

from routekaart.audit.models import ProcessingLogEntry, Result
from routekaart.organisations.roles import Role

from ..models import BreakGlass
from .factories import HouseholdFactory, MembershipFactory

pytestmark = pytest.mark.django_db
REASON = "Acute zorgen over de veiligheid van een kind, collega niet bereikbaar"


def test_the_form_looks_the_same_for_a_household_that_exists_and_one_that_does_not(staff_client):
    client, _ = staff_client(Role.COORDINATOR)
    existing = MembershipFactory().household
    missing = existing.pk + 1000
    shown = client.get(f"/huishoudens/{existing.pk}/noodtoegang/")
    unknown = client.get(f"/huishoudens/{missing}/noodtoegang/")
    assert shown.status_code == unknown.status_code == 200
    normalised = unknown.content.decode().replace(str(missing), str(existing.pk))
    assert _without_tokens(normalised) == _without_tokens(shown.content.decode())


def _without_tokens(html: str) -> str:
    """The page without its per-request CSRF and CSP nonce values."""
    html = re.sub(r'"X-CSRFToken": "[^"]*"', "", html)
    return re.sub(r'(value|nonce)="[^"]*"', r'\1=""', html)


def test_breaking_the_glass_on_a_number_that_is_no_household_is_logged_and_answered_like_any_refusal(staff_client):
    client, coordinator = staff_client(Role.COORDINATOR)
    HouseholdFactory()
    response = client.post("/huishoudens/987654/noodtoegang/", {"reason": REASON})
    assert response.status_code == 302
    assert not BreakGlass.objects.exists()
    after = client.get(response.url)
    assert after.status_code == 403
    assert "U bent niet betrokken bij dit huishouden." in after.text
    refused = ProcessingLogEntry.objects.filter(actor=coordinator, result=Result.DENIED)
    assert set(refused.values_list("activity_id", flat=True)) == {"break-the-glass", "household-file"}
