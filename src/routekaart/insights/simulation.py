"""The policy simulation of seed 004 ("Er kan meer!"): replace a set of local regulations by one yearly allowance for
every household at or below a share of the social minimum, on the real caseload of a date.

The caseload comes from income's fact selector (`income.selectors_facts_simulation`): per household its type, its
children, its net income and the social minimum of its type, the regulations it uses (granted, valid in the year)
and those it is entitled to but does not use (the latest regulations check). What each regulation is worth is data
(insights/data/simulation.yaml, with its sources), since income's regulations hold conditions but no amounts.

`simulate` is a pure calculation over those columns (numpy, no loop over households), so it is tested on a small
fixed caseload and with Hypothesis without a database. `results_of` turns its outcome into what may be shown and
stored: aggregates only, every group under 10 households without a number (`insights.suppression`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
import yaml
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from ..income.selectors_facts_simulation import HOUSEHOLD_TYPES, SimulationFacts, simulation_facts
from .models import Scenario
from .suppression import count, is_suppressed
from .tables import SUPPRESSED, Chart, Column, FigureTable

DATA = yaml.safe_load((Path(__file__).parent / "data" / "simulation.yaml").read_text(encoding="utf-8"))

TYPE_LABELS = {
    "single": _("Alleenstaande"),
    "single_parent": _("Alleenstaande ouder"),
    "couple": _("Paar zonder kinderen"),
    "couple_with_children": _("Paar met kinderen"),
}


def regulation_amount(code: str, household_type: str) -> Decimal | None:
    """What regulation `code` is worth to a household of this type in a year (simulation.yaml); None if unknown."""
    entry = DATA["regulations"].get(code)
    if entry is None:
        return None
    amounts = entry["amounts"]
    value = amounts.get(household_type)
    if value is None and household_type == "couple_with_children":
        value = amounts.get("couple")
    return None if value is None else Decimal(str(value))


def regulation_source(code: str) -> str:
    entry = DATA["regulations"].get(code)
    return entry["source"] if entry else ""


@dataclass(frozen=True)
class Parameters:
    """The choices of a scenario: which regulations go, the income limit, the allowance and its child supplement."""

    municipality_id: int
    regulations: tuple[str, ...]
    threshold_percent: int
    allowance: Decimal
    child_supplement: Decimal
    as_of: date


@dataclass(frozen=True)
class TypeOutcome:
    household_type: str
    households: int
    reached: int
    winners: int
    losers: int
    unchanged: int


@dataclass(frozen=True)
class RegulationOutcome:
    code: str
    name: str
    users: int
    cost_cents: int
    amount_known: bool


@dataclass(frozen=True)
class Outcome:
    """The raw aggregates of one simulation (not yet suppressed): counts of households and amounts in cents."""

    households: int
    reached: int
    children_reached: int
    users_now: int  # households using at least one replaced regulation now
    cost_now_cents: int
    cost_allowance_cents: int
    non_take_up_before: int  # households entitled to a replaced regulation they do not use
    non_take_up_gone: int  # ... of whom the allowance now reaches
    by_type: list[TypeOutcome]
    by_regulation: list[RegulationOutcome]


def _cents(value: Decimal) -> int:
    return int((Decimal(value) * 100).to_integral_value())


def reached_mask(facts: SimulationFacts, threshold_percent: int) -> np.ndarray:
    """The households at or below `threshold_percent` of their social minimum (exactly at the limit is in), in
    whole cents so no rounding decides who is in."""
    return (facts.norm_cents > 0) & (facts.income_cents * 100 <= threshold_percent * facts.norm_cents)


def simulate(facts: SimulationFacts, parameters: Parameters) -> Outcome:
    """The cost, reach, vanished non-take-up and winners and losers of `parameters` on the caseload `facts`."""
    n = len(facts.household_ids)
    chosen = set(parameters.regulations)
    names = {r.code: r.name for r in facts.regulations}
    reached = reached_mask(facts, parameters.threshold_percent)
    new = np.where(
        reached, _cents(parameters.allowance) + _cents(parameters.child_supplement) * facts.children, 0
    ).astype(np.int64)

    current = np.zeros(n, dtype=np.int64)
    users = np.zeros(n, dtype=bool)
    type_index = np.zeros(n, dtype=np.int64)
    for i, household_type in enumerate(HOUSEHOLD_TYPES):
        type_index[facts.household_type == household_type] = i
    use_rows, use_codes = _pairs(facts, facts.uses)
    by_regulation = []
    for code in sorted(chosen, key=lambda c: (c not in names, names.get(c, c))):
        rows = use_rows[use_codes == code]
        amounts = {t: regulation_amount(code, t) for t in HOUSEHOLD_TYPES}
        per_type = np.asarray([_cents(amounts[t] or 0) for t in HOUSEHOLD_TYPES], dtype=np.int64)
        value = per_type[type_index[rows]]
        np.add.at(current, rows, value)
        users[rows] = True
        by_regulation.append(
            RegulationOutcome(
                code=code,
                name=names.get(code, code),
                users=int(np.bincount(rows, minlength=n).astype(bool).sum()),
                cost_cents=int(value.sum()),
                amount_known=all(a is not None for a in amounts.values()),
            )
        )

    missed_rows, missed_codes = _pairs(facts, facts.non_take_up)
    missed = np.zeros(n, dtype=bool)
    missed[missed_rows[np.isin(missed_codes, list(chosen))]] = True
    by_type = []
    for household_type in HOUSEHOLD_TYPES:
        of_type = facts.household_type == household_type
        by_type.append(
            TypeOutcome(
                household_type=household_type,
                households=int(of_type.sum()),
                reached=int((of_type & reached).sum()),
                winners=int((of_type & (new > current)).sum()),
                losers=int((of_type & (new < current)).sum()),
                unchanged=int((of_type & (new == current)).sum()),
            )
        )
    return Outcome(
        households=n,
        reached=int(reached.sum()),
        children_reached=int(facts.children[reached].sum()),
        users_now=int(users.sum()),
        cost_now_cents=int(current.sum()),
        cost_allowance_cents=int(new.sum()),
        non_take_up_before=int(missed.sum()),
        non_take_up_gone=int((missed & reached).sum()),
        by_type=by_type,
        by_regulation=by_regulation,
    )


def _pairs(facts: SimulationFacts, pairs: list[tuple[int, str]]) -> tuple[np.ndarray, np.ndarray]:
    """(household id, code) pairs as the households' row numbers and the codes, two columns."""
    households = np.fromiter((p[0] for p in pairs), dtype=np.int64, count=len(pairs))
    codes = np.asarray([p[1] for p in pairs], dtype=str) if pairs else np.empty(0, dtype=str)
    return np.searchsorted(facts.household_ids, households), codes


