"""Regelingen in the portal: the regulations the household may be missing are exactly what income's regulations
check finds for it, explained in its own figures; another household's never show; the page's queries are fixed."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from ...income import selectors as income_selectors
from ...income.tests.factories import HouseholdSituationFactory, RegulationUseFactory
from ...residents.tests.factories import MembershipFactory, RelationFactory, ResidentFactory
from .helpers import page_queries_as, portal_login
from .income_builders import income_today  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("income_today")]  # Monday 2 March 2026, norms loaded

TODAY = date(2026, 3, 2)
URL = reverse("portal:regulations")


def income_at(percent: int) -> Decimal:
    """A single person's monthly income at `percent` of the social minimum (the norm the check compares with)."""
    return (income_selectors.norms_on(TODAY).single * percent / 100).quantize(Decimal("0.01"))


def household(*, percent: int | None = 100, **situation):
    """A single adult's household, with this year's situation at `percent` of the minimum (None: no situation)."""
    membership = MembershipFactory(resident=ResidentFactory())
    if percent is not None:
        HouseholdSituationFactory(household=membership.household, monthly_income=income_at(percent), **situation)
    return membership


def missing_codes(html: str) -> list[str]:
    section = html.split("data-missing", 1)[1].split("data-in-use", 1)[0]
    return re.findall(r'<article[^>]*data-regulation="([^"]+)"', section)


def check_missing(household_id: int) -> list[str]:
    return [
        e.regulation.code
        for e in income_selectors.entitlement_check_household(household_id=household_id, on=TODAY)
        if e.not_taken_up
    ]


@pytest.mark.parametrize(("percent", "entitled"), [(129, True), (130, True), (131, False)])
def test_the_page_lists_what_the_check_finds_around_a_limit(client, percent, entitled):
    """Collectieve zorgverzekering: income at most 130% of the minimum; tested at 129, 130 and 131%."""
    membership = household(percent=percent)
    portal_login(client, membership.resident)
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert missing_codes(html) == check_missing(membership.household_id)
    assert ("collective_health_insurance" in missing_codes(html)) is entitled


def test_a_missing_regulation_is_explained_in_the_households_own_figures(client):
    membership = household(percent=95, special_costs=True)
    portal_login(client, membership.resident)
    html = client.get(URL).content.decode()
    assert missing_codes(html) == check_missing(membership.household_id)
    assert "special_assistance" in missing_codes(html)
    income = f"{income_at(95):,.2f}".replace(",", "#").replace(".", ",").replace("#", ".")
    assert f"Uw inkomen is € {income} per maand. Dat is 95% van het sociaal minimum." in html
    assert "De grens voor deze regeling is 110%. U heeft dus waarschijnlijk recht op Bijzondere bijstand." in html
    assert "Er zijn bijzondere, noodzakelijke kosten" in html


def test_regulations_in_use_and_applications_show_with_their_status_and_not_as_missing(client):
    membership = household(percent=90)
    check = {
        e.regulation.code: e.regulation
        for e in income_selectors.entitlement_check_household(household_id=membership.household_id, on=TODAY)
    }
    RegulationUseFactory(
        household=membership.household, regulation=check["energy_allowance"], valid_from=date(2025, 2, 1)
    )
    RegulationUseFactory(
        household=membership.household,
        regulation=check["local_tax_remission"],
        status="applied",
        applied_on=date(2026, 2, 20),
    )
    RegulationUseFactory(
        household=membership.household,
        regulation=check["special_assistance"],
        status="refused",
        applied_on=date(2025, 5, 1),
    )
    portal_login(client, membership.resident)
    html = client.get(URL).content.decode()
    assert missing_codes(html) == check_missing(membership.household_id)
    assert "energy_allowance" not in missing_codes(html) and "local_tax_remission" not in missing_codes(html)
    assert 'data-application="local_tax_remission" data-status="applied"' in html
    assert "Aangevraagd op 20 februari 2026." in html
    assert 'data-application="special_assistance" data-status="refused"' in html
    assert "Toegekend vanaf 1 februari 2025." in html
    in_use = html.split("data-in-use", 1)[1].split("data-applications", 1)[0]
    assert "Energietoeslag" in in_use and "Kwijtschelding" not in in_use


