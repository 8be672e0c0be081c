"""The integrale toegang of the demo municipality: the regisseur's households in every phase of a case.

For `setup_demo` (settings.ROUTEKAART_DEMO_GENERATORS), after the residents generator has given the `regisseur`
of Wijkteam Noord her households. Why: without it her worklist is empty after `make demo` and a newcomer has
nothing to click through. Each scenario takes one of her households and walks it through the real services,
with her as the actor, so every step has its event, processing-log entry, deadlines and stored urgency as in
real use. Dates are relative to today, so the demo is always alive: signals waiting, statutory deadlines this
week and past, agreements due and overdue, a plan review due, decisions with their letters.

Deterministic (her households in the order of their number, the same scenario list) and idempotent: once any
of her households has a case, nothing is added.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from ..audit import selectors as audit_selectors
from ..organisations import selectors as organisation_selectors
from ..providers import selectors as market
from ..residents import selectors as residents_selectors
from ..residents import services as residents_services
from . import selectors, services
from .models import (
    AgreementParty,
    Case,
    GatekeepingOutcome,
    LifeDomain,
    ProvisionOutcome,
    ProvisionUnit,
    ResidentAgreement,
    SignalKind,
)

COORDINATOR = "regisseur"
PROVIDER = "de-linde"
BREAK_GLASS_USER = "consulent"  # the Dienst's klantmanager (routes/demo.py), not involved here
PORTAL_RESIDENT = "inwoner"  # the portal's demo resident (residents/generator/caseloads.py PORTAL_ACCOUNT)
# The statutory term of an application per law (the nearest deadline it opens: data/deadlines.yaml).
APPLICATION_TERM_DAYS = {"W": 14, "J": 56, "P": 28}


@dataclass(frozen=True)
class Scenario:
    """One household's state on the demo's day; `domains` says which of her households suit it best."""

    name: str
    domains: tuple[str, ...]


SCENARIOS = [
    Scenario("signal_new", ("W", "J", "P")),
    Scenario("signal_urgent", ("J", "W", "P")),
    Scenario("deadline_near", ("W", "P", "J")),
    Scenario("deadline_past", ("P", "W", "J")),
    Scenario("intake", ("P", "W", "J")),
    Scenario("assessment", ("P", "J", "W")),
    Scenario("plan_agreements_due", ("P", "W", "J")),
    Scenario("plan_agreements_overdue", ("P", "J", "W")),
    Scenario("decision_letter", ("W", "J", "P")),
    Scenario("review_due", ("P", "W", "J")),
]


def _households(user, today: date) -> list[tuple[object, str]]:
    """Her households (with the domain she coordinates them in), in the order of their number; not the portal's
    demo resident's, whose case portal/demo.py walks as the portal's full example."""
    households = list(residents_selectors.my_households(user=user).order_by("pk"))
    coordinators = residents_selectors.household_coordinators(household_ids=[h.pk for h in households], on=today)
    portal = _portal_household_id(today)
    return [
        (h, coordinators[h.pk].domain)
        for h in households
        if h.pk in coordinators and coordinators[h.pk].user_id == user.pk and h.pk != portal
    ]


def _portal_household_id(today: date) -> int | None:
    account = get_user_model().objects.filter(username=PORTAL_RESIDENT).first()
    resident = getattr(account, "resident", None) if account is not None else None
    return residents_selectors.household_id_of(resident_id=resident.pk, on=today) if resident is not None else None


def _assign(households: list[tuple[object, str]]) -> list[tuple[Scenario, object, str]]:
    """Each scenario its household: the first free one of a preferred domain, else the first free one."""
    free = list(households)
    chosen = []
    for scenario in SCENARIOS:
        if not free:
            break
        pick = next((h for d in scenario.domains for h in free if h[1] == d), free[0])
        free.remove(pick)
        chosen.append((scenario, *pick))
    return chosen


def _eldest(household, on: date) -> object | None:
    members = [m.resident for m in residents_selectors.household_composition_on(household_id=household.pk, on=on)]
    living = [r for r in members if r.date_of_death is None]
    return min(living, key=lambda r: r.birth_date) if living else None


def _scores(value: int = 3, **overrides: int) -> dict:
    return {d.code: (overrides.get(d.code, value), "") for d in LifeDomain.objects.all()}


class _Walk:
    """The steps of the integrale toegang with the demo's texts, as the regisseur takes them."""

    def __init__(self, actor, today: date) -> None:
        self.actor = actor
        self.today = today
        self.provider = organisation_selectors.organisation_list().filter(code=PROVIDER).first()

    def days(self, n: int) -> date:
        return self.today + timedelta(days=n)

    def signal(self, household, domain: str, received_on: date, *, application: bool, urgent=False):
        resident = _eldest(household, received_on) if application else None
        if application and resident is not None:
            return services.signal_receive(
                actor=self.actor,
                household=household,
                kind=SignalKind.APPLICATION,
                domain=domain,
                resident=resident,
                received_on=received_on,
                summary="Aanvraag via het formulier op de website: hulp nodig om rond te komen en de dag door te "
                "komen.",
            )
        return services.signal_receive(
            actor=self.actor,
            household=household,
            kind=SignalKind.REPORT,
            domain=domain,
            topic="safety" if urgent else "care",
            urgent=urgent,
            received_on=received_on,
            summary="De buurvrouw meldt zich zorgen te maken: post stapelt zich op en de gordijnen blijven dicht."
            if not urgent
            else "Wijkagent meldt spanningen thuis; snel contact gewenst.",
        )

    def intake(self, case: Case, held_on: date) -> None:
        services.intake_record(
            actor=self.actor,
            case=case,
            held_on=held_on,
            question="Weer grip krijgen op geld, de dag en het huishouden",
            talents="Zorgzaam, handig in huis, wil graag weer werken",
            scores=_scores(3, finances=2, daily_living=2),
        )

    def gatekeeping(self, case: Case, decided_on: date) -> None:
        services.gatekeeping_record(
            actor=self.actor,
            case=case,
            outcome=GatekeepingOutcome.CONTINUE,
            decided_on=decided_on,
            job_search="Solliciteert zelf twee keer per maand; ingeschreven bij een uitzendbureau.",
            search_period_exempt=True,
            note="Zoekperiode niet van toepassing: de situatie vraagt direct om hulp (demo).",
        )

    def plan(self, case: Case, activated_on: date, dues: list[int], review_on: date | None = None):
        agreements = [
            services.AgreementSpec(
                "Samen met de budgetcoach een overzicht van vaste lasten maken",
                AgreementParty.RESIDENT,
                self.days(dues[0]),
                life_domain="finances",
            ),
            services.AgreementSpec(
                "Zus helpt op woensdag met boodschappen en post",
                AgreementParty.NETWORK,
                self.days(dues[1]),
                party_name="Zus",
                life_domain="daily_living",
            ),
        ]
        if self.provider is not None and len(dues) > 2:
            agreements.append(
                services.AgreementSpec(
                    "Begeleiding thuis, twee dagdelen per week",
                    AgreementParty.PROVIDER,
                    self.days(dues[2]),
                    provider=self.provider,
                    life_domain="daily_living",
                )
            )
        plan = services.plan_draft(
            actor=self.actor,
            case=case,
            goals=[
                services.GoalSpec("finances", "Rekeningen op tijd betaald, geen nieuwe schulden"),
                services.GoalSpec("daily_living", "Het huishouden weer zelf draaiende houden"),
            ],
            agreements=agreements,
        )
        services.plan_activate(
            actor=self.actor,
            plan=plan,
            resident_agreement=ResidentAgreement.AGREED,
            activated_on=activated_on,
            next_review_on=review_on,
        )
        return plan

    def _contracted(self, block, case: Case, addressee, on: date):
        """De Linde when the region contracted it for this block where the household lives (the market's demo ran),
        else no provider: a decision names only a contracted provider."""
        if self.provider is None:
            return None
        members = selectors.household_member_ids(household_id=case.household_id, on=on)
        place = services.household_place(resident_ids=sorted(members), prefer=addressee.pk)
        if place.municipality_id is None:
            return None
        offers = market.contracted_offers(
            building_block_id=block.pk, municipality_id=place.municipality_id, wijk=place.wijk, on=on
        )
        return self.provider if any(offer.provider_id == self.provider.pk for offer in offers) else None

    def decision(self, case: Case, decided_on: date) -> None:
        addressee = _eldest(case.household, decided_on)
        block = (
            selectors.tailored_provisions_queryset().filter(cluster__code="care_and_support", code="guidance").first()
        )
        if addressee is None or block is None:
            return
        services.decision_record(
            actor=self.actor,
            case=case,
            addressee=addressee,
            decided_on=decided_on,
            provisions=[
                services.ProvisionSpec(
                    building_block=block,
                    outcome=ProvisionOutcome.GRANTED,
                    law="W",
                    starts_on=decided_on,
                    ends_on=decided_on + timedelta(days=365),
                    volume=Decimal("2"),
                    unit=ProvisionUnit.DAY_PARTS_PER_WEEK,
                    reasoning="Zonder begeleiding lukt het huishouden niet; het netwerk helpt al op woensdag.",
                    provider=self._contracted(block, case, addressee, decided_on),
                )
            ],
        )