def run(parameters: Parameters) -> tuple[Outcome, SimulationFacts]:
    """Read the caseload of the municipality on the date (income's fact selector) and simulate."""
    facts = simulation_facts(municipality_id=parameters.municipality_id, on=parameters.as_of)
    return simulate(facts, parameters), facts


# --- what may be shown and stored ----------------------------------------------------------------------------------


def _money(cents: int, group: int) -> str | None:
    """An amount about `group` households as it may be shown: None (suppressed) for a group under 10."""
    if is_suppressed(group):
        return None
    return str((Decimal(cents) / 100).quantize(Decimal("0.01")))


def _hide_one_more(parts: list[int], hidden: list[bool]) -> int | None:
    """Complementary suppression: when exactly one of some parts that add up to a shown total is hidden, the total
    minus the others would give it away; the smallest other part above zero is hidden too. Its index, or None."""
    if sum(hidden) != 1:
        return None
    shown = [(value, i) for i, value in enumerate(parts) if not hidden[i] and value > 0]
    return min(shown)[1] if shown else None


TYPE_CELLS = ("reached", "winners", "losers", "unchanged")


def _type_cells_hidden(outcome: Outcome) -> list[dict[str, bool]]:
    """Which cells of the winners-and-losers table show no number: a type under 10 households shows none of its
    cells, a cell under 10 none; then, until nothing changes, what a shown total would give away (the households
    of the types add up to all households, their reach to the reach, a type's winners, losers and unchanged to its
    households)."""
    rows = outcome.by_type
    hidden = [{"households": is_suppressed(t.households)} for t in rows]
    for row, t in zip(hidden, rows, strict=True):
        row.update({key: row["households"] or is_suppressed(getattr(t, key)) for key in TYPE_CELLS})
    changed = True
    while changed:
        changed = False
        for key, total in (("households", outcome.households), ("reached", outcome.reached)):
            parts, flags = [getattr(t, key) for t in rows], [h[key] for h in hidden]
            extra = None if is_suppressed(total) else _hide_one_more(parts, flags)
            if extra is not None:
                cells = ["households", *TYPE_CELLS] if key == "households" else [key]
                hidden[extra].update(dict.fromkeys(cells, True))
                changed = True
        for row, t in zip(hidden, rows, strict=True):
            if row["households"]:
                continue
            keys = ("winners", "losers", "unchanged")
            extra = _hide_one_more([getattr(t, k) for k in keys], [row[k] for k in keys])
            if extra is not None:
                row[keys[extra]] = True
                changed = True
    return hidden


