"""Besluiten en brieven: a resident sees the decisions addressed to them and to their children under 16, never a
partner's, a child of 16's or another household's; each with its letter, its objection term and reads logged."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from freezegun import freeze_time

from ...access import services
from ...access.letters import LetterUnavailable, pango_missing
from ...access.models import Decision
from ...access.tests import journey
from ...audit.models import ProcessingLogEntry
from ...audit.services import pseudonym
from ...organisations.roles import Domain
from .helpers import family_household, page_queries, portal_login

pytestmark = pytest.mark.django_db


def family(name: str = "Hendriks") -> object:
    """A mother (41), her partner, her son of 12 and her daughter of 17, in one household."""
    return family_household(name, daughter=True)


def provision(**overrides) -> services.ProvisionSpec:
    return journey.guidance(**overrides)


def decide(coordinator, case, addressee, *, law: str = Domain.SUPPORT, provisions: int = 1) -> Decision:
    specs = [provision(law=law, volume=Decimal(2 + n)) for n in range(provisions)]
    return services.decision_record(actor=coordinator, case=case, addressee=addressee, provisions=specs).decision


@pytest.fixture
def home(rules, coordinator):
    """The Hendriks family with an active plan, and a decision for each of them."""
    household = family()
    case = journey.to_active_plan(coordinator, household)
    household.case = case
    household.own = decide(coordinator, case, household.mother)
    household.sons = decide(coordinator, case, household.son, law=Domain.YOUTH)
    household.partners = decide(coordinator, case, household.partner)
    household.daughters = decide(coordinator, case, household.daughter, law=Domain.YOUTH)
    return household


@pytest.fixture
def other(rules, coordinator):
    """Another household with a decision for its own mother."""
    household = family("Jansen")
    case = journey.to_active_plan(coordinator, household)
    household.own = decide(coordinator, case, household.mother)
    return household


def shown(response) -> set[int]:
    return {d.pk for d in Decision.objects.all() if f'data-decision="{d.pk}"' in response.content.decode()}


def test_the_list_shows_my_decisions_and_my_young_sons_never_a_partners_a_daughter_of_17s_or_another_households(
    client, home, other
):
    portal_login(client, home.mother)
    response = client.get(reverse("portal:decisions"))
    assert response.status_code == 200
    assert shown(response) == {home.own.pk, home.sons.pk}
    page = response.content.decode()
    assert home.own.reference in page and home.sons.reference in page
    assert home.partners.reference not in page and home.daughters.reference not in page
    assert other.own.reference not in page


def test_the_list_says_the_law_and_what_was_granted_in_plain_words(client, home):
    portal_login(client, home.mother)
    page = client.get(reverse("portal:decisions")).content.decode()
    assert "Wmo (hulp om zelfstandig te wonen en mee te doen)" in page
    assert "Jeugdwet (hulp voor kinderen, jongeren en ouders)" in page
    assert "Dit krijgt u" in page
    assert "2 dagdelen per week, van" in page
    assert "Voor</dt><dd>Sem Hendriks" in page  # the son's decision says whom it is for


def test_the_son_of_12_seen_by_his_mother_shows_only_his_own_decisions(client, home):
    portal_login(client, home.mother)
    session = client.session
    session["portal_viewing"] = home.son.pk
    session.save()
    assert shown(client.get(reverse("portal:decisions"))) == {home.sons.pk}


def test_the_partner_sees_their_own_decision_not_the_mothers(client, home):
    portal_login(client, home.partner)
    assert shown(client.get(reverse("portal:decisions"))) == {home.partners.pk}


def test_a_resident_without_decisions_reads_that_there_are_none(client, rules):
    household = family()
    portal_login(client, household.mother)
    response = client.get(reverse("portal:decisions"))
    assert response.status_code == 200
    assert "Er zijn nog geen besluiten over uw hulp." in response.content.decode()


def test_the_list_is_a_logged_read_of_the_household_file_with_channel_portal(client, home):
    portal_login(client, home.mother)
    client.get(reverse("portal:decisions"))
    entry = ProcessingLogEntry.objects.filter(channel="portal").prefetch_related("data_subjects").get()
    assert entry.activity_id == "household-file"
    assert set(entry.pseudonyms) == {pseudonym(home.mother.bsn), pseudonym(home.son.bsn)}


@pytest.mark.skipif(bool(pango_missing()), reason="Pango ontbreekt op deze machine, dus WeasyPrint maakt geen PDF")
def test_my_letter_is_the_pdf_and_its_read_is_logged_under_the_decisions_law(client, home):
    portal_login(client, home.mother)
    response = client.get(reverse("portal:decision_letter", args=[home.own.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    entry = ProcessingLogEntry.objects.filter(channel="portal").get()
    assert entry.activity_id == "social-support"


def test_when_the_letter_cannot_be_made_the_page_says_so_in_dutch(client, home, monkeypatch):
    def unavailable(decision):
        raise LetterUnavailable("cannot load library 'libpango-1.0-0'")

    monkeypatch.setattr("routekaart.portal.decision_views.decision_letter_pdf", unavailable)
    portal_login(client, home.mother)
    response = client.get(reverse("portal:decision_letter", args=[home.own.pk]))
    assert response.status_code == 503
    page = response.content.decode()
    assert "Wij kunnen de brief van besluit" in page and home.own.reference in page
    assert "libpango" not in page


@pytest.mark.parametrize("whose", ["partners", "daughters", "other"])
def test_a_letter_outside_my_scope_is_not_found(client, home, other, whose):
    portal_login(client, home.mother)
    decision = other.own if whose == "other" else getattr(home, whose)
    assert client.get(reverse("portal:decision_letter", args=[decision.pk])).status_code == 404
    assert client.get(reverse("portal:objection", args=[decision.pk])).status_code == 404
    assert not ProcessingLogEntry.objects.filter(channel="portal").exists()


@pytest.mark.parametrize(
    ("today", "sentence"),
    [
        ("2026-07-12", "U kunt tot en met 13 juli 2026 bezwaar maken (nog 1 dag)."),
        ("2026-07-13", "U kunt tot en met vandaag, 13 juli 2026, bezwaar maken. Vandaag is de laatste dag."),
        ("2026-07-14", "De bezwaartermijn is voorbij."),
        ("2026-07-03", "U kunt tot en met 13 juli 2026 bezwaar maken (nog 10 dagen)."),
    ],
)
def test_the_objection_term_counted_by_hand_around_its_last_day(client, home, today, sentence):
    Decision.objects.filter(pk=home.own.pk).update(decided_on=datetime.date(2026, 6, 1))  # a Monday
    with freeze_time(today):
        portal_login(client, home.mother)
        page = client.get(reverse("portal:decisions")).content.decode()
    card = page[page.index(f'data-decision="{home.own.pk}"') :]
    assert sentence in card[: card.index("</article>")]


def test_a_term_that_would_end_on_a_saturday_ends_on_the_monday_after(client, home):
    Decision.objects.filter(pk=home.own.pk).update(decided_on=datetime.date(2026, 6, 6))  # sent on a Saturday
    with freeze_time("2026-07-17"):  # a Friday; six weeks end on Saturday 18 July
        portal_login(client, home.mother)
        page = client.get(reverse("portal:decisions")).content.decode()
    assert "U kunt tot en met 20 juli 2026 bezwaar maken (nog 3 dagen)." in page


def test_the_page_runs_the_same_queries_for_one_decision_and_for_many_with_many_provisions(client, rules, coordinator):
    counts = []
    for size in (1, 6):
        household = family(f"Maat{size}")
        case = journey.to_active_plan(coordinator, household)
        for _n in range(size):
            decide(coordinator, case, household.mother, provisions=size)
            decide(coordinator, case, household.son, law=Domain.YOUTH, provisions=size)
        portal_login(client, household.mother)
        counts.append(page_queries(client, reverse("portal:decisions")))
    assert counts[0] == counts[1], counts


def test_a_daughter_of_17_who_authorised_her_mother_for_youth_care_shows_her_youth_decisions_only(
    client, home, coordinator
):
    from ...residents.models import Authorisation

    support = decide(coordinator, home.case, home.daughter)
    Authorisation.objects.create(
        principal=home.daughter, agent=home.mother, domains="J", valid_from=datetime.date(2020, 1, 1)
    )
    portal_login(client, home.mother)
    assert shown(client.get(reverse("portal:decisions"))) == {home.own.pk, home.sons.pk}  # her own page
    session = client.session
    session["portal_viewing"] = home.daughter.pk
    session.save()
    assert shown(client.get(reverse("portal:decisions"))) == {home.daughters.pk}
    assert client.get(reverse("portal:decision_letter", args=[support.pk])).status_code == 404
    assert client.get(reverse("portal:objection", args=[support.pk])).status_code == 404
