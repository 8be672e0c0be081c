"""Small fixed data sets for the yardstick figures: residents in one wijk of one municipality (and a second place to
filter out), distance assessments, walking-route trajectories, applications, benefits, yearly conversations,
non-take-up, statutory terms and objections, each as plain as the figure needs."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from datetime import date, timedelta

import factory
from django.utils import timezone

from routekaart.access.models import Case, Deadline, DeadlineKind, DeadlineRule, Signal, SignalKind
from routekaart.income.models import (
    AnnualReview,
    EntitlementCheckRun,
    NonTakeUp,
    Regulation,
    RegulationUse,
    ReviewStatus,
    SocialAssistance,
    UseStatus,
)
from routekaart.legal.models import Objection, ObjectionChannel, ObjectionStatus
from routekaart.organisations.models import Organisation, OrganisationKind
from routekaart.organisations.tests.factories import OrganisationFactory, UserFactory
from routekaart.participation.models import DistanceAssessment, DistanceCategory, LadderRung
from routekaart.residents.models import Household, Membership, Resident
from routekaart.residents.tests.factories import AddressFactory, DistrictFactory, MunicipalityFactory, bsn_for
from routekaart.routes.models import Party, Route, RouteKind, RouteMap, Trajectory, WalkingKind

_sequence = iter(range(500_000, 10_000_000))


@dataclass
class Place:
    """A municipality and one of its wijken, where `resident()` houses people."""

    municipality: Organisation
    district: object

    def resident(self, born: date = date(1985, 6, 15)) -> Resident:
        """A resident (without a household) at a new address in this wijk; bulk-light: no factories' extras."""
        n = next(_sequence)
        address = AddressFactory(district=self.district)
        return Resident.objects.create(
            bsn=bsn_for(n), given_names="Inwoner", family_name=f"Maatstaf{n}", birth_date=born, address=address
        )

    def household(self, born: date = date(1985, 6, 15)) -> tuple[Household, Resident]:
        """A household of one resident living here since 2015."""
        resident = self.resident(born)
        household = Household.objects.create()
        Membership.objects.create(household=household, resident=resident, role="head", valid_from=date(2015, 1, 1))
        return household, resident


def place(name: str = "Weidebeek") -> Place:
    municipality = MunicipalityFactory(name=name)
    return Place(municipality=municipality, district=DistrictFactory(municipality=municipality, name=f"{name} Oost"))


# -- participation ---------------------------------------------------------------------------------------------------


def assess(
    resident: Resident,
    code: str,
    on: date,
    *,
    municipality: Organisation,
    previous: DistanceAssessment | None = None,
    change: str | None = None,
) -> DistanceAssessment:
    """An assessment of `resident` in category `code` on `on`, following `previous` (then no longer current)."""
    category = DistanceCategory.objects.get(code=code)
    if previous is not None:
        DistanceAssessment.objects.filter(pk=previous.pk).update(is_current=False)
    return DistanceAssessment.objects.create(
        resident=resident,
        municipality=municipality,
        assessed_on=on,
        category=category,
        tier=category.tiers.order_by("order").first(),
        ladder_rung=LadderRung.objects.get(order=3),
        next_assessment_on=on + timedelta(days=180),
        previous=previous,
        change=change or ("first" if previous is None else "same"),
        is_current=True,
    )


# -- routes ----------------------------------------------------------------------------------------------------------


def walking_routes(share_of_tailored: int = 15) -> dict[str, Route]:
    """A current route map with the four walking routes; only the maatwerkroute names a share (seeds 000/001)."""
    route_map = RouteMap.objects.create(
        code=f"kaart{next(_sequence)}",
        version=1,
        effective_from=date(2015, 1, 1),
        checksum="0" * 64,
        is_current=True,
        name="Wandelroutes",
        region="test",
        source="000",
    )
    party = Party.objects.create(route_map=route_map, code="coordinator", order=1, name="Regisseur")
    return {
        kind.value: Route.objects.create(
            route_map=route_map,
            code=kind.value,
            order=order,
            kind=RouteKind.WALKING,
            walking_kind=kind.value,
            name=str(kind.label),
            regie=party,
            share_percent=share_of_tailored if kind == WalkingKind.TAILORED else None,
        )
        for order, kind in enumerate(WalkingKind, start=1)
    }


def walk(resident: Resident, route: Route, started_on: date, ended_on: date | None = None) -> Trajectory:
    return Trajectory.objects.create(
        resident=resident,
        household_id=1,
        route=route,
        status="ended" if ended_on else "active",
        regie_party=route.regie,
        started_on=started_on,
        ended_on=ended_on,
    )


# -- access ----------------------------------------------------------------------------------------------------------


def _case(household: Household, opened_on: date) -> Case:
    """The household's open case (one at a time), opened on `opened_on` if it has none."""
    case = Case.objects.filter(household=household).exclude(status="closed").first()
    return case or Case.objects.create(household=household, opened_on=opened_on)