def _regulations_hidden(outcome: Outcome) -> list[bool]:
    """A replaced regulation used by under 10 households shows neither its users nor its cost; the costs add up
    to the cost now, so one hidden cost hides the smallest other one too."""
    hidden = [is_suppressed(r.users) for r in outcome.by_regulation]
    if not is_suppressed(outcome.users_now):
        extra = _hide_one_more([r.cost_cents for r in outcome.by_regulation], hidden)
        if extra is not None:
            hidden[extra] = True
    return hidden


def results_of(outcome: Outcome, facts: SimulationFacts) -> dict[str, Any]:
    """The outcome as stored in a Scenario and shown on its page: aggregates only, a group under 10 households is
    None (shown as "minder dan 10") in every count and in every amount about it, and so is a number that with the
    shown total would give such a group away."""
    cost_now = _money(outcome.cost_now_cents, outcome.users_now)
    cost_allowance = _money(outcome.cost_allowance_cents, outcome.reached)
    difference = None
    if cost_now is not None and cost_allowance is not None:
        difference = str(Decimal(cost_allowance) - Decimal(cost_now))
    type_hidden = _type_cells_hidden(outcome)
    regulation_hidden = _regulations_hidden(outcome)
    return {
        "households": count(outcome.households),
        "reached": count(outcome.reached),
        "users_now": count(outcome.users_now),
        "cost_now": cost_now,
        "cost_allowance": cost_allowance,
        "cost_difference": difference,
        "non_take_up_before": count(outcome.non_take_up_before),
        "non_take_up_gone": count(outcome.non_take_up_gone),
        "by_type": [
            {
                "type": t.household_type,
                **{key: None if hidden[key] else getattr(t, key) for key in ("households", *TYPE_CELLS)},
            }
            for t, hidden in zip(outcome.by_type, type_hidden, strict=True)
        ],
        "by_regulation": [
            {
                "code": r.code,
                "name": r.name,
                "users": None if hide else r.users,
                "cost_now": None if hide else _money(r.cost_cents, r.users),
                "amount_known": r.amount_known,
                "amounts": {t: _amount_text(r.code, t) for t in HOUSEHOLD_TYPES},  # as used on the day
                "source": regulation_source(r.code),
            }
            for r, hide in zip(outcome.by_regulation, regulation_hidden, strict=True)
        ],
        "norms_from": facts.norms_from.isoformat() if facts.norms_from else None,
        "norms_source": facts.norms_source,
        "check_on": facts.check_on.isoformat() if facts.check_on else None,
        "amounts_version": DATA["version"],
    }


def _amount_text(code: str, household_type: str) -> str | None:
    amount = regulation_amount(code, household_type)
    return None if amount is None else str(amount)


def _amount_cell(value: str | None) -> Decimal | None:
    """A regulation's amount (configuration, not a group of households: never suppressed; None when unknown)."""
    return None if value is None else Decimal(value)


def _cell(value: Any, kind: str = "count") -> Any:
    if value is None:
        return SUPPRESSED
    return Decimal(value) if kind == "money" else value


