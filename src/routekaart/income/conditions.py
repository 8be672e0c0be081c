"""Conditions of regulations as data: a small rule language over the household's data (see data/regulations.yaml).

One tree, two evaluators: `evaluate_all` works on columns (numpy arrays, one row per household) for the batch
over every client; `evaluate_one` works on one household's facts and explains each condition for the screen.
They are the same rules, so the batch and the page never disagree.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
from django.utils.translation import gettext as _

# The fields a condition may read, with their type; the loader refuses anything else.
FIELDS: dict[str, str] = {
    "income_percent": "number",
    "assets": "number",
    "household_kind": "text",
    "client_age": "number",
    "children": "number",
    "chronic_illness": "bool",
    "student_with_disability": "bool",
    "years_low_income": "number",
    "income_prospect": "bool",
    "special_costs": "bool",
    "social_assistance": "bool",
}
OPERATORS = {"==", "!=", "<", "<=", ">", ">=", "in"}
NUMERIC_ONLY = {"<", "<=", ">", ">="}


class ConditionError(ValueError):
    """A condition in a data file that cannot be evaluated; the message names what to fix."""


def condition_validate(node: Any, *, where: str = "conditions") -> None:
    """Refuse unknown fields, operators and values of the wrong type, before anything is loaded."""
    if not isinstance(node, Mapping):
        raise ConditionError(f"{where}: verwacht een voorwaarde of all/any/not")
    combinators = [key for key in ("all", "any") if key in node]
    if combinators:
        key = combinators[0]
        children = node[key]
        if not isinstance(children, list) or not children:
            raise ConditionError(f"{where}.{key}: verwacht een niet-lege lijst")
        for i, child in enumerate(children):
            condition_validate(child, where=f"{where}.{key}[{i}]")
        return
    if "not" in node:
        condition_validate(node["not"], where=f"{where}.not")
        return
    field, op, value = node.get("field"), node.get("op"), node.get("value")
    if field not in FIELDS:
        raise ConditionError(f"{where}: onbekend veld {field!r}; kies uit {', '.join(sorted(FIELDS))}")
    if op not in OPERATORS:
        raise ConditionError(f"{where}: onbekende bewerking {op!r}")
    if not node.get("label"):
        raise ConditionError(f"{where}: elke voorwaarde heeft een label (wat de inwoner leest)")
    kind = FIELDS[field]
    values = value if op == "in" else [value]
    if op == "in" and not isinstance(value, list):
        raise ConditionError(f"{where}: 'in' verwacht een lijst")
    for item in values:
        if kind == "bool" and not isinstance(item, bool):
            raise ConditionError(f"{where}: {field} is ja/nee (true/false)")
        if kind == "number" and (isinstance(item, bool) or not isinstance(item, int | float)):
            raise ConditionError(f"{where}: {field} is een getal")
        if kind == "text" and not isinstance(item, str):
            raise ConditionError(f"{where}: {field} is tekst")
    if op in NUMERIC_ONLY and kind != "number":
        raise ConditionError(f"{where}: {op} kan alleen met getallen")


def condition_fields(node: Mapping) -> set[str]:
    if "all" in node or "any" in node:
        return set().union(*(condition_fields(c) for c in node.get("all") or node.get("any")))
    if "not" in node:
        return condition_fields(node["not"])
    return {node["field"]}


# --- Columns: every household at once ---------------------------------------------------------------------------


def _compare(column: np.ndarray, op: str, value: Any) -> np.ndarray:
    if op == "in":
        return np.isin(column, np.asarray(value))
    if op == "==":
        return column == value
    if op == "!=":
        return column != value
    if op == "<":
        return column < value
    if op == "<=":
        return column <= value
    if op == ">":
        return column > value
    return column >= value


def evaluate_all(node: Mapping, columns: Mapping[str, np.ndarray]) -> np.ndarray:
    """A boolean per row: does the household meet the condition? Vectorised, no Python loop over households."""
    if "all" in node:
        result = evaluate_all(node["all"][0], columns)
        for child in node["all"][1:]:
            result = result & evaluate_all(child, columns)
        return result
    if "any" in node:
        result = evaluate_all(node["any"][0], columns)
        for child in node["any"][1:]:
            result = result | evaluate_all(child, columns)
        return result
    if "not" in node:
        return ~evaluate_all(node["not"], columns)
    return np.asarray(_compare(columns[node["field"]], node["op"], node["value"]), dtype=bool)


# --- One household, explained -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Explanation:
    """One condition explained: its label, whether it is met and the household's value as shown; `field` and
    `limit` are the condition's own field and value, so a page can say the limit without reading the rule again."""

    label: str
    met: bool
    value: str = ""
    depth: int = 0
    field: str = ""
    limit: Any = None


def _scalar(value: Any, op: str, expected: Any) -> bool:
    if op == "in":
        return value in expected
    return bool(_compare(np.asarray(value), op, expected))


def _shown(field: str, value: Any) -> str:
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    if field == "income_percent":
        return f"{value:.0f}%"
    if field == "assets":
        return f"€ {value:,.0f}".replace(",", ".")
    return str(value)


def evaluate_one(node: Mapping, facts: Mapping[str, Any], depth: int = 0) -> tuple[bool, list[Explanation]]:
    """Whether one household meets the condition, with each part explained with the household's own value."""
    if "all" in node or "any" in node:
        key = "all" if "all" in node else "any"
        results = [evaluate_one(child, facts, depth + (key == "any")) for child in node[key]]
        met = all(r for r, _ in results) if key == "all" else any(r for r, _ in results)
        explanations = [e for _, es in results for e in es]
        if key == "any":
            explanations.insert(0, Explanation(_("Een van deze:"), met, "", depth))
        return met, explanations
    if "not" in node:
        met, explanations = evaluate_one(node["not"], facts, depth)
        return not met, [Explanation(_("Niet:"), not met, "", depth), *explanations]
    field = node["field"]
    value = facts.get(field)
    met = value is not None and _scalar(value, node["op"], node["value"])
    shown = _shown(field, value) if value is not None else "—"
    return met, [Explanation(node["label"], met, shown, depth, field=field, limit=node["value"])]
