"""`setup_demo` leaves every demo account a day's real work, and a second run changes nothing.

Issue 18: after `make demo` the coordinator's worklist was empty, so a newcomer had nothing to click through. The
test runs the command itself with every generator of settings.ROUTEKAART_DEMO_GENERATORS, only with a smaller town
(the residents generator at TOWN residents instead of 9,000), and asks each account's own work selector.
"""

import io
import json
import os
from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string
from oidc_provider_mock import User as OidcUser
from oidc_provider_mock import run_server_in_thread

from routekaart.access import selectors as access_selectors
from routekaart.access.models import AgreementParty, AgreementStatus, PlanStatus
from routekaart.audit import selectors as audit_selectors
from routekaart.audit import services as audit_services
from routekaart.audit.models import Event, ProcessingLogEntry, Result
from routekaart.income import selectors as income_selectors
from routekaart.organisations.demo import DEMO_ACCOUNTS
from routekaart.organisations.models import User
from routekaart.participation import selectors as participation_selectors
from routekaart.participation.models import Assignment, AssignmentStatus
from routekaart.portal.tests.oidc import oidc_login, settings_for
from routekaart.providers.models import Assignment as Toewijzing
from routekaart.providers.models import Complaint, ProgressReport
from routekaart.residents.generator import municipality_generate
from routekaart.residents.life_phase import age_on
from routekaart.residents.models import Relation, RelationKind
from routekaart.residents.represented import Ground, persons_represented
from routekaart.residents.selectors import consents_of, household_coordinator, household_id_of, my_households
from routekaart.routes import selectors as routes_selectors
from routekaart.routes.models import Trajectory
from routekaart.testing import FINGERPRINT_IGNORES, database_fingerprint
from routekaart.work.models import Placement, PlacementState
from routekaart.work.selectors import placements as work_placements

pytestmark = pytest.mark.django_db

TOWN = 2_000  # two chunks: the regisseur's, the job coach's and the schools' caseloads are all in it


def small_town(*, stdout) -> None:
    municipality_generate(residents=TOWN, progress=False, stdout=stdout)


@pytest.fixture
def demo(settings):
    settings.ROUTEKAART_DEMO = True
    settings.DEMO_ACCOUNTS_SKIP_SECOND_FACTOR = True
    settings.ROUTEKAART_DEMO_GENERATORS = [
        f"{__name__}.small_town" if dotted.endswith("demo_municipality_generate") else dotted
        for dotted in django_settings.ROUTEKAART_DEMO_GENERATORS
    ]
    for dotted in django_settings.ROUTEKAART_CONFIGURATION_LOADERS:
        import_string(dotted)()
    out = io.StringIO()
    call_command("setup_demo", stdout=out)
    return out.getvalue()


def user(username: str) -> User:
    return User.objects.get(username=username)


def test_every_demo_account_opens_on_real_work_and_is_printed(demo, client, settings):
    """One set-up for every account (the set-up is the expensive part)."""
    _the_coordinator_opens_on_signals_deadlines_agreements_and_conversations()
    _the_other_staff_accounts_open_on_their_own_work()
    _the_klantbeheer_accounts_open_on_objections_complaints_enforcement_payments_and_claims()
    _the_resident_opens_on_the_portal_login_and_logs_in_with_the_demo_digid(client, settings)
    _the_portal_resident_has_each_part_of_the_portal_to_click_through()
    printed = {line.split()[0] for line in demo.splitlines() if line.startswith("  ")}
    assert {a.username for a in DEMO_ACCOUNTS} <= printed
    assert set(User.objects.filter(is_demo=True).values_list("username", flat=True)) <= printed