def result_tables(results: dict[str, Any]) -> list[FigureTable]:
    """The stored results as the figures of the page (and of its downloads): the summary, winners and losers per
    household type, the replaced regulations."""
    summary = FigureTable(
        code="simulation_summary",
        title=_("Kosten, bereik en niet-gebruik"),
        columns=[
            Column("measure", _("Uitkomst")),
            Column("households", _("Huishoudens"), "count"),
            Column("amount", _("Euro per jaar"), "money"),
        ],
        rows=[
            (_("Huishoudens bekend bij inkomen"), _cell(results["households"]), None),
            (
                _("Bereik: op of onder de inkomensgrens, met de kosten van de toeslag"),
                _cell(results["reached"]),
                _cell(results["cost_allowance"], "money"),
            ),
            (
                _("Gebruiken nu een vervangen regeling, met de kosten daarvan"),
                _cell(results["users_now"]),
                _cell(results["cost_now"], "money"),
            ),
            (
                _("Verschil in kosten: toeslag min vervangen regelingen"),
                None,
                _cell(results["cost_difference"], "money"),
            ),
            (
                _("Niet-gebruik: recht op een vervangen regeling, maar niet gebruikt"),
                _cell(results["non_take_up_before"]),
                None,
            ),
            (_("Niet-gebruik dat verdwijnt: zij krijgen de toeslag vanzelf"), _cell(results["non_take_up_gone"]), None),
        ],
        note=_(
            "Een groep van minder dan 10 huishoudens toont geen aantal en geen bedrag. "
            "Niet-gebruik volgens de laatste regelingencheck op of voor de peildatum."
        ),
    )
    by_type = FigureTable(
        code="simulation_winners_losers",
        title=_("Winnaars en verliezers per type huishouden"),
        columns=[
            Column("type", _("Type huishouden")),
            Column("households", _("Huishoudens"), "count"),
            Column("reached", _("Krijgen de toeslag"), "count"),
            Column("winners", _("Gaan erop vooruit"), "count"),
            Column("losers", _("Gaan erop achteruit"), "count"),
            Column("unchanged", _("Gelijk"), "count"),
        ],
        rows=[
            (
                TYPE_LABELS.get(row["type"], row["type"]),
                *(_cell(row[key]) for key in ("households", "reached", "winners", "losers", "unchanged")),
            )
            for row in results["by_type"]
        ],
        note=_(
            "Vooruit: de toeslag is meer waard dan de vervangen regelingen die het huishouden nu gebruikt; achteruit: "
            "minder, ook boven de inkomensgrens waar een regeling vervalt zonder toeslag."
        ),
        chart=Chart("stacked_bar", x="type", series=("winners", "losers", "unchanged"), y_label=_("Huishoudens")),
    )
    regulations = FigureTable(
        code="simulation_regulations",
        title=_("Vervangen regelingen: gebruik en kosten nu"),
        columns=[
            Column("regulation", _("Regeling")),
            Column("users", _("Huishoudens die haar nu gebruiken"), "count"),
            Column("cost_now", _("Kosten nu (euro per jaar)"), "money"),
        ],
        rows=[(row["name"], _cell(row["users"]), _cell(row["cost_now"], "money")) for row in results["by_regulation"]],
        note=_("Gebruik: toegekend en geldig in het jaar van de peildatum."),
    )
    amounts = FigureTable(
        code="simulation_amounts",
        title=_("Wat elke vervangen regeling per jaar waard is"),
        columns=[
            Column("regulation", _("Regeling")),
            *(Column(f"amount_{t}", TYPE_LABELS[t], "money") for t in HOUSEHOLD_TYPES),
            Column("source", _("Bron")),
        ],
        rows=[
            (
                row["name"],
                *(_amount_cell(row.get("amounts", {}).get(t)) for t in HOUSEHOLD_TYPES),
                row["source"] or _("Geen bedrag bekend: de regeling telt voor nul"),
            )
            for row in results["by_regulation"]
        ],
        note=DATA["source"],
    )
    return [summary, by_type, regulations, amounts]


# --- saved scenarios -----------------------------------------------------------------------------------------------


def scenario_list() -> QuerySet[Scenario]:
    """The saved scenarios, newest first, with their municipality (one query)."""
    return Scenario.objects.select_related("municipality").order_by("-created_at", "-id")


def scenario_get(*, pk: int) -> Scenario:
    return get_object_or_404(Scenario.objects.select_related("municipality"), pk=pk)


def parameters_of(scenario: Scenario) -> Parameters:
    return Parameters(
        municipality_id=scenario.municipality_id,
        regulations=tuple(scenario.regulations),
        threshold_percent=scenario.threshold_percent,
        allowance=scenario.allowance,
        child_supplement=scenario.child_supplement,
        as_of=scenario.as_of,
    )