def _play(walk: _Walk, scenario: Scenario, household, domain: str) -> None:
    days = walk.days
    name = scenario.name
    if name == "signal_new":
        walk.signal(household, domain, days(-2), application=False)
    elif name == "signal_urgent":
        walk.signal(household, domain, days(0), application=False, urgent=True)
    elif name in ("deadline_near", "deadline_past"):
        term = APPLICATION_TERM_DAYS.get(domain, 14)
        walk.signal(household, domain, days(-(term - 3) if name == "deadline_near" else -(term + 4)), application=True)
    elif name == "intake":
        case = walk.signal(household, domain, days(-12), application=False).case
        walk.intake(case, days(-5))
    elif name == "assessment":
        case = walk.signal(household, domain, days(-30), application=False).case
        walk.intake(case, days(-21))
        walk.gatekeeping(case, days(-20))
    elif name in ("plan_agreements_due", "plan_agreements_overdue", "decision_letter"):
        case = walk.signal(household, domain, days(-75), application=False).case
        walk.intake(case, days(-68))
        walk.gatekeeping(case, days(-66))
        dues = {
            "plan_agreements_due": [3, 5, 40],
            "plan_agreements_overdue": [-9, -2, 20],
            "decision_letter": [14, 30, 60],
        }[name]
        walk.plan(case, days(-60), dues)
        if name == "decision_letter":
            walk.decision(case, days(-55))
    elif name == "review_due":
        case = walk.signal(household, domain, days(-380), application=False).case
        walk.intake(case, days(-372))
        walk.gatekeeping(case, days(-370))
        walk.plan(case, days(-360), [4, 25], review_on=days(4))


