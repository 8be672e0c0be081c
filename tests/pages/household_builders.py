"""Households for the household page's tests: one with nothing and one with ten years of every domain.

The page's query count must not grow with a household's size or history (issue 18), so the tests compare the two.
Each app's lane adds its own records to `household_with_everything` (access and income here; routes, labour
distance, work profile and placements by the routes/participation/work lane), built through the apps' services and
factories the way the product makes them.
"""

from __future__ import annotations

import datetime
import itertools
from dataclasses import dataclass, field

from django.utils import timezone

from routekaart.organisations.roles import Domain
from routekaart.residents.models import Household, InvolvementKind
from routekaart.residents.tests.factories import (
    ConsentFactory,
    HouseholdFactory,
    InvolvementFactory,
    MembershipFactory,
    RelationFactory,
    ResidentFactory,
)

YEARS = 10
PERSONS = 8


@dataclass
class Built:
    """A built household and what the tests look for on its page."""

    household: Household
    members: list = field(default_factory=list)
    case: object | None = None
    plan: object | None = None
    decisions: list = field(default_factory=list)
    benefit: object | None = None
    extra: dict = field(default_factory=dict)  # other lanes' records by name


def configuration_load() -> None:
    """The rules and catalog the services need (idempotent): load before counting queries."""
    from routekaart.access.configuration import access_configuration_load
    from routekaart.catalog import services as catalog

    catalog.catalog_load()
    access_configuration_load()


def _organisation_of(user):
    return user.affiliations.order_by("pk").first().organisation


def household_with_nothing(user) -> Built:
    """One person, no history, no case, no benefit: only `user` as the household's coordinator."""
    household = HouseholdFactory()
    person = ResidentFactory(given_names="Eva", family_name="Alleen", birth_date=datetime.date(1990, 5, 5))
    MembershipFactory(household=household, resident=person, role="head", valid_from=datetime.date(2024, 1, 1))
    InvolvementFactory(
        household=household,
        organisation=_organisation_of(user),
        user=user,
        kind=InvolvementKind.COORDINATOR,
        valid_from=datetime.date(2024, 1, 1),
    )
    household.mother = person
    return Built(household=household, members=[person])


