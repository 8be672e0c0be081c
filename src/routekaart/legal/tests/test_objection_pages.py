"""The objection pages: who sees which objection (the legal desk through the involvement, the coordinator their own
households, anyone else a 404), registering a letter by the decision's reference, the file with every term and its
days left, and each step a POST that calls one service, or answers 400 in Dutch and changes nothing."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ...audit.models import ProcessingLogEntry
from ...legal.models import Objection, ObjectionStatus
from ...testing import database_fingerprint
from .. import services
from .factories_objections import DecisionFactory, DienstFactory, ProvisionFactory, jurist_at
from .pages_fixtures import *  # noqa: F403  (the fixtures)
from .pages_fixtures import days, register

pytestmark = pytest.mark.django_db


def refused_post(client, url: str, data: dict, message: str) -> str:
    """The POST answers 400 with the Dutch `message` and the database is exactly as before."""
    before = database_fingerprint()
    response = client.post(url, data)
    page = response.content.decode()
    assert response.status_code == 400, page[:500]
    assert message in page
    assert database_fingerprint() == before
    return page


def errors(response) -> list:
    """The step forms' errors on a refused page (for a failing assertion's message)."""
    return [step["form"].errors for step in response.context["steps"] if step["form"].errors]


def step_url(objection, step: str) -> str:
    return reverse("legal:objection_step", args=[objection.pk, step])


def test_the_jurist_sees_the_objection_in_the_list_with_its_days_left(as_user, jurist, objection):
    page = as_user(jurist).get(reverse("legal:objection_list")).content.decode()
    assert f'data-objection="{objection.reference}"' in page
    days_left = (objection.decision_due_on - timezone.localdate()).days
    assert f"nog {days_left} dagen" in page


def test_the_list_filters_on_status_handler_and_law(as_user, jurist, objection, decision):
    other = register(jurist, DecisionFactory(decided_on=days(-5), law="J"))
    client = as_user(jurist)
    url = reverse("legal:objection_list")
    by_law = client.get(url, {"law": "J"}).content.decode()
    assert other.reference in by_law and objection.reference not in by_law
    by_handler = client.get(url, {"handler": jurist.pk}).content.decode()
    assert objection.reference in by_handler and other.reference not in by_handler
    decided = client.get(url, {"status": "decided"}).content.decode()
    assert objection.reference not in decided and "Er zijn geen bezwaren." in decided


def test_another_desks_jurist_neither_lists_nor_opens_the_objection(as_user, objection):
    stranger = jurist_at(DienstFactory(), is_demo=True)
    client = as_user(stranger)
    assert objection.reference not in client.get(reverse("legal:objection_list")).content.decode()
    assert client.get(reverse("legal:objection_detail", args=[objection.pk])).status_code == 404
    before = database_fingerprint()
    assert client.post(step_url(objection, "acknowledge"), {"acknowledge-on": "2026-01-01"}).status_code == 404
    assert database_fingerprint() == before


def test_the_coordinator_reads_their_households_objection_but_takes_no_step(as_user, coordinator, objection):
    client = as_user(coordinator)
    page = client.get(reverse("legal:objection_detail", args=[objection.pk])).content.decode()
    assert objection.reference in page and 'data-term="decision"' in page
    assert "legal:objection_step" not in page and 'action="/klantbeheer/bezwaar/' not in page
    before = database_fingerprint()
    assert (
        client.post(step_url(objection, "acknowledge"), {"acknowledge-on": str(timezone.localdate())}).status_code
        == 403
    )
    assert database_fingerprint() == before


def test_the_file_shows_every_term_with_days_left_and_logs_the_read(as_user, jurist, objection):
    response = as_user(jurist).get(reverse("legal:objection_detail", args=[objection.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-term="decision"' in page and 'data-term="receipt"' in page
    assert "nog " in page and objection.decision_reference in page
    assert "Begeleiding" in page  # the decision's provision
    assert 'id="step-acknowledge"' in page and 'id="step-decide"' in page
    assert ProcessingLogEntry.objects.filter(activity__code="objection-handling", actor=jurist).exists()


def test_the_file_reads_a_fixed_number_of_queries(as_user, jurist, objection, django_assert_max_num_queries):
    client = as_user(jurist)
    url = reverse("legal:objection_detail", args=[objection.pk])
    client.get(url)
    with django_assert_max_num_queries(40):
        client.get(url)


def test_registering_a_letter_by_the_decisions_reference(as_user, jurist, decision):
    response = as_user(jurist).post(
        reverse("legal:objection_register"),
        {
            "reference": decision.reference,
            "objector_birth_date": decision.addressee.birth_date.isoformat(),
            "received_on": timezone.localdate().isoformat(),
            "channel": "letter",
            "grounds": "Het klopt niet.",
        },
    )
    objection = Objection.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("legal:objection_detail", args=[objection.pk])
    assert (objection.decision_id, objection.channel, objection.objector_id) == (
        decision.pk,
        "letter",
        decision.addressee_id,
    )


def test_registering_with_a_wrong_birth_date_is_refused_in_dutch_and_changes_nothing(as_user, jurist, decision):
    wrong = decision.addressee.birth_date - datetime.timedelta(days=1)
    data = {
        "reference": decision.reference,
        "objector_birth_date": wrong.isoformat(),
        "received_on": timezone.localdate().isoformat(),
        "channel": "letter",
        "grounds": "Het klopt niet.",
    }
    client = as_user(jurist)
    before = database_fingerprint()
    response = client.post(reverse("legal:objection_register"), data)
    assert response.status_code == 400
    assert database_fingerprint() == before
    assert 'class="utrecht-form rk-form" novalidate' in response.content.decode()


def test_registering_without_grounds_and_not_pro_forma_asks_for_the_grounds(as_user, jurist, decision):
    data = {
        "reference": decision.reference,
        "objector_birth_date": decision.addressee.birth_date.isoformat(),
        "received_on": timezone.localdate().isoformat(),
        "channel": "letter",
    }
    refused_post(as_user(jurist), reverse("legal:objection_register"), data, "Vul gronden van het bezwaar in.")


def test_acknowledging_is_one_step_and_the_page_says_so(as_user, jurist, objection):
    client = as_user(jurist)
    response = client.post(step_url(objection, "acknowledge"), {"acknowledge-on": timezone.localdate().isoformat()})
    assert response.status_code == 302
    objection.refresh_from_db()
    assert objection.acknowledged_on == timezone.localdate()
    assert objection.status == ObjectionStatus.ACKNOWLEDGED


def test_a_step_without_its_date_is_refused_in_dutch_and_changes_nothing(as_user, jurist, objection):
    page = refused_post(as_user(jurist), step_url(objection, "acknowledge"), {}, "Vul ontvangstbevestiging")
    assert 'id="step-acknowledge"' in page


def test_deciding_before_the_hearing_is_refused_in_dutch_and_changes_nothing(as_user, jurist, objection):
    data = {
        "decide-on": timezone.localdate().isoformat(),
        "decide-outcome": "dismissed",
        "decide-effect": "keep",
        "decide-reasoning": "Het besluit is juist.",
    }
    client = as_user(jurist)
    before = database_fingerprint()
    response = client.post(step_url(objection, "decide"), data)
    assert response.status_code == 400
    assert database_fingerprint() == before
    objection.refresh_from_db()
    assert objection.status == ObjectionStatus.RECEIVED


def test_after_the_acknowledgement_a_hearing_is_planned_and_shown_with_its_term(as_user, jurist, objection):
    client = as_user(jurist)
    client.post(step_url(objection, "acknowledge"), {"acknowledge-on": timezone.localdate().isoformat()})
    at = (timezone.localtime() + datetime.timedelta(days=7)).replace(hour=10, minute=0)
    response = client.post(
        step_url(objection, "plan_hearing"),
        {
            "plan_hearing-invited_on": timezone.localdate().isoformat(),
            "plan_hearing-scheduled_at": at.strftime("%Y-%m-%dT%H:%M"),
            "plan_hearing-location": "Stadskantoor, kamer 3",
        },
    )
    assert response.status_code == 302, errors(response)
    objection.refresh_from_db()
    assert objection.status == ObjectionStatus.HEARING
    page = client.get(reverse("legal:objection_detail", args=[objection.pk])).content.decode()
    assert 'data-term="hearing"' in page and "Stadskantoor, kamer 3" in page


def test_an_unknown_step_is_not_found(as_user, jurist, objection):
    assert as_user(jurist).post(step_url(objection, "vernietigen"), {}).status_code == 404


def test_the_household_block_lists_the_open_objection_for_the_coordinator(as_user, coordinator, objection):
    page = as_user(coordinator).get(reverse("residents:household_detail", args=[objection.household_id]))
    assert f'data-objection="{objection.reference}"' in page.content.decode()


def test_the_inzage_section_holds_the_persons_objection(objection):
    from ...legal.subject_export import legal_section

    section = legal_section(objection.objector, timezone.localdate())
    assert any(objection.reference in str(row) for row in section.rows)


def test_a_second_objection_keeps_the_list_at_the_same_queries(as_user, jurist, objection):
    client = as_user(jurist)
    url = reverse("legal:objection_list")
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    another = DecisionFactory(decided_on=days(-3))
    ProvisionFactory(decision=another)
    register(jurist, another)
    with CaptureQueriesContext(connection) as two:
        client.get(url)
    assert len(two) == len(one)


def test_an_upheld_objection_grants_a_refused_provision_on_screen_in_the_unit_chosen(as_user, jurist):
    from ...access.models import ProvisionOutcome
    from .factories_objections import RefusedProvisionFactory

    decision = DecisionFactory(decided_on=days(-10))
    provision = RefusedProvisionFactory(decision=decision)
    objection = register(jurist, decision, handler=jurist)
    services.objection_acknowledge(actor=jurist, objection=objection, on=timezone.localdate())
    services.hearing_waive(actor=jurist, objection=objection, reason="De indiener wil niet gehoord worden.")
    client = as_user(jurist)
    page = client.get(reverse("legal:objection_detail", args=[objection.pk])).content.decode()
    assert f'name="decide-provision_{provision.pk}_unit"' in page
    response = client.post(
        step_url(objection, "decide"),
        {
            "decide-on": timezone.localdate().isoformat(),
            "decide-outcome": "upheld",
            "decide-effect": "revoke",
            "decide-reasoning": "De hulp is toch nodig.",
            f"decide-provision_{provision.pk}_action": "grant",
            f"decide-provision_{provision.pk}_volume": "2.5",
            f"decide-provision_{provision.pk}_unit": "hours_per_week",
            f"decide-provision_{provision.pk}_ends_on": days(180).isoformat(),
        },
    )
    assert response.status_code == 302
    provision.refresh_from_db()
    assert provision.outcome == ProvisionOutcome.GRANTED
    assert (provision.unit, str(provision.volume)) == ("hours_per_week", "2.50")