def _break_glass(household) -> None:
    """The Dienst's consulent opens the household of the urgent signal by break-the-glass, so the privacy officer
    has a use to review. Why here: the urgent signal is the one situation in which a colleague without involvement
    may need the file at once. Not one of the nine role accounts: their "Mijn huishoudens" lists involvements only,
    which the access matrix holds equal to what the access check allows."""
    user = get_user_model().objects.filter(username=BREAK_GLASS_USER).first()
    if user is None or audit_selectors.break_glass_list().filter(actor=user).exists():
        return
    residents_services.break_glass_start(
        user=user,
        household_id=household.pk,
        reason="Jongere uit dit gezin meldt zich overstuur aan de balie van de Dienst; de wijkagent meldde "
        "spanningen thuis en de regisseur is niet bereikbaar.",
    )


@transaction.atomic
def demo_access_ensure(*, stdout=None) -> dict[str, int]:
    """For `setup_demo`: the regisseur's households in every phase of a case (see the module's docstring)."""
    today = timezone.localdate()
    actor = get_user_model().objects.filter(username=COORDINATOR).first()
    if actor is None:
        return {"cases": 0}
    households = _households(actor, today)
    if Case.objects.filter(household_id__in=[h.pk for h, _d in households]).exists():
        if stdout is not None:
            stdout.write("Toegang: de regisseur heeft al casussen.")
        return {"cases": 0}
    walk = _Walk(actor, today)
    played = 0
    urgent = None
    for scenario, household, domain in _assign(households):
        _play(walk, scenario, household, domain)
        played += 1
        if scenario.name == "signal_urgent":
            urgent = household
    if urgent is not None:
        _break_glass(urgent)
    if stdout is not None:
        stdout.write(f"Toegang: {played} huishoudens van de regisseur in elke fase van een casus.")
    return {"cases": played}