def application(household: Household, resident: Resident, received_on: date, *, domain: str = "P") -> Signal:
    """An application (aanvraag) of `resident` under the Participatiewet received on `received_on`."""
    case = _case(household, received_on)
    return Signal.objects.create(
        case=case,
        household=household,
        kind=SignalKind.APPLICATION,
        domain=domain,
        resident=resident,
        received_on=received_on,
        summary="Aanvraag",
        effect="opened",
        recorded_by=UserFactory(),
    )


def deadline_rule(kind: str = DeadlineKind.DEADLINE, law: str = "W") -> DeadlineRule:
    n = next(_sequence)
    return DeadlineRule.all_versions.create(
        code=f"termijn-{n}", name="Beslistermijn", law=law, kind=kind, basis="Wet", version="1"
    )


def deadline(
    household: Household,
    rule: DeadlineRule,
    due_on: date,
    *,
    met_on: date | None = None,
    lapsed_on: date | None = None,
) -> Deadline:
    """A term of `rule` for a new case of `household`, ending on `due_on`, met or lapsed as given."""
    case = _case(household, due_on - timedelta(days=56))
    return Deadline.objects.create(
        case=case,
        rule=rule,
        law=rule.law,
        name=rule.name,
        basis=rule.basis,
        starts_on=due_on - timedelta(days=56),
        original_due_on=due_on,
        due_on=due_on,
        met_on=met_on,
        lapsed_on=lapsed_on,
    )


# -- income ----------------------------------------------------------------------------------------------------------


class DienstFactory(OrganisationFactory):
    kind = OrganisationKind.SERVICE_ORGANISATION
    name = factory.Sequence(lambda n: f"Dienst maatstaven {n}")


def benefit(
    household: Household, client: Resident, started_on: date, ended_on: date | None = None, *, dienst=None
) -> SocialAssistance:
    return SocialAssistance.objects.create(
        household=household,
        client=client,
        organisation=dienst or DienstFactory(),
        started_on=started_on,
        ended_on=ended_on,
    )


def review(benefit: SocialAssistance, year: int, held_on: date | None) -> AnnualReview:
    """The yearly conversation of `year`, held on `held_on` (None: only planned)."""
    return AnnualReview.objects.create(
        benefit=benefit,
        household=benefit.household,
        year=year,
        planned_on=held_on or date(year, 6, 1),
        status=ReviewStatus.HELD if held_on else ReviewStatus.PLANNED,
        held_on=held_on,
    )


def regulation(code: str = "individual_income_supplement", name: str = "Individuele inkomenstoeslag") -> Regulation:
    return Regulation.objects.create(
        code=code,
        name=name,
        description="Regeling",
        legal_basis="Participatiewet art. 36",
        conditions={},
        order=1,
        effective_from=date(2015, 1, 1),
    )


def check_run(as_of: date) -> EntitlementCheckRun:
    return EntitlementCheckRun.objects.create(
        as_of=as_of, started_at=timezone.make_aware(datetime.datetime.combine(as_of, datetime.time(2)))
    )


def non_take_up(run: EntitlementCheckRun, household: Household, of: Regulation) -> NonTakeUp:
    return NonTakeUp.objects.create(run=run, household=household, regulation=of)


def regulation_use(household: Household, of: Regulation, applied_on: date, status: str = UseStatus.GRANTED):
    return RegulationUse.objects.create(
        household=household,
        regulation=of,
        status=status,
        applied_on=applied_on,
        valid_from=applied_on if status in (UseStatus.GRANTED, UseStatus.ENDED) else None,
    )


# -- legal -----------------------------------------------------------------------------------------------------------


def objection(
    household: Household,
    objector: Resident,
    decided_on: date,
    *,
    law: str = "W",
    due_on: date | None = None,
    outcome: str = "dismissed",
    status: str = ObjectionStatus.DECIDED,
) -> Objection:
    """An objection decided on `decided_on` (by `due_on`, the last day of the term: in time by default)."""
    n = next(_sequence)
    received_on = decided_on - timedelta(days=60)
    return Objection.objects.create(
        reference=f"BZ-Y-{n}",
        household=household,
        objector=objector,
        decision_kind="access",
        decision_id=n,
        decision_reference=f"BS-Y-{n}",
        decision_law=law,
        decision_sent_on=received_on - timedelta(days=10),
        channel=ObjectionChannel.LETTER,
        received_on=received_on,
        objection_term_ends_on=received_on + timedelta(days=30),
        status=status,
        decision_due_on=due_on or decided_on,
        decided_on=decided_on if status == ObjectionStatus.DECIDED else None,
        outcome=outcome if status == ObjectionStatus.DECIDED else "",
        organisation=DienstFactory(),
    )
