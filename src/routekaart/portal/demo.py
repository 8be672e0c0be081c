"""Mijn Routekaart's demo resident: the `inwoner` account's household as a full example of what the portal shows.

For `setup_demo` (settings.ROUTEKAART_DEMO_GENERATORS), last: the residents generator has made her (Kim de Vries,
a benefit client of the `regisseur`), the income generator her benefit, the access generator the regisseur's
other households. Why: without it the portal's pages are empty after `make demo` and nobody can click through the
journey of issue 19. Everything goes through the owning apps' services, with the regisseur (or, for what a
resident does herself, her own account) as the actor, so every step has its event and processing-log entry as in
real use: a case with an active plan (two agreements of her own, one overdue, one later, and one of the
municipality), a decision with provisions (so a letter exists), income reports beside the benefit, this year's
situation under the limit of a regulation she does not use, an active consent, a child under 16 and a child of
16 or older, a route (the life course) with steps, and reads by staff, one by break-the-glass with its reason.

Deterministic (fixed texts and dates relative to today; children it has to add get the test band's spare BSNs,
which the generator never hands out) and idempotent: once her household has a case, nothing is added.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ..access import demo as access_demo
from ..access import selectors as access_selectors
from ..access import services as access_services
from ..income import selectors as income_selectors
from ..income import services as income_services
from ..organisations import selectors as organisation_selectors
from ..residents import selectors as residents_selectors
from ..residents import services as residents_services
from ..residents.access import household_access_check
from ..residents.generator.bsn import TEST_BAND_FIRST, TEST_STEMS, bsn_passes_eleven_check
from ..residents.generator.caseloads import PORTAL_ACCOUNT
from ..residents.life_phase import age_on
from ..residents.privacy_services import break_glass_start, consent_record
from ..routes import selectors as routes_selectors
from ..routes import services as routes_services

COORDINATOR = "regisseur"
BREAK_GLASS_USER = "consulent"  # the Dienst's klantmanager (routes/demo.py), not involved with her household
CONSENT_ORGANISATION = "wijkteam-zuid"  # no demo login, so the role accounts' households stay their involvements
ROUTE_ORGANISATION = "wijkteam-noord"  # the regisseur's team fills the life course's "Regisseur"
PARENTAL_AGE = 16
# The children she gets when the generated household has none of that age: (given name, age in years, days).
CHILDREN = (("Noor", 9, 120), ("Daan", 17, 45))
BREAK_GLASS_REASON = (
    "Mevrouw belt in paniek naar de Dienst: de huur is niet betaald en er ligt een brief over ontruiming. "
    "De regisseur is vandaag niet bereikbaar."
)


def _spare_test_bsns() -> Iterator[str]:
    """BSNs of RvIG's test band the generator never hands out: a stem's tenth valid ending (it takes nine)."""
    for stem in reversed(TEST_STEMS):
        valid = [
            number
            for number in (f"{stem:07d}{eighth}{ninth}" for eighth in range(10) for ninth in range(10))
            if bsn_passes_eleven_check(number)
        ]
        if len(valid) == 10 and int(valid[9]) >= TEST_BAND_FIRST:
            yield valid[9]


def _children_ensure(resident, household, today: date) -> None:
    """A child under 16 and one of 16 or older in her household, each with Relation PARENT from her."""
    members = residents_selectors.household_composition_on(household_id=household.pk, on=today)
    # The generator relates a head to every child it gives her (population.single_parent).
    ages = [age_on(m.resident.birth_date, today) for m in members if m.role == "child"]
    wanted = [c for c in CHILDREN if not any((a < PARENTAL_AGE) == (c[1] < PARENTAL_AGE) for a in ages)]
    spare = _spare_test_bsns()
    since = min((m.valid_from for m in members if m.resident.pk == resident.pk), default=today)
    for given, years, days in wanted:
        birth = date(today.year - years, today.month, min(today.day, 28)) - timedelta(days=days)
        bsn = next(b for b in spare if residents_selectors.resident_by_bsn(b) is None)
        child = residents_services.resident_register(
            actor=None,
            bsn=bsn,
            given_names=given,
            name_prefix=resident.name_prefix,
            family_name=resident.family_name,
            birth_date=birth,
            gender="female" if given == "Noor" else "male",
            address=resident.address,
        )
        residents_services.membership_start(
            actor=None, household=household, resident=child, valid_from=max(birth, since), role="child"
        )
        residents_services.relation_add(actor=None, resident=resident, related=child, kind="parent", valid_from=birth)


def _case_walk(actor, household, resident, today: date):
    """Signal, intake and gatekeeping (the access demo's texts), then her plan and a decision with its letter."""
    walk = access_demo._Walk(actor, today)
    case = walk.signal(household, "P", walk.days(-80), application=False).case
    walk.intake(case, walk.days(-72))
    walk.gatekeeping(case, walk.days(-70))
    plan = access_services.plan_draft(
        actor=actor,
        case=case,
        goals=[
            access_services.GoalSpec("finances", "Rekeningen op tijd betaald, geen nieuwe schulden"),
            access_services.GoalSpec("daily_living", "Rust in huis, ook voor de kinderen"),
        ],
        agreements=[
            access_services.AgreementSpec(
                "Alle brieven van de Belastingdienst meenemen naar de budgetcoach",
                "resident",
                walk.days(-6),
                life_domain="finances",
            ),
            access_services.AgreementSpec(
                "Me inschrijven voor de cursus Omgaan met geld",
                "resident",
                walk.days(21),
                life_domain="finances",
            ),
            access_services.AgreementSpec(
                "De gemeente vraagt de kwijtschelding van de gemeentelijke belastingen voor u aan",
                "municipality",
                walk.days(14),
                life_domain="finances",
            ),
        ],
    )
    access_services.plan_activate(
        actor=actor, plan=plan, resident_agreement="agreed", activated_on=walk.days(-62), next_review_on=walk.days(120)
    )
    walk.decision(case, walk.days(-58))
    return case


def _income(actor, resident_user, household, today: date) -> None:
    """Two months of earnings she reported herself, and this year's situation: under a regulation's limit."""
    benefit = income_selectors.benefit_for_household(household_id=household.pk, on=today)
    if benefit is None:
        return
    first = today.replace(day=1)
    for back, earned in ((2, Decimal("412.50")), (1, Decimal("388.00"))):
        month = first
        for _ in range(back):
            month = (month - timedelta(days=1)).replace(day=1)
        if month < benefit.started_on.replace(day=1):
            continue
        income_services.income_report_submit(
            actor=resident_user,
            benefit=benefit,
            month=month,
            net_earnings=earned,
            hours=Decimal("16"),
            source="client",
            channel="portal",
        )
    income_services.household_situation_confirm(
        actor=actor,
        household=household,
        year=today.year,
        on=today,
        monthly_income=Decimal("1290.00"),
        assets=Decimal("0"),
    )


def _route(actor, resident, today: date) -> None:
    """Her life course (the Regisseur's route), started by the regisseur's team."""
    route = routes_selectors.route_list(kind="life_course").first()
    team = organisation_selectors.organisation_list().filter(code=ROUTE_ORGANISATION).first()
    if route is None or team is None:
        return
    try:
        routes_services.trajectory_start(
            actor=actor, resident=resident, route=route, organisations={"coordinator": team}, started_on=today
        )
    except ValidationError:
        return  # a route map without the life course's Regisseur: the portal's route page then says she has none


def _reads(actor, household, today: date) -> None:
    """Staff read her file: the regisseur by involvement, the consulent by break-the-glass with a reason."""
    members = [m.resident for m in residents_selectors.household_composition_on(household_id=household.pk, on=today)]
    access = household_access_check(user=actor, household_id=household.pk)
    residents_selectors.processing_log_read(access=access, residents=members)
    consulent = get_user_model().objects.filter(username=BREAK_GLASS_USER).first()
    if consulent is None:
        return
    if break_glass_start(user=consulent, household_id=household.pk, reason=BREAK_GLASS_REASON) is None:
        return
    access = household_access_check(user=consulent, household_id=household.pk)
    residents_selectors.processing_log_read(access=access, residents=members)


@transaction.atomic
def demo_portal_resident_ensure(*, stdout=None) -> dict[str, int]:
    """For `setup_demo`: the `inwoner` account's household as the portal's full example (see the docstring)."""
    today = timezone.localdate()
    users = get_user_model().objects
    resident_user = users.filter(username=PORTAL_ACCOUNT).first()
    actor = users.filter(username=COORDINATOR).first()
    resident = getattr(resident_user, "resident", None) if resident_user is not None else None
    if resident is None or actor is None:
        return {"portal": 0}
    household_id = residents_selectors.household_id_of(resident_id=resident.pk, on=today)
    if household_id is None or access_selectors.open_case_of(household_id=household_id) is not None:
        if stdout is not None:
            stdout.write("Mijn Routekaart: het huishouden van de demo-inwoner is er al.")
        return {"portal": 0}
    household = next(
        m.household
        for m in residents_selectors.household_composition_on(household_id=household_id, on=today)
        if m.resident_id == resident.pk
    )
    _children_ensure(resident, household, today)
    _case_walk(actor, household, resident, today)
    _income(actor, resident_user, household, today)
    organisation = organisation_selectors.organisation_list().filter(code=CONSENT_ORGANISATION).first()
    if organisation is not None:
        consent_record(
            actor=actor,
            household=household,
            resident=resident,
            organisation=organisation,
            domain="W",
            scope="Gegevens over zorg en ondersteuning delen met Wijkteam Zuid, voor de cursus opvoeden",
            valid_from=today - timedelta(days=30),
            valid_to=today + timedelta(days=335),
        )
    _route(actor, resident, today)
    _reads(actor, household, today)
    if stdout is not None:
        stdout.write("Mijn Routekaart: het huishouden van de demo-inwoner (inwoner) is klaar om door te klikken.")
    return {"portal": 1}