def _the_coordinator_opens_on_signals_deadlines_agreements_and_conversations():
    today = timezone.localdate()
    regisseur = user("regisseur")
    worklist = list(access_selectors.worklist(user=regisseur))
    assert {c.status for c in worklist} >= {"registered", "intake", "assessment", "planned"}
    assert access_selectors.worklist(user=regisseur, overdue_only=True).exists()
    home = access_selectors.home_summary(user=regisseur)
    assert home.waiting_signals and any(s.urgent for s in home.waiting_signals)
    assert home.agreements_due
    figures = access_selectors.worklist_figures(worklist, on=today)
    deadlines = [c.next_deadline_on for c in figures if c.next_deadline_on]
    assert any(d < today for d in deadlines), "a statutory deadline past"
    assert any(today <= d <= today + timedelta(days=7) for d in deadlines), "a statutory deadline this week"
    assert any(c.overdue_agreements for c in figures), "an agreement overdue"
    case = next(c for c in worklist if c.status == "planned" and c.decisions.exists())
    assert case.decisions.first().provisions.exists(), "a decision, whose letter the case page offers"
    reviews = income_selectors.worklist_get(user=regisseur)
    assert reviews.due_soon and reviews.overdue, "yearly conversations due and overdue"
    assert participation_selectors.team_overview_get(user=regisseur).due_count, "labour distances due for review"


def _the_other_staff_accounts_open_on_their_own_work():
    jobcoach = user("jobcoach")
    assert my_households(user=jobcoach).exists()
    assert Placement.objects.filter(
        state=PlacementState.COACHING, coaching_by__in=[a.organisation for a in jobcoach.affiliations_held()]
    ).exists(), "a placement the job coach's organisation coaches"

    desk = work_placements.desk_get(user=user("werkgeversadviseur"))
    assert desk.open_vacancies and desk.active_placements
    assert set(Placement.objects.values_list("state", flat=True)) == set(PlacementState.values)

    school = routes_selectors.school_dashboard(user=user("school"))
    assert sum(c.count for c in school.counts) > 0

    provider = user("aanbieder")
    assert my_households(user=provider).exists()
    assert Assignment.objects.filter(
        provider__code="de-linde", status__in=[AssignmentStatus.PROPOSED, AssignmentStatus.GRANTED]
    ).exists(), "new assignments for the demo provider"
    desk = {a.status for a in Toewijzing.objects.filter(provider__code="de-linde")}
    assert {"sent", "started"} <= desk, "care to start and care running on the provider's desk"
    assert ProgressReport.objects.filter(assignment__provider__code="de-linde").exists(), "a progress report"
    assert Complaint.objects.filter(status="acknowledged").exists(), "a complaint for beheer markt to handle"

    assert participation_selectors.distance_distribution().total > 0, "beleid's figures"
    assert income_selectors.non_take_up_report().rows, "non-take-up found"

    assert audit_selectors.break_glass_list().filter(review__isnull=True).exists(), "a use for the privacy officer"


def _the_klantbeheer_accounts_open_on_objections_complaints_enforcement_payments_and_claims():
    """Issue 21: `jurist` (legal) opens on objections with running terms and conduct complaints; `handhaving`
    (client_admin) on signals, an investigation, a run to approve and claims; `administratie`, the second pair of
    eyes, on the run `handhaving` prepared, waiting for her approval. Their home's figures, each above zero."""
    from routekaart.income.selectors_payments import payment_home_counts
    from routekaart.income.selectors_recovery import recovery_home_counts
    from routekaart.legal.selectors_enforcement import enforcement_home_counts
    from routekaart.legal.selectors_home import legal_home_counts
    from routekaart.organisations.roles import Role
    from routekaart.web.home_figures import home_sections

    jurist = legal_home_counts(user("jurist"))
    assert jurist["objections_open"] and jurist["complaints_open"], jurist

    handhaving = user("handhaving")
    enforcement = enforcement_home_counts(handhaving)
    assert enforcement["signals_new"] and enforcement["investigations_open"], enforcement
    assert recovery_home_counts(handhaving)["claims_open"], "a claim to collect"
    assert payment_home_counts(user("administratie"))["runs_awaiting_approval"], "a run for the second pair of eyes"

    for username, role in (
        ("jurist", Role.LEGAL),
        ("handhaving", Role.CLIENT_ADMIN),
        ("administratie", Role.CLIENT_ADMIN),
    ):
        figures = [f for s in home_sections(user=user(username), role=role) for f in s.figures]
        assert figures and any(f.value for f in figures), f"{username}'s home shows no work"


