"""Applying for a regulation in the portal: pre-filled with last year's figures (or the ones the resident corrects,
confirmed first in the same transaction), one event each; a second application is refused in Dutch and nothing
changes; a regulation the check does not find is still open to apply for, with what the check found."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from ...audit.models import Event
from ...income import selectors as income_selectors
from ...income.models import HouseholdSituation, RegulationUse, Reminder
from ...income.tests.factories import HouseholdSituationFactory, RegulationUseFactory
from ...residents.tests.factories import MembershipFactory, ResidentFactory
from ...testing import database_fingerprint
from .helpers import page_queries_as, portal_login
from .income_builders import income_today  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("income_today")]  # Monday 2 March 2026, norms loaded

TODAY = date(2026, 3, 2)
DUPLICATE = "Dit huishouden heeft deze regeling al aangevraagd of ontvangt haar al."


def household(*, income: str = "1000.00", year: int = 2025, **situation):
    """A single adult's household with last year's situation (income below every regulation's income limit)."""
    membership = MembershipFactory(resident=ResidentFactory())
    HouseholdSituationFactory(
        household=membership.household,
        year=year,
        monthly_income=Decimal(income),
        assets=Decimal("500.00"),
        **situation,
    )
    return membership


def apply_url(code: str) -> str:
    return reverse("portal:regulation_apply", args=[code])


def test_the_application_shows_last_years_figures_and_asks_if_they_still_hold(client):
    membership = household()
    portal_login(client, membership.resident)
    response = client.get(apply_url("energy_allowance"))
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        "We gaan uit van de gegevens die u in 2025 gaf: inkomen € 1.000,00 per maand, vermogen € 500,00. "
        "Klopt dit nog?" in html
    )
    assert 'data-check="entitled"' in html


def test_an_application_lands_pre_filled_with_an_event_and_a_confirmation(client):
    membership = household()
    user = portal_login(client, membership.resident)
    response = client.post(apply_url("energy_allowance"), {"still_right": "yes"})
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:regulation_applied", args=["energy_allowance"])
    use = RegulationUse.objects.get(household=membership.household)
    assert use.regulation.code == "energy_allowance"
    assert use.status == "applied" and use.applied_on == TODAY and use.started_by == user
    assert use.prefilled["year"] == 2025 and use.prefilled["monthly_income"] == "1000.00"
    event = Event.objects.get(action="regulation.application_started")
    assert event.household_id == membership.household_id and event.actor == user
    assert not Event.objects.filter(action="household_situation.confirmed").exists()
    page = client.get(response["Location"]).content.decode()
    assert "Uw aanvraag is verstuurd" in page and "Wat gebeurt er nu?" in page
    assert "We gebruiken deze gegevens: inkomen € 1.000,00 per maand, vermogen € 500,00." in page
    listed = client.get(reverse("portal:regulations")).content.decode()
    assert 'data-application="energy_allowance" data-status="applied"' in listed


def test_corrected_figures_are_confirmed_first_and_the_application_uses_them(client):
    membership = household()
    user = portal_login(client, membership.resident)
    response = client.post(
        apply_url("energy_allowance"), {"still_right": "no", "monthly_income": "1100,50", "assets": "2000"}
    )
    assert response.status_code == 302
    situation = HouseholdSituation.objects.get(household=membership.household, year=2026)
    assert situation.monthly_income == Decimal("1100.50") and situation.assets == Decimal("2000")
    assert situation.confirmed_by == user and situation.prefilled_from.year == 2025
    use = RegulationUse.objects.get(household=membership.household)
    assert use.prefilled["year"] == 2026 and use.prefilled["monthly_income"] == "1100.50"
    actions = ["household_situation.confirmed", "regulation.application_started"]
    assert list(Event.objects.filter(action__in=actions).order_by("pk").values_list("action", flat=True)) == [
        "household_situation.confirmed",
        "regulation.application_started",
    ]


def test_correcting_without_the_amounts_is_refused_in_dutch_and_nothing_changes(client):
    membership = household()
    portal_login(client, membership.resident)
    before = database_fingerprint()
    response = client.post(apply_url("energy_allowance"), {"still_right": "no", "monthly_income": "", "assets": ""})
    assert response.status_code == 400
    assert "Er is niets gewijzigd." in response.content.decode()
    assert database_fingerprint() == before


