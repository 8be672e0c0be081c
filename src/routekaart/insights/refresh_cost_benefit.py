"""The refresh's cost-benefit step: per instrument and per route, per start year and municipality, how many took
part, what it cost, and what came of it within the horizon (months off social assistance, months of work and what
was earned). The ratio itself is computed where it is shown (`insights.cost_benefit`).

Facts come pseudonymous from the owners' selectors (internal ids, dates, codes, amounts): participation's started
assignments with their cost, routes' trajectories, income's benefit spells and reported earnings, work's contracts,
providers' approved declarations. They are joined here in Python dictionaries keyed by resident: every join is a
lookup by resident id and a walk over at most `horizon` months, so the step is linear in the number of starts
(see the lane's measurement in the commit). What a participant brings in:

- the cohort is the year of the start (an assignment's `started_on`, a trajectory's `started_on`); a resident who
  started the same instrument or route twice in a year counts once, from the first start, with both costs;
- observed months: from the start's month for `horizon` months, but only whole months before `as_of`'s month;
- left_benefit: on assistance on the day of the start, and that spell ended within the horizon, by `as_of`;
- benefit_months_saved: of the observed months from the leaving on, those on whose first day no benefit ran (a
  return to assistance stops the saving for as long as it lasts);
- work months and earnings: an observed month with a contract running (hours a week x 52/12 x hourly wage,
  gross), else one with earnings reported to income (net);
- cost: an instrument's paid and still committed amounts; a route's, those of the assignments its resident started
  while on the route plus the providers' approved declarations for care that started meanwhile.
These are gross effects: there is no comparison group, which the page says.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import TYPE_CHECKING

from dateutil.relativedelta import relativedelta

from ..income import selectors_facts_costs as income_facts
from ..participation import selectors_facts_costs as participation_facts
from ..providers import selectors_facts_costs as provider_facts
from ..routes import selectors_facts_costs as route_facts
from ..work import selectors_facts_costs as work_facts
from .cost_benefit import horizon_months
from .models import CostBenefitCell, InterventionKind

if TYPE_CHECKING:
    from .refresh import RefreshContext

WEEKS_PER_MONTH = Decimal(52) / Decimal(12)
CENT = Decimal("0.01")
TENTH = Decimal("0.1")
READS: tuple[str, ...] = ()  # no other step's tables


def month_start(day: date) -> date:
    return day.replace(day=1)


def month_index(day: date) -> int:
    """A month as one integer (months since year 0), so the walk over months is integer arithmetic."""
    return day.year * 12 + day.month - 1


@lru_cache(maxsize=4096)
def month_of(index: int) -> date:
    return date(index // 12, index % 12 + 1, 1)


def observed_months(start: date, *, as_of: date, horizon: int) -> list[date]:
    """The first days of the months followed after a start: `horizon` months from the start's month, and only
    months that have passed completely before `as_of`'s month."""
    first = month_index(start)
    return [month_of(m) for m in range(first, min(first + horizon, month_index(as_of)))]


@dataclass(frozen=True)
class Effects:
    """What one participant's start brought within the horizon."""

    left_benefit: bool
    benefit_months_saved: int
    work_months: int
    earnings: Decimal


def _runs_on(spell: income_facts.BenefitSpell, day: date) -> bool:
    return spell.started_on <= day and (spell.ended_on is None or spell.ended_on > day)


def _first_days_covered(spell: income_facts.BenefitSpell) -> tuple[int, int | None]:
    """The months (indices) on whose first day the spell ran: from the first to the last (None: still running)."""
    first = month_index(spell.started_on) + (spell.started_on.day != 1)
    if spell.ended_on is None:
        return first, None
    return first, month_index(spell.ended_on) - (spell.ended_on.day == 1)


def _within(month: int, first: int, last: int | None) -> bool:
    return first <= month and (last is None or month <= last)


def effects(
    *,
    start: date,
    as_of: date,
    horizon: int,
    spells: Iterable[income_facts.BenefitSpell] = (),
    contracts: Iterable[work_facts.ContractFact] = (),
    reported: dict[date, Decimal] | None = None,
) -> Effects:
    """The effects of one start (see the module's rules). Pure: the facts of one resident in, counts out.

    Months are walked as integers (`month_index`): a refresh runs this for every start, up to `horizon` times."""
    spells, contracts, reported = list(spells), list(contracts), reported or {}
    first = month_index(start)
    stop = min(first + horizon, month_index(as_of))
    at_start = next((s for s in spells if _runs_on(s, start)), None)
    left = bool(
        at_start is not None
        and at_start.ended_on is not None
        and at_start.ended_on <= start + relativedelta(months=horizon)
        and at_start.ended_on <= as_of
    )
    saved = 0
    if left:
        covered = [_first_days_covered(s) for s in spells]
        leave = month_index(at_start.ended_on) + (at_start.ended_on.day != 1)  # the first month begun without it
        saved = sum(1 for m in range(max(first, leave), stop) if not any(_within(m, a, b) for a, b in covered))
    work_months, earnings = 0, Decimal(0)
    if contracts or reported:
        paid = [
            (
                month_index(c.start),
                None if c.end is None else month_index(c.end),
                c.hours * WEEKS_PER_MONTH * c.hourly_wage,
            )
            for c in contracts
        ]
        for m in range(first, stop):
            wages = [amount for a, b, amount in paid if _within(m, a, b)]
            if wages:
                work_months += 1
                earnings += sum(wages, Decimal(0))
            elif reported.get(month_of(m)):
                work_months += 1
                earnings += reported[month_of(m)]
    return Effects(left, saved, work_months, earnings.quantize(CENT, ROUND_HALF_UP))


