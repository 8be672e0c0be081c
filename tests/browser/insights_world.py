"""The steering journey's world: one small town (Gemeente Reigersveld, wijk Oever) whose figures beleid reads, built
with the owners' factories and then refreshed in full, as the nightly job does. Its days are counted back from
today, so the facts always fall within the pages' default period (the last 24 months).

- Routes: 15 residents started "Route Werk en inkomen" two months ago, 4 started "Route Zorg en welzijn" and 11
  "Route Schulden" last month (the Sankey's links from "Aanmelding": 15, 11, and one under 10; the flows table
  with its total also hides the 11, which would give the 4 away).
- What works for whom: 20 residents aged 29 started a job coach 20 months ago, 10 of them found work (ended six
  months later with a placement); 3 residents aged 55 started one the same day. Split by age: 20 started, 50 %
  work found (10 who did and 10 who did not: neither side under 10), and a group of 3 that shows no number.
- The policy simulation: 11 singles at 90 % of the minimum use the energy allowance; 10 couples earn more (a
  limit of 120 % reaches the 11 and leaves 10 out: no group under 10).

Every resident has the factory's own name (Voornaam<n> Achternaam<n>) and BSN; `people()` collects them so the
journey can check that no page shows one.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from routekaart.insights.refresh import insights_refresh
from routekaart.insights.tests import factories_outcomes as outcomes
from routekaart.insights.tests.factories_flows import RouteFactory, RouteMapFactory, trajectories
from routekaart.insights.tests.factories_simulation import NormVersionFactory, household, regulations
from routekaart.organisations.demo import demo_accounts_ensure, demo_network_ensure
from routekaart.organisations.models import Organisation, OrganisationKind
from routekaart.organisations.tests.factories import OrganisationFactory
from routekaart.residents.models import Resident
from routekaart.residents.tests.factories import DistrictFactory

MUNICIPALITY = "Gemeente Reigersveld"
WORK_ROUTE = "Route Werk en inkomen"
CARE_ROUTE = "Route Zorg en welzijn"
DEBT_ROUTE = "Route Schulden"
WORK_ROUTE_STARTS = 15  # two months ago
CARE_ROUTE_STARTS = 4  # last month: under 10, no number
DEBT_ROUTE_STARTS = 11  # last month: no number either beside the total, or 30 - 15 - 11 would give the 4 away
YOUNG_STARTS = 20  # a job coach from the 3rd of the month 20 months ago, aged 29 then
YOUNG_WORK_FOUND = 10  # ended six months later with regular work: 10 / 20 = 50 %
OLDER_STARTS = 3  # a job coach the same day, aged 55: under 10, no number
SINGLES = 11  # at EUR 900 a month (90 % of the test norm of EUR 1,000), using the energy allowance
COUPLES = 10  # at EUR 2,500 a month (167 % of the couple norm of EUR 1,500), above the limit


@dataclass(frozen=True)
class InsightsWorld:
    municipality: Organisation
    family_names: tuple[str, ...]
    bsns: tuple[str, ...]


def _month(months_ago: int, day: int) -> datetime.date:
    """The `day` of the month `months_ago` months before this one."""
    return (timezone.localdate().replace(day=1) - relativedelta(months=months_ago)).replace(day=day)


def _routes(district) -> None:
    route_map = RouteMapFactory()
    work = RouteFactory(route_map=route_map, name=WORK_ROUTE)
    care = RouteFactory(route_map=route_map, name=CARE_ROUTE)
    trajectories(WORK_ROUTE_STARTS, work, district, started_on=_month(2, 10))
    trajectories(CARE_ROUTE_STARTS, care, district, started_on=_month(1, 14))
    debt = RouteFactory(route_map=route_map, name=DEBT_ROUTE)
    trajectories(DEBT_ROUTE_STARTS, debt, district, started_on=_month(1, 14))


def _job_coaches(district) -> None:
    started = _month(20, 3)
    young, older = started.replace(year=started.year - 29, day=1), started.replace(year=started.year - 55, day=1)
    municipality = district.municipality
    for n in range(YOUNG_STARTS):
        resident, _household = outcomes.person(birth_date=young, district=district)
        found = n < YOUNG_WORK_FOUND
        outcomes.assignment(
            resident,
            municipality=municipality,
            started_on=started,
            ended_on=started + relativedelta(months=6) if found else None,
            result_code="regular_work" if found else None,
        )
    for _ in range(OLDER_STARTS):
        resident, _household = outcomes.person(birth_date=older, district=district)
        outcomes.assignment(resident, municipality=municipality, started_on=started)


def _caseload(district) -> None:
    year = timezone.localdate().year  # the simulation counts on today's norms and this year's incomes
    NormVersionFactory(effective_from=datetime.date(year, 1, 1))
    regs = regulations()
    for _ in range(SINGLES):
        household(district=district, income="900", year=year, uses=(regs["energy_allowance"],))
    for _ in range(COUPLES):
        household(district=district, income="2500", partner=True, year=year)


def people() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Every resident's family name and BSN in the database."""
    rows = list(Resident.objects.values_list("family_name", "bsn"))
    return tuple(name for name, _bsn in rows if name), tuple(bsn for _name, bsn in rows if bsn)


def insights_world_make() -> InsightsWorld:
    """The demo network and accounts (beleid among them), the town's facts, and a full refresh of the figures."""
    demo_network_ensure()
    demo_accounts_ensure()
    municipality = OrganisationFactory(kind=OrganisationKind.MUNICIPALITY, name=MUNICIPALITY)
    district = DistrictFactory(municipality=municipality, name="Oever")
    _routes(district)
    _job_coaches(district)
    _caseload(district)
    insights_refresh(full=True)
    family_names, bsns = people()
    return InsightsWorld(municipality=municipality, family_names=family_names, bsns=bsns)