def test_a_second_application_is_refused_in_dutch_and_nothing_changes(client):
    membership = household()
    regulation = income_selectors.regulation_in_force(code="energy_allowance", on=TODAY)
    RegulationUseFactory(household=membership.household, regulation=regulation, status="applied")
    portal_login(client, membership.resident)
    assert "data-already" in client.get(apply_url("energy_allowance")).content.decode()
    before = database_fingerprint()
    response = client.post(
        apply_url("energy_allowance"), {"still_right": "no", "monthly_income": "900", "assets": "100"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert DUPLICATE in html
    assert database_fingerprint() == before


def test_a_regulation_the_check_does_not_find_may_still_be_applied_for(client):
    membership = household()  # nobody chronically ill: no CER
    portal_login(client, membership.resident)
    html = client.get(apply_url("cer_allowance")).content.decode()
    assert 'data-check="not-entitled"' in html
    assert "Nodig: Iemand in het huishouden is chronisch ziek of gehandicapt. Bij u: nee." in html
    assert "U mag de regeling toch aanvragen." in html
    assert client.post(apply_url("cer_allowance"), {"still_right": "yes"}).status_code == 302
    assert RegulationUse.objects.get(household=membership.household).regulation.code == "cer_allowance"


def test_without_figures_on_record_the_resident_gives_them_to_apply(client):
    membership = MembershipFactory(resident=ResidentFactory())
    portal_login(client, membership.resident)
    assert "data-no-situation" in client.get(apply_url("study_allowance")).content.decode()
    response = client.post(apply_url("study_allowance"), {"monthly_income": "800", "assets": "0"})
    assert response.status_code == 302
    use = RegulationUse.objects.get(household=membership.household)
    assert use.prefilled["monthly_income"] == "800.00"


def test_an_unknown_regulation_or_none_in_force_is_not_found(client):
    membership = household()
    portal_login(client, membership.resident)
    assert client.get(apply_url("no_such_regulation")).status_code == 404
    assert client.get(reverse("portal:regulation_applied", args=["energy_allowance"])).status_code == 404


def test_an_application_acts_on_the_residents_own_household_only(client):
    mine = household()
    other = household()
    portal_login(client, mine.resident)
    client.post(apply_url("energy_allowance"), {"still_right": "yes"})
    assert RegulationUse.objects.filter(household=mine.household).count() == 1
    assert not RegulationUse.objects.filter(household=other.household).exists()


def test_a_residents_application_without_a_coordinator_leaves_the_follow_up_to_the_coordinator_not_the_resident(
    client,
):
    membership = household()
    portal_login(client, membership.resident)
    client.post(apply_url("energy_allowance"), {"still_right": "yes"})
    reminder = Reminder.objects.get(household=membership.household, kind="regulation_application")
    assert reminder.recipient is None
    assert reminder.audience == "coordinator"


def test_the_application_page_runs_the_same_queries_for_a_short_and_a_long_history(client):
    small = household()
    large = household(chronic_illness=True)
    for year in range(2015, 2026):
        for regulation in income_selectors.regulations_in_force(TODAY):
            RegulationUseFactory(
                household=large.household, regulation=regulation, status="refused", applied_on=date(year, 3, 1)
            )
    counts = page_queries_as(client, apply_url("energy_allowance"), [small.resident, large.resident])
    assert counts[0] == counts[1], counts


def test_the_coordinator_reads_the_residents_application_on_the_household_timeline(client):
    from ...income.tests.factories import SocialAssistanceFactory
    from ...residents.access import household_access
    from ...residents.selectors import household_coordinator
    from ...residents.timeline import timeline_page

    benefit = SocialAssistanceFactory()
    HouseholdSituationFactory(household=benefit.household, year=2025, monthly_income=Decimal("1000.00"))
    portal_login(client, benefit.client)
    assert client.post(apply_url("energy_allowance"), {"still_right": "yes"}).status_code == 302
    coordinator = household_coordinator(household_id=benefit.household_id).user
    _page, entries = timeline_page(access=household_access(user=coordinator, household_id=benefit.household_id))
    sentences = [e.sentence for e in entries if e.event.action == "regulation.application_started"]
    assert len(sentences) == 1 and sentences[0].startswith("Aanvraag voor Energietoeslag gestart"), sentences
    reminder = Reminder.objects.get(household=benefit.household, kind="regulation_application")
    assert reminder.recipient is None  # the household coordinator's, whoever that is
