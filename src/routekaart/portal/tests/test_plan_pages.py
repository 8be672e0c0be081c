"""Overzicht and Mijn plan: the resident sees their household's coordinator, next appointment, plan and own
agreements; ticks off their own open agreement and asks a question about it; never anything of another household
(its agreement ids answer 404); each page runs the same queries for a short and a long history."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from ...access import services
from ...access.models import Agreement, AgreementParty, AgreementStatus, ResidentMessage
from ...access.tests import journey
from ...audit.models import Event, ProcessingLogEntry
from ...audit.services import pseudonym
from ...testing import database_fingerprint
from .helpers import family_household, page_queries, portal_login

pytestmark = pytest.mark.django_db


def family(name: str) -> object:
    """A mother, her partner and her son of 12 in one household."""
    return family_household(name)


def _agreement(household, party=AgreementParty.RESIDENT) -> Agreement:
    return Agreement.objects.get(plan__household=household, plan__status="active", party=party)


@pytest.fixture
def home(rules, coordinator):
    """The Hendriks family with an active plan (an own, a network and a provider agreement)."""
    household = family("Hendriks")
    household.case = journey.to_active_plan(coordinator, household)
    return household


@pytest.fixture
def other(rules, coordinator):
    """A second household with a plan of its own; its own agreement has words of its own."""
    household = family("Jansen")
    household.case = journey.to_active_plan(coordinator, household)
    mine = _agreement(household)
    Agreement.objects.filter(pk=mine.pk).update(description="Karel belt de schuldhulp")
    return household


def test_the_overview_shows_my_coordinator_next_appointment_and_my_open_agreements(client, home, other):
    portal_login(client, home.mother)
    page = client.get(reverse("portal:home")).text
    plan = home.case.plans.get(status="active")
    assert "Rana Regisseur" in page and "rana@weidebeek.nl" in page
    assert "Evaluatie van uw plan" in page
    assert "In uw plan staan 2 doelen." in page
    assert "Noor zoekt een vrijwilligersplek" in page
    assert "Karel belt de schuldhulp" not in page and "Zus Anna past op" not in page
    assert str(plan.next_review_on.year) in page.split("data-appointment")[1].split("</section>")[0]
    entry = ProcessingLogEntry.objects.filter(activity="household-file", channel="portal").latest("pk")
    assert list(entry.pseudonyms) == [pseudonym(home.mother.bsn)]


def test_an_overdue_own_agreement_is_marked(client, home):
    Agreement.objects.filter(pk=_agreement(home).pk).update(due_on=timezone.localdate() - datetime.timedelta(days=3))
    portal_login(client, home.mother)
    page = client.get(reverse("portal:home")).text
    assert "data-overdue" in page.split("data-own-open")[1] and "deze datum is voorbij" in page


def test_without_a_coordinator_or_plan_the_overview_says_so(client, rules):
    lonely = family("Bakker")
    portal_login(client, lonely.mother)
    page = client.get(reverse("portal:home")).text
    assert "U heeft nog geen regisseur." in page
    assert "U heeft nog geen plan." in page
    assert "Er staat nu geen afspraak gepland." in page


def test_the_plan_marks_my_agreements_and_offers_done_and_question_only_for_them(client, home, other):
    portal_login(client, home.mother)
    page = client.get(reverse("portal:plan")).text
    own, network = _agreement(home), _agreement(home, AgreementParty.NETWORK)
    assert "Uw afspraak" in page and "Noor redt het huishouden weer zelf" in page
    assert reverse("portal:agreement_done", args=[own.pk]) in page
    assert reverse("portal:agreement_question", args=[own.pk]) in page
    assert reverse("portal:agreement_done", args=[network.pk]) not in page
    assert "Zus Anna past op woensdag op Sem" in page and "Wie doet het: Anna." in page
    assert "Karel belt de schuldhulp" not in page


def test_a_parent_sees_the_plan_of_the_childs_household(client, home):
    portal_login(client, home.mother)
    client.post(reverse("portal:person_switch"), {"person": home.son.pk, "next": reverse("portal:plan")})
    page = client.get(reverse("portal:plan")).text
    assert "Noor zoekt een vrijwilligersplek" in page


def test_marking_my_open_agreement_done_shows_on_the_coordinators_timeline(client, home, coordinator, demo_login):
    own = _agreement(home)
    user = portal_login(client, home.mother)
    response = client.post(reverse("portal:agreement_done", args=[own.pk]), follow=True)
    assert "Uw regisseur ziet dat u deze afspraak heeft gedaan." in response.text
    own.refresh_from_db()
    assert own.status == AgreementStatus.DONE and own.done_on == timezone.localdate()
    event = Event.objects.get(action="agreement.done_by_resident")
    assert event.actor == user and event.household_id == home.pk
    assert "Gedaan op" in client.get(reverse("portal:plan")).text
    staff = client_for(coordinator)
    response = staff.get(reverse("residents:timeline", args=[home.pk]))
    assert response.status_code == 200
    timeline = response.text
    assert "Afspraak “Noor zoekt een vrijwilligersplek” afgevinkt door de inwoner" in timeline


def client_for(user):
    from django.test import Client

    staff = Client()
    user.is_demo = True
    user.save()
    staff.force_login(user)
    return staff


@pytest.mark.parametrize(
    ("which", "said"),
    [
        ("network", "U kunt alleen uw eigen afspraken afvinken. Deze afspraak doet iemand anders."),
        ("done", "Deze afspraak staat al niet meer open. Er is niets veranderd."),
    ],
)
def test_another_partys_or_a_done_agreement_is_refused_in_dutch_and_nothing_changes(
    client, home, coordinator, which, said
):
    if which == "done":
        target = _agreement(home)
        services.agreement_status_set(actor=coordinator, agreement=target, status=AgreementStatus.DONE)
    else:
        target = _agreement(home, AgreementParty.NETWORK)
    portal_login(client, home.mother)
    before = database_fingerprint()
    response = client.post(reverse("portal:agreement_done", args=[target.pk]), follow=True)
    assert said in response.text
    assert database_fingerprint() == before


def test_another_households_agreement_answers_404_everywhere_and_nothing_changes(client, home, other):
    theirs = _agreement(other)
    portal_login(client, home.mother)
    before = database_fingerprint()
    assert client.post(reverse("portal:agreement_done", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("portal:agreement_question", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("portal:agreement_question", args=[theirs.pk]), {"text": "Hoi"}).status_code == 404
    assert client.post(reverse("portal:agreement_done", args=[999_999])).status_code == 404
    assert database_fingerprint() == before


def test_a_question_reaches_the_coordinator_and_the_answer_shows_in_the_portal(client, home, coordinator, demo_login):
    own = _agreement(home)
    portal_login(client, home.mother)
    url = reverse("portal:agreement_question", args=[own.pk])
    assert "Noor zoekt een vrijwilligersplek" in client.get(url).text
    response = client.post(url, {"text": "Welke vrijwilligersplekken zijn er in de wijk?"})
    assert response.status_code == 302
    message = ResidentMessage.objects.get()
    assert message.resident == home.mother and message.agreement == own and message.kind == "question"
    staff = client_for(coordinator)
    response = staff.get(reverse("residents:household_detail", args=[home.pk]))
    assert response.status_code == 200
    household_page = response.text
    assert "Welke vrijwilligersplekken zijn er in de wijk?" in household_page
    staff.post(reverse("access:resident_message_answer", args=[message.pk]), {"answer": "Kijk bij Buurtwerk Oost."})
    page = client.get(reverse("portal:plan")).text
    sent = page.split("data-sent")[1]
    assert "Welke vrijwilligersplekken zijn er in de wijk?" in sent and "Kijk bij Buurtwerk Oost." in sent
    assert "Antwoord van Rana Regisseur" in sent


def test_an_empty_question_is_refused_in_dutch_and_nothing_changes(client, home):
    portal_login(client, home.mother)
    before = database_fingerprint()
    response = client.post(reverse("portal:agreement_question", args=[_agreement(home).pk]), {"text": "  "})
    assert response.status_code == 400
    assert "Schrijf uw vraag." in response.text
    assert database_fingerprint() == before


def _counts(client, names, grow):
    counts = {}
    for step in ("small", "large"):
        if step == "large":
            grow()
        for name in names:
            counts.setdefault(name, []).append(page_queries(client, reverse(name)))
    return counts


def test_the_overview_and_the_plan_run_the_same_queries_for_a_short_and_a_long_history(client, home, coordinator):
    portal_login(client, home.mother)
    plan = home.case.plans.get(status="active")

    def grow():
        due = timezone.localdate() + datetime.timedelta(days=20)
        for n in range(12):
            services.agreement_add(
                actor=coordinator,
                plan=plan,
                spec=services.AgreementSpec(f"Afspraak {n}", AgreementParty.RESIDENT, due, life_domain="parenting"),
            )
        for n in range(8):
            message = services.resident_message_send(
                actor=coordinator, household_id=home.pk, resident=home.mother, kind="question", text=f"Vraag {n}"
            )
            if n % 2:
                services.resident_message_answer(actor=coordinator, message=message, answer="Antwoord")

    counts = _counts(client, ["portal:home", "portal:plan"], grow)
    for name, (small, large) in counts.items():
        assert small == large, (name, counts)


def test_someone_authorised_to_look_reads_the_plan_but_cannot_tick_off_or_ask(client, home, other):
    from ...residents.authorisation_services import authorisation_record

    authorisation_record(
        actor=None, principal=home.mother, agent=other.mother, domains="alles", valid_from=timezone.localdate()
    )
    own = _agreement(home)
    portal_login(client, other.mother)
    client.post(reverse("portal:person_switch"), {"person": home.mother.pk, "next": reverse("portal:plan")})
    page = client.get(reverse("portal:plan")).text
    assert "Noor zoekt een vrijwilligersplek" in page
    assert reverse("portal:agreement_done", args=[own.pk]) not in page
    before = database_fingerprint()
    assert client.post(reverse("portal:agreement_done", args=[own.pk])).status_code == 404
    assert client.post(reverse("portal:agreement_question", args=[own.pk]), {"text": "Hoi"}).status_code == 404
    assert database_fingerprint() == before