def _the_resident_opens_on_the_portal_login_and_logs_in_with_the_demo_digid(client, settings):
    """`inwoner` is a resident, not staff: her home is Mijn Routekaart, whose login is DigiD. `make demo` starts the
    local OIDC provider with the users `portal_demo_users` prints: she gets in at Midden, and is refused at Basis."""
    client.force_login(user("inwoner"))
    assert client.get(reverse("home"))["Location"] == reverse("portal:home")
    assert client.get(reverse("portal:home"))["Location"] == reverse("portal:login")
    client.logout()

    out = io.StringIO()
    call_command("portal_demo_users", stdout=out)
    arguments = out.getvalue().split()
    claims = [json.loads(a.removeprefix("--user-claims=")) for a in arguments]
    assert [c["sub"] for c in claims] == ["inwoner-midden", "inwoner-basis"]
    users = [OidcUser(sub=c.pop("sub"), claims=c) for c in claims]
    os.environ.setdefault("AUTHLIB_INSECURE_TRANSPORT", "1")
    with run_server_in_thread(user_claims=users) as server:
        base_url = f"http://localhost:{server.server_port}"
        for name, value in settings_for(base_url).items():
            setattr(settings, name, value)
        refused = oidc_login(client, base_url, "inwoner-basis")
        assert refused["Location"] == reverse("portal:refused") + "?reden=niveau"
        assert oidc_login(client, base_url, "inwoner-midden")["Location"] == reverse("portal:home")
    assert client.get(reverse("portal:home")).wsgi_request.portal.me.user == user("inwoner")


def test_a_second_setup_changes_nothing_but_records_that_it_ran(demo):
    """Only the generators' records of their own run are added (the log of what ran, not demo data)."""
    ignore = FINGERPRINT_IGNORES | {Event._meta.db_table}
    before = database_fingerprint(ignore)
    events = Event.objects.count()
    call_command("setup_demo", stdout=io.StringIO())
    assert database_fingerprint(ignore) == before
    ran = set(Event.objects.order_by("pk")[events:].values_list("action", flat=True))
    assert all(a.endswith(".generated") or a == "annual_reviews.planned" for a in ran), ran  # the runs themselves


def _the_portal_resident_has_each_part_of_the_portal_to_click_through():
    """Issue 19: the `inwoner` account's household is a full example of what Mijn Routekaart shows."""
    today = timezone.localdate()
    kim = user("inwoner").resident
    household_id = household_id_of(resident_id=kim.pk, on=today)
    assert household_coordinator(household_id=household_id, on=today).user.username == "regisseur"

    case = access_selectors.open_case_of(household_id=household_id)
    plan = case.plans.get(status=PlanStatus.ACTIVE)
    assert plan.goals.exists()
    own = list(plan.agreements.filter(party=AgreementParty.RESIDENT, status=AgreementStatus.OPEN))
    assert any(a.due_on < today for a in own), "an agreement of her own overdue"
    assert any(a.due_on > today for a in own), "an agreement of her own due later"
    assert plan.agreements.filter(party=AgreementParty.MUNICIPALITY).exists()
    assert any(d.provisions.exists() for d in case.decisions.all()), "a decision with provisions: a letter"

    benefit = income_selectors.benefit_for_household(household_id=household_id, on=today)
    assert benefit.client_id == kim.pk and benefit.income_reports.exists()
    assert income_selectors.regulations_not_used(household_id=household_id, on=today), "Regelingen die u misschien mist"

    assert any(c.withdrawn_at is None and c.valid_from <= today for c in consents_of(resident_id=kim.pk))

    children = [
        r.related for r in Relation.objects.filter(resident=kim, kind=RelationKind.PARENT).select_related("related")
    ]
    home = [c for c in children if household_id_of(resident_id=c.pk, on=today) == household_id]
    ages = [age_on(c.birth_date, today) for c in home]
    assert any(a < 16 for a in ages) and any(a >= 16 for a in ages), ages
    assert [r.ground for r in persons_represented(resident=kim, on=today)].count(Ground.PARENT) >= 1

    trajectory = Trajectory.objects.get(resident=kim)
    assert trajectory.progress.exists(), "a route with steps"

    pseudonym = audit_services.pseudonym(kim.bsn)
    entries = ProcessingLogEntry.objects.filter(data_subjects__pseudonym=pseudonym, actor__isnull=False).exclude(
        actor=user("inwoner")
    )
    assert entries.filter(actor=user("regisseur"), result=Result.OK).exists()
    glass = entries.get(result=Result.BREAK_GLASS, operation="read", activity="household-file")
    assert glass.actor.username == "consulent" and "ontruiming" in glass.reason
