"""The decision form tells the truth: the start, end, volume and unit of a provision are needed to grant it, not to
refuse it. Their labels say "(verplicht bij toekennen)" (never "niet verplicht"), a grant without them is refused
on each field (linked from the error summary) with nothing saved, and a refusal goes through without them."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from routekaart.access.models import Decision
from routekaart.testing import database_fingerprint

from . import journey

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_as(client, demo_login):
    def login(user):
        user.is_demo = True
        user.save()
        client.force_login(user)
        return client

    return login


def provision(household, outcome: str, **fields) -> dict:
    return {
        "addressee": household.mother.pk,
        "decided_on": timezone.localdate().isoformat(),
        "provisions-TOTAL_FORMS": "1",
        "provisions-INITIAL_FORMS": "0",
        "provisions-0-building_block": journey.block("care_and_support.guidance").pk,
        "provisions-0-outcome": outcome,
        "provisions-0-law": "W",
        "provisions-0-reasoning": "Noor redt het met hulp van haar zus.",
        **{f"provisions-0-{name}": value for name, value in fields.items()},
    }


def label(page: str, name: str) -> str:
    pattern = rf'<label class="utrecht-form-label" for="id_provisions-0-{name}">(.*?)</label>'
    return re.search(pattern, page, re.S).group(1)


def test_what_a_grant_needs_is_labelled_needed_to_grant(client_as, planned_case, coordinator):
    page = client_as(coordinator).get(reverse("access:decision", args=[planned_case.pk])).text

    for name in ("starts_on", "ends_on", "volume", "unit"):
        assert "(verplicht bij toekennen)" in label(page, name), name
        assert "niet verplicht" not in label(page, name), name


def test_a_grant_without_volume_and_unit_is_refused_on_those_fields_and_changes_nothing(
    client_as, planned_case, coordinator, household
):
    client = client_as(coordinator)
    before = database_fingerprint()

    response = client.post(
        reverse("access:decision", args=[planned_case.pk]),
        provision(household, "granted", starts_on=timezone.localdate().isoformat(), ends_on="2099-03-01"),
    )

    assert response.status_code == 400
    assert '<a class="utrecht-link" href="#id_provisions-0-volume">Omvang: Vul omvang in.</a>' in response.text
    assert '<a class="utrecht-link" href="#id_provisions-0-unit">Eenheid: Kies eenheid.</a>' in response.text
    assert database_fingerprint() == before


def test_a_refusal_needs_no_volume_unit_or_period(client_as, planned_case, coordinator, household):
    response = client_as(coordinator).post(
        reverse("access:decision", args=[planned_case.pk]), provision(household, "refused")
    )

    assert response.status_code == 302
    assert Decision.objects.filter(case=planned_case).count() == 1