def _members(household, user, today: datetime.date, persons: int, years: int) -> list:
    """Two parents and their children living here now, and housemates who came and left over the years."""
    start = today.replace(year=today.year - years, month=1, day=1)
    mother = ResidentFactory(given_names="Noor", family_name="Hendriks", birth_date=datetime.date(1982, 3, 1))
    father = ResidentFactory(given_names="Karim", family_name="Hendriks", birth_date=datetime.date(1980, 7, 9))
    members = [mother, father]
    MembershipFactory(household=household, resident=mother, role="head", valid_from=start)
    MembershipFactory(household=household, resident=father, role="partner", valid_from=start)
    for i in range(persons - 2):
        child = ResidentFactory(
            given_names=f"Kind{i}", family_name="Hendriks", birth_date=today.replace(year=today.year - 17 + 2 * i)
        )
        MembershipFactory(household=household, resident=child, role="child", valid_from=max(start, child.birth_date))
        members.append(child)
    from routekaart.residents import services as residents

    for i in range(years // 2):  # grandparents, lodgers: came and left
        past = ResidentFactory(given_names=f"Oud{i}", family_name="Hendriks", birth_date=datetime.date(1950, 1, 1))
        came = start.replace(year=start.year + i)
        membership = MembershipFactory(household=household, resident=past, role="other", valid_from=came)
        residents.membership_end(actor=user, membership=membership, valid_to=came.replace(year=came.year + 1))
    for left, right in itertools.pairwise(members):
        RelationFactory(resident=left, related=right)
    household.mother, household.son = mother, members[2]
    return members


def _access_history(built: Built, user, today: datetime.date, years: int) -> None:
    """A closed case for every past year, then the open one: plan (two versions) with goals and agreements,
    decisions under the Wmo and the Jeugdwet."""
    from routekaart.access import services
    from routekaart.access.models import ClosureReason, ResidentAgreement
    from routekaart.access.tests import journey

    household = built.household
    for year in range(years - 1, 0, -1):
        opened = today.replace(year=today.year - year, month=2, day=1)
        case = journey.melding(user, household, received_on=opened).case
        closed = opened.replace(month=6)
        services.case_close(actor=user, case=case, reason=ClosureReason.GOALS_REACHED, closed_on=closed)
    case = journey.to_active_plan(user, household)
    revised = services.plan_draft(actor=user, case=case)  # a revision: copies the goals and open agreements
    services.plan_activate(actor=user, plan=revised, resident_agreement=ResidentAgreement.AGREED)
    active = revised
    for provision in (
        journey.guidance(),
        journey.guidance(
            building_block=journey.block("youth_care.outpatient_youth_care"),
            law=Domain.YOUTH,
            unit="hours_per_week",
            volume=2,
        ),
        journey.guidance(volume=2),
    ):
        addressee = household.son if provision.law == Domain.YOUTH else household.mother
        built.decisions.append(
            services.decision_record(actor=user, case=case, addressee=addressee, provisions=[provision]).decision
        )
    case.refresh_from_db()
    built.case, built.plan = case, active


def _income_history(built: Built, user, today: datetime.date, years: int) -> None:
    """A benefit since ten years with a yearly conversation each year, the next one planned."""
    from routekaart.income.models import ReviewStatus
    from routekaart.income.tests.factories import AnnualReviewFactory, SocialAssistanceFactory

    started = today.replace(year=today.year - years, month=3, day=1)
    benefit = SocialAssistanceFactory(
        household=built.household,
        client=built.household.mother,
        organisation=_organisation_of(user),
        coordinator=user,
        membership=False,
        started_on=started,
    )
    for year in range(started.year, today.year):
        AnnualReviewFactory(
            benefit=benefit,
            held_by=user,
            year=year,
            planned_on=datetime.date(year, 4, 1),
            status=ReviewStatus.HELD,
            held_on=datetime.date(year, 4, 1),
        )
    AnnualReviewFactory(benefit=benefit, year=today.year, planned_on=today + datetime.timedelta(days=30))
    built.benefit = benefit


def _work_and_routes_history(built: Built, user, today: datetime.date, years: int) -> None:
    """Every adult with a labour-distance history, a work profile and placements in several states; every child on
    an exit route at a step past the first."""
    from freezegun import freeze_time

    from routekaart.organisations.models import OrganisationKind
    from routekaart.organisations.tests.factories import OrganisationFactory
    from routekaart.participation import services as participation
    from routekaart.participation.configuration import participation_configuration_load
    from routekaart.participation.models import DistanceCategory, LadderRung
    from routekaart.routes.configuration import route_maps_load
    from routekaart.routes.models import Route, Trajectory
    from routekaart.work.models import PlacementState
    from routekaart.work.tests.factories import CandidateProfileFactory, PlacementFactory

    participation_configuration_load()
    route_maps_load()
    municipality = OrganisationFactory(kind=OrganisationKind.MUNICIPALITY)
    category = DistanceCategory.objects.order_by("pk").first()
    rung = LadderRung.objects.order_by("order").first()
    adults = built.members[:2]
    for resident in adults:
        for year in range(today.year - years, today.year, 3):
            on = datetime.date(year, 6, 1)
            with freeze_time(on):
                participation.distance_assess(
                    actor=user,
                    resident=resident,
                    category=category,
                    tier=category.tiers.order_by("order").first(),
                    ladder_rung=rung,
                    assessed_on=on,
                    municipality=municipality,
                )
        profile = CandidateProfileFactory(resident=resident)
        for state in (PlacementState.ENDED, PlacementState.DECLINED, PlacementState.TRIAL):
            PlacementFactory(profile=profile, state=state)
    route = Route.objects.filter(route_map__is_current=True, kind="exit").order_by("pk").first()
    steps = list(route.steps.order_by("number"))
    for child in built.members[2:]:
        Trajectory.objects.create(
            resident=child,
            household_id=built.household.pk,
            route=route,
            current_step=steps[1],
            regie_party=route.regie,
            started_on=today - datetime.timedelta(days=200),
        )
    built.extra["route"] = route


def household_with_everything(user, *, persons: int = PERSONS, years: int = YEARS) -> Built:
    """Eight persons over ten years with every domain: past cases, an open case with an active plan, decisions
    in force, a benefit with its yearly conversations, involvements and consents; `user` is the coordinator."""
    configuration_load()
    today = timezone.localdate()
    household = HouseholdFactory()
    built = Built(household=household)
    built.members = _members(household, user, today, persons, years)
    organisation = _organisation_of(user)
    InvolvementFactory(
        household=household,
        organisation=organisation,
        user=user,
        kind=InvolvementKind.COORDINATOR,
        valid_from=today.replace(year=today.year - years, month=1, day=1),
    )
    _access_history(built, user, today, years)
    _income_history(built, user, today, years)
    _work_and_routes_history(built, user, today, years)
    for domain in (Domain.YOUTH, Domain.SUPPORT, Domain.PARTICIPATION):
        InvolvementFactory(household=household, domain=domain)
        ConsentFactory(household=household, resident=household.mother, organisation=organisation, domain=domain)
    return built
