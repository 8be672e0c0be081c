"""The screens: every page answers for the coordinator, forms keep what was typed and say per field what is wrong."""

import pytest
from django.urls import reverse
from django.utils import timezone

from routekaart.access.models import Case, Decision, Plan, PlanStatus
from routekaart.audit.models import ProcessingLogEntry, Result
from routekaart.organisations.roles import Role
from routekaart.organisations.tests.factories import UserFactory

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


def test_every_page_of_a_planned_case_answers(client_as, planned_case, coordinator, household):
    client = client_as(coordinator)
    plan = Plan.objects.get(case=planned_case, status=PlanStatus.ACTIVE)
    deadline = planned_case.deadlines.first()
    for url in [
        reverse("access:worklist"),
        reverse("access:household", args=[household.pk]),
        reverse("access:signal_create", args=[household.pk]),
        reverse("access:intake", args=[planned_case.pk]),
        reverse("access:assessment", args=[planned_case.pk]),
        reverse("access:specialist_advice", args=[planned_case.pk]),
        reverse("access:plan", args=[planned_case.pk]),
        reverse("access:decision", args=[planned_case.pk]),
        reverse("access:transfer", args=[planned_case.pk]),
        reverse("access:process_coordinator", args=[planned_case.pk]),
        reverse("access:review", args=[planned_case.pk]),
        reverse("access:close", args=[planned_case.pk]),
        reverse("access:deadline_change", args=[deadline.pk]),
    ]:
        assert client.get(url).status_code == 200, url
    page = client.get(reverse("access:household", args=[household.pk])).text
    assert "Zus Anna past op woensdag op Sem" in page
    assert f"Versie {plan.version}" in page


def test_the_intake_form_keeps_what_was_typed_and_names_the_missing_score(client_as, case, coordinator):
    client = client_as(coordinator)
    data = {"held_on": "2026-01-05", "question": "Hulp bij de administratie", "talents": "Tekenen"}
    data |= {f"score_{code}": "3" for code, _ in journey.scores().items() if code != "housing"}
    response = client.post(reverse("access:intake", args=[case.pk]), data)
    assert response.status_code == 400
    assert "Hulp bij de administratie" in response.text
    assert "Geef een score van 1 tot en met 5 voor Huisvesting." in response.text
    case.refresh_from_db()
    assert case.status == "registered"


def test_the_plan_form_says_which_agreement_lacks_its_provider(client_as, case, coordinator):
    client = client_as(coordinator)
    journey.intake(coordinator, case)
    from routekaart.access import services

    services.gatekeeping_record(actor=coordinator, case=case, outcome="continue")
    data = {
        "summary": "Rust in huis",
        "goal_daily_living": "Zelf het huishouden doen",
        "agreements-TOTAL_FORMS": "3",
        "agreements-INITIAL_FORMS": "0",
        "agreements-0-description": "Begeleiding thuis",
        "agreements-0-party": "provider",
        "agreements-0-due_on": "2030-01-01",
    }
    response = client.post(reverse("access:plan", args=[case.pk]), data)
    assert response.status_code == 400
    assert "Kies de aanbieder die de afspraak uitvoert." in response.text
    assert "Zelf het huishouden doen" in response.text
    assert not Plan.objects.filter(case=case).exists()