@dataclass
class _Cell:
    """The participants of one cell: per resident, the first start and the summed cost."""

    label: str
    starts: dict[int, date] = field(default_factory=dict)
    costs: dict[int, Decimal] = field(default_factory=lambda: defaultdict(Decimal))

    def add(self, resident_id: int, start: date, cost: Decimal) -> None:
        if resident_id not in self.starts or start < self.starts[resident_id]:
            self.starts[resident_id] = start
        self.costs[resident_id] += cost


@dataclass
class _Facts:
    """The fact extracts, indexed by resident."""

    spells: dict[int, list] = field(default_factory=lambda: defaultdict(list))
    contracts: dict[int, list] = field(default_factory=lambda: defaultdict(list))
    reported: dict[int, dict[date, Decimal]] = field(default_factory=lambda: defaultdict(dict))
    declarations: dict[int, list[tuple[date, Decimal]]] = field(default_factory=lambda: defaultdict(list))
    assignments: dict[int, list] = field(default_factory=lambda: defaultdict(list))


def _facts(started_from: date, as_of: date, assignments: list) -> _Facts:
    facts = _Facts()
    for spell in income_facts.benefit_spells(ending_from=started_from):
        facts.spells[spell.resident_id].append(spell)
    for contract in work_facts.contracts(ending_from=started_from):
        facts.contracts[contract.resident_id].append(contract)
    for (resident_id, month), amount in income_facts.reported_earnings(month_from=started_from).items():
        facts.reported[resident_id][month] = amount
    for (resident_id, month), amount in provider_facts.approved_declarations(month_from=started_from).items():
        facts.declarations[resident_id].append((month, amount))
    for assignment in assignments:
        facts.assignments[assignment.resident_id].append(assignment)
    return facts


def _route_cost(trajectory: route_facts.TrajectoryFact, facts: _Facts, as_of: date) -> Decimal:
    """What was spent on the resident while on the route: assignments started and care declared meanwhile."""
    end = trajectory.ended_on or as_of
    cost = sum(
        (a.cost for a in facts.assignments[trajectory.resident_id] if trajectory.started_on <= a.start <= end),
        Decimal(0),
    )
    first, last = month_start(trajectory.started_on), month_start(end)
    cost += sum((amount for month, amount in facts.declarations[trajectory.resident_id] if first <= month <= last), 0)
    return Decimal(cost)


def _cells(started_from: date, as_of: date) -> tuple[dict[tuple, _Cell], _Facts]:
    assignments = participation_facts.assignment_costs(started_from=started_from, as_of=as_of)
    facts = _facts(started_from, as_of, assignments)
    cells: dict[tuple, _Cell] = {}
    for a in assignments:
        key = (InterventionKind.INSTRUMENT, a.instrument_code, a.start.year, a.municipality_id)
        cells.setdefault(key, _Cell(label=a.instrument_name)).add(a.resident_id, a.start, a.cost)
    for t in route_facts.trajectories_started(started_from=started_from, as_of=as_of):
        key = (InterventionKind.ROUTE, t.route_code, t.started_on.year, t.municipality_id)
        cells.setdefault(key, _Cell(label=t.route_name)).add(t.resident_id, t.started_on, _route_cost(t, facts, as_of))
    return cells, facts


def cell_rows(cells: dict[tuple, _Cell], facts: _Facts, *, as_of: date, horizon: int) -> list[CostBenefitCell]:
    """The cells to write (unsaved): each participant's effects from their first start, summed per cell."""
    rows = []
    for (kind, key, year, municipality_id), cell in cells.items():
        left, saved, work_months, earnings = 0, 0, 0, Decimal(0)
        for resident_id, start in cell.starts.items():
            found = effects(
                start=start,
                as_of=as_of,
                horizon=horizon,
                spells=facts.spells.get(resident_id, ()),
                contracts=facts.contracts.get(resident_id, ()),
                reported=facts.reported.get(resident_id),
            )
            left += found.left_benefit
            saved += found.benefit_months_saved
            work_months += found.work_months
            earnings += found.earnings
        rows.append(
            CostBenefitCell(
                intervention_kind=kind,
                intervention_key=key,
                intervention_label=cell.label,
                year=year,
                municipality_id=municipality_id,
                participants=len(cell.starts),
                cost=max(sum(cell.costs.values(), Decimal(0)), Decimal(0)).quantize(CENT, ROUND_HALF_UP),
                left_benefit=left,
                benefit_months_saved=Decimal(saved).quantize(TENTH),
                work_months=Decimal(work_months).quantize(TENTH),
                earnings=earnings.quantize(CENT, ROUND_HALF_UP),
            )
        )
    return rows


def refresh(ctx: RefreshContext) -> int:
    """Rebuild the cost-benefit cells (all of them, or the start years whose horizon reaches `ctx.from_month`: a
    cohort's outcomes keep changing until its horizon has passed). Returns the number of cells written."""
    horizon = horizon_months()
    first_year = 1 if ctx.full else (ctx.from_month - relativedelta(months=horizon)).year
    started_from = date(max(first_year, 1), 1, 1)
    cells, facts = _cells(started_from, ctx.as_of)
    rows = cell_rows(cells, facts, as_of=ctx.as_of, horizon=horizon)
    stale = CostBenefitCell.objects.all() if ctx.full else CostBenefitCell.objects.filter(year__gte=first_year)
    stale.delete()
    CostBenefitCell.objects.bulk_create(rows, batch_size=1000)
    return len(rows)