def test_without_a_situation_the_page_says_what_is_needed(client):
    membership = household(percent=None)
    portal_login(client, membership.resident)
    html = client.get(URL).content.decode()
    assert "data-without-situation" in html
    assert "Wat we nodig hebben:" in html
    assert missing_codes(html) == []


def test_another_households_regulations_and_applications_never_show(client):
    mine = household(percent=125)
    other = household(percent=60, chronic_illness=True, student_with_disability=True)
    regulation = income_selectors.regulation_in_force(code="individual_income_supplement", on=TODAY)
    RegulationUseFactory(household=other.household, regulation=regulation, status="applied")
    portal_login(client, mine.resident)
    html = client.get(URL).content.decode()
    assert missing_codes(html) == check_missing(mine.household_id)
    for code in set(check_missing(other.household_id)) - set(check_missing(mine.household_id)):
        assert code not in missing_codes(html)
    assert "data-application=" not in html
    assert str(income_at(60)).replace(".", ",") not in html


def test_a_parent_sees_no_figures_of_a_childs_household_they_do_not_live_in(client):
    mine = household(percent=125)
    child = ResidentFactory(birth_date=date(2016, 1, 1))
    RelationFactory(resident=mine.resident, related=child, kind="parent")
    elsewhere = household(percent=60)
    MembershipFactory(household=elsewhere.household, resident=child, role="child")
    portal_login(client, mine.resident)
    session = client.session
    session["portal_viewing"] = child.pk
    session.save()
    html = client.get(URL).content.decode()
    assert "data-no-household" in html
    assert "data-missing" not in html
    assert client.get(reverse("portal:regulation_apply", args=["energy_allowance"])).status_code == 404


def test_the_page_reads_are_logged_with_channel_portal(client):
    from ...audit.models import ProcessingLogEntry

    membership = household(percent=90)
    portal_login(client, membership.resident)
    client.get(URL)
    entry = ProcessingLogEntry.objects.filter(activity_id="entitlement-check").latest("pk")
    assert entry.channel == "portal"


def test_the_page_runs_the_same_queries_for_a_short_and_a_long_history(client):
    small = household(percent=90)
    large = household(percent=90, chronic_illness=True, special_costs=True)
    regulations = income_selectors.regulations_in_force(TODAY)
    for year in range(2015, 2026):
        for regulation in regulations:
            RegulationUseFactory(
                household=large.household, regulation=regulation, status="refused", applied_on=date(year, 3, 1)
            )
    for extra in range(3):
        MembershipFactory(
            household=large.household, role="child", resident=ResidentFactory(birth_date=date(2012 + extra, 1, 1))
        )
    counts = page_queries_as(client, URL, [small.resident, large.resident])
    assert counts[0] == counts[1], counts


def test_someone_authorised_for_the_participatiewet_reads_the_regulations_but_cannot_apply(client):
    from ...residents.authorisation_services import authorisation_record
    from ...testing import database_fingerprint

    mine = household(percent=125)
    principal = household(percent=90)
    authorisation_record(actor=None, principal=principal.resident, agent=mine.resident, domains="P", valid_from=TODAY)
    portal_login(client, mine.resident)
    client.post(reverse("portal:person_switch"), {"person": principal.resident.pk, "next": URL})
    html = client.get(URL).content.decode()
    assert missing_codes(html) == check_missing(principal.household_id)
    assert reverse("portal:regulation_apply", args=["energy_allowance"]) not in html
    before = database_fingerprint()
    response = client.post(reverse("portal:regulation_apply", args=["energy_allowance"]), {"still_right": "yes"})
    assert response.status_code == 404
    assert database_fingerprint() == before


def test_someone_authorised_for_another_domain_sees_no_regulations_of_the_principal(client):
    from ...residents.authorisation_services import authorisation_record

    mine = household(percent=125)
    principal = household(percent=90)
    authorisation_record(actor=None, principal=principal.resident, agent=mine.resident, domains="J", valid_from=TODAY)
    portal_login(client, mine.resident)
    client.post(reverse("portal:person_switch"), {"person": principal.resident.pk, "next": URL})
    html = client.get(URL).content.decode()
    assert "data-no-household" in html and "data-missing" not in html