def test_the_decision_letter_is_a_pdf(client_as, planned_case, coordinator, household):
    from routekaart.access import services
    from routekaart.access.letters import pango_missing

    if pango_missing():
        pytest.skip(
            f"Pango ontbreekt op deze machine: apt-get install -y libpango-1.0-0 libpangoft2-1.0-0 ({pango_missing()})"
        )
    services.decision_record(
        actor=coordinator, case=planned_case, addressee=household.mother, provisions=[journey.guidance()]
    )
    decision = Decision.objects.get()
    response = client_as(coordinator).get(reverse("access:decision_letter", args=[decision.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_an_uninvolved_coordinator_is_refused_and_the_attempt_logged(client_as, planned_case, household):
    other = UserFactory(role=Role.COORDINATOR)
    client = client_as(other)
    response = client.get(reverse("access:household", args=[household.pk]))
    assert response.status_code == 403
    response = client.post(
        reverse("access:close", args=[planned_case.pk]), {"reason": "other", "closed_on": "2026-01-01"}
    )
    assert response.status_code == 403
    assert Case.objects.get(pk=planned_case.pk).is_open
    assert ProcessingLogEntry.objects.filter(actor=other, result=Result.DENIED).count() >= 2


def test_a_job_coach_reads_but_does_not_see_wmo_decisions(client_as, planned_case, coordinator, household):
    from routekaart.access import services
    from routekaart.residents.tests.factories import InvolvementFactory

    services.decision_record(
        actor=coordinator, case=planned_case, addressee=household.mother, provisions=[journey.guidance()]
    )
    coach = UserFactory(role=Role.JOB_COACH)
    InvolvementFactory(
        household=household, organisation=coach.affiliations.get().organisation, user=coach, kind="job_coaching"
    )
    client = client_as(coach)
    page = client.get(reverse("access:household", args=[household.pk]))
    assert page.status_code == 200
    assert "Begeleiding" not in page.text.split('id="decisions-heading"')[1].split("</section>")[0]
    assert client.get(reverse("access:close", args=[planned_case.pk])).status_code == 403
    decision = Decision.objects.get()
    assert client.get(reverse("access:decision_letter", args=[decision.pk])).status_code == 403


def test_the_home_summary_lists_waiting_signals_and_agreements_due(client_as, case, coordinator):
    client = client_as(coordinator)
    url = reverse("access:home_summary")
    assert client.get(url).status_code == 302
    fragment = client.get(url, HTTP_HX_REQUEST="true")
    assert f"Huishouden {case.household_id}" in fragment.text
    assert "Signalen die op u wachten" in fragment.text
    home = client.get(reverse("home"))
    assert reverse("access:home_summary") in home.text


def test_agreement_status_in_place_answers_the_row(client_as, planned_case, coordinator):
    client = client_as(coordinator)
    agreement = Plan.objects.get(case=planned_case, status=PlanStatus.ACTIVE).agreements.first()
    response = client.post(
        reverse("access:agreement_status", args=[agreement.pk]), {"status": "done"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert f'id="agreement-{agreement.pk}"' in response.text
    assert 'data-agreement-status="done"' in response.text


def test_specialist_advice_is_asked_and_its_answer_recorded(client_as, planned_case, coordinator):
    from routekaart.access.models import SpecialistAdvice

    client = client_as(coordinator)
    response = client.post(
        reverse("access:specialist_advice", args=[planned_case.pk]),
        {
            "adviser_kind": "labour_expert",
            "adviser": "Arbeidsdeskundige Van Dam",
            "question": "Kan Noor 20 uur per week werken?",
            "independence_required": "on",
        },
    )
    assert response.status_code == 400  # the law requires independent advice; the adviser is not marked so
    assert "onafhankelijk" in response.text
    assert "Kan Noor 20 uur per week werken?" in response.text
    client.post(
        reverse("access:specialist_advice", args=[planned_case.pk]),
        {
            "adviser_kind": "labour_expert",
            "adviser": "Arbeidsdeskundige Van Dam",
            "question": "Kan Noor 20 uur per week werken?",
            "independence_required": "on",
            "independent": "on",
        },
    )
    advice = SpecialistAdvice.objects.get()
    response = client.post(
        reverse("access:advice_received", args=[advice.pk]),
        {"advice": "Twintig uur met jobcoach is haalbaar.", "received_on": timezone.localdate().isoformat()},
    )
    assert response.status_code == 302
    advice.refresh_from_db()
    assert advice.received_on and advice.independent


def test_the_participation_advance_is_recorded_as_met(client_as, coordinator, household, involved):
    from routekaart.access.models import Deadline

    case = journey.melding(coordinator, household, kind="application", domain="P").case
    advance = Deadline.objects.get(case=case, rule__code="participation_advance")
    client = client_as(coordinator)
    client.post(reverse("access:deadline_meet", args=[advance.pk]), {"met_by": "advance_granted"})
    advance.refresh_from_db()
    assert advance.met_by == "advance_granted"
    decision_deadline = Deadline.objects.get(case=case, rule__code="participation_decision")
    client.post(reverse("access:deadline_meet", args=[decision_deadline.pk]), {"met_by": "advance_granted"})
    decision_deadline.refresh_from_db()
    assert decision_deadline.is_open


def test_the_decision_letter_without_the_pdf_libraries_is_a_dutch_503_on_the_page_and_in_the_api(
    client_as, planned_case, coordinator, household, monkeypatch
):
    """WeasyPrint needs the system's Pango: where it is missing, the letter says so in Dutch, never a 500."""
    from routekaart.access import letters, services

    def no_pango():
        raise OSError("cannot load library 'libpango-1.0-0'")

    monkeypatch.setattr(letters, "_weasyprint_html", no_pango)
    services.decision_record(
        actor=coordinator, case=planned_case, addressee=household.mother, provisions=[journey.guidance()]
    )
    decision = Decision.objects.get()
    client = client_as(coordinator)
    page = client.get(reverse("access:decision_letter", args=[decision.pk]))
    api = client.get(f"/api/v1/decisions/{decision.pk}/letter/")
    assert page.status_code == 503
    assert "De brief kan nu niet als PDF worden gemaakt" in page.text
    assert "libpango" not in page.text
    assert api.status_code == 503
    assert "De brief kan nu niet als PDF worden gemaakt" in api.json()["detail"]
