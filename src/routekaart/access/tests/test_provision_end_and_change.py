"""A granted provision ended early or changed: only while it is in force or yet to start, the new end date within
its own period and not in the past; its provider's assignment follows in the same transaction; the staff pages
and the API do the same step."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from routekaart.access import services
from routekaart.access.models import ProvisionOutcome
from routekaart.audit.models import Event
from routekaart.providers.models import Assignment, AssignmentStatus, Message
from routekaart.testing import database_fingerprint

from . import journey, provision_fixtures
from .provision_market import market_for

pytestmark = pytest.mark.django_db

exchange, client_as = provision_fixtures.exchange, provision_fixtures.client_as

DAY = datetime.timedelta(days=1)


def granted(case, household, coordinator, *, provider=None, starts_in=0, days=100):
    today = timezone.localdate()
    spec = journey.guidance(
        provider=provider,
        starts_on=today + starts_in * DAY,
        ends_on=today + (starts_in + days) * DAY,
    )
    decision = services.decision_record(
        actor=coordinator, case=case, addressee=household.mother, provisions=[spec]
    ).decision
    return decision.provisions.get()


def end(coordinator, provision, ends_on):
    return services.provision_end(
        actor=coordinator, provision=provision, ends_on=ends_on, reasoning="Noor redt het weer zelf."
    )


def change(coordinator, provision, ends_on, volume=Decimal("2")):
    return services.provision_change(
        actor=coordinator, provision=provision, volume=volume, ends_on=ends_on, reasoning="Minder hulp nodig."
    )


def refused(call, field_name: str) -> str:
    before = database_fingerprint()
    with pytest.raises(ValidationError) as caught:
        call()
    assert database_fingerprint() == before
    return caught.value.message_dict[field_name][0]


# --- the period's bounds --------------------------------------------------------------------------------------


def test_end_at_the_start_date_is_allowed_the_day_before_is_refused(planned_case, coordinator, household):
    provision = granted(planned_case, household, coordinator, starts_in=10)

    message = refused(lambda: end(coordinator, provision, provision.starts_on - DAY), "ends_on")
    assert message.startswith("De einddatum ligt vóór de ingangsdatum van de voorziening")

    end(coordinator, provision, provision.starts_on)
    provision.refresh_from_db()
    assert provision.ends_on == provision.starts_on


def test_end_on_its_own_end_date_or_after_it_is_refused_the_day_before_is_allowed(planned_case, coordinator, household):
    provision = granted(planned_case, household, coordinator)
    current = provision.ends_on

    assert "kies een eerdere einddatum" in refused(lambda: end(coordinator, provision, current), "ends_on")
    assert "vraagt een nieuwe beschikking" in refused(lambda: end(coordinator, provision, current + DAY), "ends_on")

    end(coordinator, provision, current - DAY)
    provision.refresh_from_db()
    assert provision.ends_on == current - DAY
    assert "Noor redt het weer zelf." in provision.reasoning
    event = Event.objects.get(action="provision.ended")
    assert event.after["ends_on"] == (current - DAY).isoformat()
    assert "Noor" not in str(event.after)  # no free text in the event


def test_an_end_date_in_the_past_is_refused_today_is_allowed(planned_case, coordinator, household):
    provision = granted(planned_case, household, coordinator, starts_in=-30)
    today = timezone.localdate()

    assert "in het verleden" in refused(lambda: end(coordinator, provision, today - DAY), "ends_on")

    end(coordinator, provision, today)
    provision.refresh_from_db()
    assert provision.ends_on == today


def test_change_up_to_its_own_end_date_is_allowed_one_day_longer_is_refused(planned_case, coordinator, household):
    provision = granted(planned_case, household, coordinator, starts_in=5)
    current = provision.ends_on

    assert "vraagt een nieuwe beschikking" in refused(lambda: change(coordinator, provision, current + DAY), "ends_on")
    assert "vóór de ingangsdatum" in refused(
        lambda: change(coordinator, provision, provision.starts_on - DAY), "ends_on"
    )

    change(coordinator, provision, current)
    provision.refresh_from_db()
    assert provision.volume == Decimal("2") and provision.ends_on == current
    assert Event.objects.get(action="provision.changed").after["volume"] == "2"


def test_a_refused_or_ended_provision_cannot_be_ended_or_changed(planned_case, coordinator, household):
    provision = granted(planned_case, household, coordinator)
    type(provision).objects.filter(pk=provision.pk).update(outcome=ProvisionOutcome.REFUSED)
    provision.refresh_from_db()

    assert "Alleen een toegekende voorziening" in refused(
        lambda: end(coordinator, provision, timezone.localdate()), "provision"
    )


def test_a_change_that_changes_nothing_is_refused(planned_case, coordinator, household):
    provision = granted(planned_case, household, coordinator)

    assert "Er verandert niets" in refused(
        lambda: change(coordinator, provision, provision.ends_on, volume=provision.volume), "volume"
    )


# --- the assignment follows -------------------------------------------------------------------------------------


def test_ending_a_provision_with_a_provider_ends_its_assignment_with_a_301(planned_case, coordinator, household):
    market = market_for(household)
    provision = granted(planned_case, household, coordinator, provider=market.provider)
    assignment = Assignment.objects.get(provision_id=provision.pk)

    end(coordinator, provision, timezone.localdate() + 10 * DAY)

    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.ENDED  # not started yet: withdrawn
    assert Message.objects.filter(assignment=assignment, kind="301").count() == 2


def test_changing_a_provision_with_a_provider_changes_its_assignment(planned_case, coordinator, household):
    market = market_for(household)
    provision = granted(planned_case, household, coordinator, provider=market.provider)
    assignment = Assignment.objects.get(provision_id=provision.pk)

    change(coordinator, provision, provision.ends_on - 10 * DAY)

    assignment.refresh_from_db()
    assert assignment.ends_on == provision.ends_on - 10 * DAY
    assert assignment.version == 2
    assert Message.objects.filter(assignment=assignment, kind="301").count() == 2


# --- pages and API ------------------------------------------------------------------------------------------------


def test_the_household_page_offers_end_and_change_and_the_pages_do_the_step(
    client_as, planned_case, coordinator, household
):
    provision = granted(planned_case, household, coordinator)
    client = client_as(coordinator)

    page = client.get(reverse("access:household", args=[household.pk])).text
    assert reverse("access:provision_end", args=[provision.pk]) in page
    assert reverse("access:provision_change", args=[provision.pk]) in page
    assert client.get(reverse("access:provision_end", args=[provision.pk])).status_code == 200
    assert client.get(reverse("access:provision_change", args=[provision.pk])).status_code == 200

    new_end = provision.ends_on - 20 * DAY
    response = client.post(
        reverse("access:provision_end", args=[provision.pk]),
        {"ends_on": new_end.isoformat(), "reasoning": "Noor redt het weer zelf."},
    )
    assert response.status_code == 302
    provision.refresh_from_db()
    assert provision.ends_on == new_end


def test_the_change_page_refuses_a_longer_period_on_its_field_and_changes_nothing(
    client_as, planned_case, coordinator, household
):
    provision = granted(planned_case, household, coordinator)
    client = client_as(coordinator)
    before = database_fingerprint()

    response = client.post(
        reverse("access:provision_change", args=[provision.pk]),
        {"volume": "2", "ends_on": (provision.ends_on + DAY).isoformat(), "reasoning": "Langer nodig."},
    )

    assert response.status_code == 400
    assert 'href="#id_ends_on"' in response.text
    assert "vraagt een nieuwe beschikking" in response.text
    assert database_fingerprint() == before


def test_the_api_ends_and_changes_a_provision_and_refuses_with_400(client_as, planned_case, coordinator, household):
    provision = granted(planned_case, household, coordinator)
    client = client_as(coordinator)
    before = database_fingerprint()

    response = client.post(
        f"/api/v1/provisions/{provision.pk}/end/",
        {"ends_on": (provision.ends_on + DAY).isoformat(), "reasoning": "Langer."},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert [p["name"] for p in response.json()["invalidParams"]] == ["ends_on"]
    assert database_fingerprint() == before

    response = client.post(
        f"/api/v1/provisions/{provision.pk}/change/",
        {"volume": "3", "ends_on": provision.ends_on.isoformat(), "reasoning": "Iets minder hulp."},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["volume"] == "3.00"

    response = client.post(
        f"/api/v1/provisions/{provision.pk}/end/",
        {"ends_on": (provision.ends_on - DAY).isoformat(), "reasoning": "Klaar."},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["ends_on"] == (provision.ends_on - DAY).isoformat()


def test_the_end_and_change_pages_run_the_same_queries_with_one_decision_or_several(
    client_as, planned_case, coordinator, household
):
    provision = granted(planned_case, household, coordinator)
    client = client_as(coordinator)
    urls = [reverse(f"access:provision_{step}", args=[provision.pk]) for step in ("end", "change")]

    def counts() -> list[int]:
        found = []
        for url in urls:
            client.get(url)  # warm the per-process caches
            with CaptureQueriesContext(connection) as captured:
                assert client.get(url).status_code == 200
            found.append(len([q for q in captured.captured_queries if not _session_write(q["sql"])]))
        return found

    few = counts()
    for _ in range(3):
        granted(planned_case, household, coordinator, days=50)
    assert counts() == few


def _session_write(sql: str) -> bool:
    return sql.startswith(("SAVEPOINT", "RELEASE SAVEPOINT")) or sql.startswith('UPDATE "django_session"')
