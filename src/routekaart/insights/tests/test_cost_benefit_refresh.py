"""The refresh counts, per instrument and route, start year and municipality: participants, cost, who left social
assistance within the horizon, the months saved and what was earned; computed by hand on a small fixed set."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from routekaart.income.selectors_facts_costs import BenefitSpell
from routekaart.income.tests.factories import IncomeReportFactory
from routekaart.insights import refresh_cost_benefit
from routekaart.insights.models import CostBenefitCell
from routekaart.insights.refresh import EARLIEST_MONTH, RefreshContext
from routekaart.insights.refresh_cost_benefit import WEEKS_PER_MONTH, effects, month_of, observed_months
from routekaart.work.selectors_facts_costs import ContractFact

from .factories_cost_benefit import (
    MunicipalityFactory,
    ResidentFactory,
    SocialAssistanceFactory,
    assignment,
    contract,
    declaration,
    route,
    trajectory,
)

D = datetime.date
AS_OF = D(2026, 7, 15)


def full(as_of=AS_OF) -> RefreshContext:
    return RefreshContext(full=True, as_of=as_of, from_month=EARLIEST_MONTH, watermark=0)


@pytest.fixture
def world(db):
    """Three residents of one municipality (horizon 24 months, as of 15 July 2026: observed months end June 2026).

    A: job coach from 10 Mar 2025 (paid 500 + 500, still committed 300 for July 2026 and 300 for June 2026, a month
       already past: not counted), on assistance since 2024 until 1 Sep 2025, working 20 h/week at EUR 15 from then.
       Also on the basic route from 1 Feb 2025, with a provider's approved declaration of 250 (May 2025), a rejected
       one of 999 and one of 80 from before the route (Jan 2025).
    B: job coach from 1 Jun 2025 (paid 700), not on assistance at the start (a benefit from 1 Aug 2025), reported
       EUR 400 net in October 2025.
    C: wage subsidy from 1 Dec 2024, nothing paid, on assistance still.
    """
    town = MunicipalityFactory(name="Weidebeek")
    a = ResidentFactory(address__district__municipality=town)
    b = ResidentFactory(address__district__municipality=town)
    c = ResidentFactory(address__district__municipality=town)
    assignment(
        resident=a,
        municipality=town,
        started_on=D(2025, 3, 10),
        paid={D(2025, 3, 31): Decimal("500"), D(2025, 4, 30): Decimal("500")},
        committed={D(2026, 6, 1): Decimal("300"), D(2026, 7, 1): Decimal("300")},
    )
    SocialAssistanceFactory(client=a, started_on=D(2024, 1, 1), ended_on=D(2025, 9, 1))
    contract(resident=a, start=D(2025, 9, 1), end=None, hours=20, wage="15.00")
    trajectory(resident=a, started_on=D(2025, 2, 1), on=route())
    declaration(resident=a, municipality=town, starts_on=D(2025, 5, 5), amount="250")
    declaration(resident=a, municipality=town, starts_on=D(2025, 6, 2), amount="999", approved=False)
    declaration(resident=a, municipality=town, starts_on=D(2025, 1, 10), amount="80")

    assignment(resident=b, municipality=town, started_on=D(2025, 6, 1), paid={D(2025, 6, 30): Decimal("700")})
    benefit_b = SocialAssistanceFactory(client=b, started_on=D(2025, 8, 1))
    IncomeReportFactory(benefit=benefit_b, month=D(2025, 10, 1), net_earnings=Decimal("400.00"))

    assignment(resident=c, municipality=town, started_on=D(2024, 12, 1), code="wage_subsidy")
    SocialAssistanceFactory(client=c, started_on=D(2023, 1, 1))
    return town


def cell(kind: str, key: str, year: int) -> CostBenefitCell:
    return CostBenefitCell.objects.get(intervention_kind=kind, intervention_key=key, year=year)


def test_the_instrument_cell_counts_participants_cost_outflow_and_earnings_by_hand(world):
    written = refresh_cost_benefit.refresh(full())

    assert written == 3  # job coach 2025, wage subsidy 2024, basic route 2025
    job_coach = cell("instrument", "job_coach", 2025)
    assert job_coach.municipality == world
    assert job_coach.participants == 2
    # A: 500 + 500 paid + 300 committed for July 2026 (June 2026 is past) = 1300; B: 700 paid. 1300 + 700 = 2000
    assert job_coach.cost == Decimal("2000.00")
    # A left on 1 Sep 2025, within 24 months of 10 Mar 2025; B was not on assistance at the start
    assert job_coach.left_benefit == 1
    # A: Sep 2025 to Jun 2026 off assistance = 4 + 6 = 10 months
    assert job_coach.benefit_months_saved == Decimal("10.0")
    # A: 10 months of contract; B: 1 month with reported earnings. 10 + 1 = 11
    assert job_coach.work_months == Decimal("11.0")
    # A: 20 h x 52/12 x EUR 15 = EUR 1300 a month x 10 = 13000; B: 400. 13000 + 400 = 13400
    assert job_coach.earnings == Decimal("13400.00")


def test_an_instrument_with_nothing_paid_has_a_cell_of_zero_cost(world):
    refresh_cost_benefit.refresh(full())

    wage_subsidy = cell("instrument", "wage_subsidy", 2024)
    assert (wage_subsidy.participants, wage_subsidy.cost, wage_subsidy.left_benefit) == (1, Decimal("0.00"), 0)
    assert wage_subsidy.benefit_months_saved == Decimal("0.0")


def test_the_route_cell_counts_the_instruments_and_approved_declared_care_of_its_residents(world):
    refresh_cost_benefit.refresh(full())

    basic = cell("route", "basis", 2025)
    assert basic.intervention_label == "Basisroute"
    assert basic.municipality == world  # the resident's wijk lies in it
    assert basic.participants == 1
    # the job coach started on the route (1300) + the approved declaration of May 2025 (250); the rejected one and
    # the one of January (before the route began) do not count: 1300 + 250 = 1550
    assert basic.cost == Decimal("1550.00")
    assert (basic.left_benefit, basic.benefit_months_saved) == (1, Decimal("10.0"))
    assert (basic.work_months, basic.earnings) == (Decimal("10.0"), Decimal("13000.00"))


def test_an_incremental_refresh_rewrites_only_the_cohorts_whose_horizon_reaches_the_month(world):
    refresh_cost_benefit.refresh(full())
    old = cell("instrument", "wage_subsidy", 2024)
    CostBenefitCell.objects.filter(year=2025).update(participants=99)

    # from August 2026: horizons of 24 months reach back to August 2024, so 2024 and later are rewritten
    again = RefreshContext(full=False, as_of=AS_OF, from_month=D(2026, 8, 1), watermark=0)
    refresh_cost_benefit.refresh(again)
    assert cell("instrument", "job_coach", 2025).participants == 2
    assert cell("instrument", "wage_subsidy", 2024).pk != old.pk

    # from January 2027: only cohorts from 2025 on are rewritten; the 2024 cell is kept as it was
    kept = cell("instrument", "wage_subsidy", 2024)
    later = RefreshContext(full=False, as_of=AS_OF, from_month=D(2027, 1, 1), watermark=0)
    refresh_cost_benefit.refresh(later)
    assert cell("instrument", "wage_subsidy", 2024).pk == kept.pk
    assert CostBenefitCell.objects.count() == 3


def test_a_full_refresh_twice_writes_the_same_cells(world):
    refresh_cost_benefit.refresh(full())
    first = sorted(CostBenefitCell.objects.values_list("intervention_key", "year", "participants", "cost"))
    refresh_cost_benefit.refresh(full())
    assert sorted(CostBenefitCell.objects.values_list("intervention_key", "year", "participants", "cost")) == first


def test_observed_months_stop_at_the_horizon_and_before_the_month_of_the_refresh():
    # a start on 10 Mar 2025 with a horizon of 3 months: March, April, May
    assert observed_months(D(2025, 3, 10), as_of=D(2026, 1, 1), horizon=3) == [
        D(2025, 3, 1),
        D(2025, 4, 1),
        D(2025, 5, 1),
    ]
    # as of 20 April 2025 only March has passed
    assert observed_months(D(2025, 3, 10), as_of=D(2025, 4, 20), horizon=3) == [D(2025, 3, 1)]


def test_a_return_to_assistance_stops_the_saving_while_it_lasts():
    spells = [BenefitSpell(1, D(2024, 1, 1), D(2025, 3, 1)), BenefitSpell(1, D(2025, 6, 1), D(2025, 8, 1))]
    found = effects(start=D(2025, 1, 15), as_of=D(2026, 1, 1), horizon=12, spells=spells)
    # observed Jan to Dec 2025; off from March; back on in June and July: Mar, Apr, May, Aug..Dec = 3 + 5 = 8
    assert found.left_benefit is True
    assert found.benefit_months_saved == 8


# --- The month walk against the rules read literally (dates, not month numbers) -----------------------------------

dates = st.dates(min_value=D(2022, 1, 1), max_value=D(2027, 12, 31))


@st.composite
def spell_lists(draw):
    spells = []
    for _ in range(draw(st.integers(min_value=0, max_value=3))):
        started = draw(dates)
        ended = draw(
            st.one_of(st.none(), st.dates(min_value=started + datetime.timedelta(days=1), max_value=D(2028, 1, 1)))
        )
        spells.append(BenefitSpell(1, started, ended))
    return spells


@st.composite
def contract_lists(draw):
    contracts = []
    for _ in range(draw(st.integers(min_value=0, max_value=2))):
        start = draw(dates)
        end = draw(st.one_of(st.none(), st.dates(min_value=start, max_value=D(2028, 1, 1))))
        contracts.append(
            ContractFact(1, start, end, draw(st.integers(1, 40)), Decimal(draw(st.integers(1200, 3000))) / 100)
        )
    return contracts


def literally(*, start, as_of, horizon, spells, contracts, reported) -> tuple[bool, int, int, Decimal]:
    """The module's rules with dates: a month is saved when on its first day the resident had left and no benefit
    ran; a month is worked when a contract ran on one of its days, else when earnings were reported for it."""
    months = observed_months(start, as_of=as_of, horizon=horizon)

    def runs(spell, day):
        return spell.started_on <= day and (spell.ended_on is None or spell.ended_on > day)

    at_start = next((s for s in spells if runs(s, start)), None)
    left = bool(
        at_start
        and at_start.ended_on
        and at_start.ended_on <= start + relativedelta(months=horizon)
        and at_start.ended_on <= as_of
    )
    saved = sum(1 for m in months if left and m >= at_start.ended_on and not any(runs(s, m) for s in spells))
    worked, earned = 0, Decimal(0)
    for m in months:
        last_day = m + relativedelta(months=1, days=-1)
        running = [c for c in contracts if c.start <= last_day and (c.end is None or c.end >= m)]
        if running:
            worked += 1
            earned += sum((c.hours * WEEKS_PER_MONTH * c.hourly_wage for c in running), Decimal(0))
        elif reported.get(m):
            worked += 1
            earned += reported[m]
    return left, saved, worked, earned.quantize(Decimal("0.01"))


@given(
    start=dates,
    as_of=dates,
    horizon=st.integers(min_value=1, max_value=36),
    spells=spell_lists(),
    contracts=contract_lists(),
    reported_months=st.sets(st.integers(min_value=0, max_value=71), max_size=6),
)
def test_the_month_walk_follows_the_rules_read_literally(start, as_of, horizon, spells, contracts, reported_months):
    reported = {month_of(2022 * 12 + n): Decimal("250.00") for n in reported_months}

    found = effects(start=start, as_of=as_of, horizon=horizon, spells=spells, contracts=contracts, reported=reported)

    expected = literally(
        start=start, as_of=as_of, horizon=horizon, spells=spells, contracts=contracts, reported=reported
    )
    assert (found.left_benefit, found.benefit_months_saved, found.work_months, found.earnings) == expected
    observed = len(observed_months(start, as_of=as_of, horizon=horizon))
    assert 0 <= found.benefit_months_saved <= observed and 0 <= found.work_months <= observed


def test_a_partner_living_in_the_household_shares_its_benefit_spell_and_a_child_does_not(db):
    from routekaart.income.selectors_facts_costs import benefit_spells
    from routekaart.residents.tests.factories import MembershipFactory

    client = ResidentFactory()
    benefit = SocialAssistanceFactory(client=client, started_on=D(2024, 1, 1), ended_on=D(2025, 9, 1))
    partner, child, former = ResidentFactory(), ResidentFactory(), ResidentFactory()
    MembershipFactory(household=benefit.household, resident=partner, role="partner", valid_from=D(2020, 1, 1))
    MembershipFactory(household=benefit.household, resident=child, role="child", valid_from=D(2020, 1, 1))
    MembershipFactory(
        household=benefit.household, resident=former, role="partner", valid_from=D(2018, 1, 1), valid_to=D(2023, 6, 1)
    )

    found = {spell.resident_id for spell in benefit_spells(ending_from=D(2025, 1, 1))}

    assert found == {client.pk, partner.pk}
