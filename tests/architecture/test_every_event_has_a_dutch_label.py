"""Every action an event records has a Dutch label, so a timeline never shows a code such as `plan.activated`.

The actions are collected from the code itself: the `action` of every call of an event writer (`action_record`,
`_event_write`, and any function that passes its own `action` parameter on to one, such as work's
`_employer_event`). An action is a string constant, a conditional expression of constants, or an f-string whose
parts are local constants; the few parts that are a state or a transition name are expanded below from the
product's own enumerations, so a new value there needs its label too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "routekaart"
# The first part of the actions a household's timeline shows.
HOUSEHOLD_SUBJECTS = {
    "case",
    "signal",
    "intake",
    "plan",
    "decision",
    "trajectory",
    "assignment",
    "placement",
    "social_assistance",
    "consent",
    "membership",
}
WRITERS = {"action_record": ("action", None), "_event_write": ("action", None)}


def _expansions() -> dict[tuple[str, str], list[str]]:
    """The values of the f-string parts that are not constants in the code: (module, expression) -> values."""
    from routekaart.income.models import UseStatus
    from routekaart.routes import workflow
    from routekaart.work.models import MatchDecisionKind, OpeningStatus

    return {
        ("income/services/regulations.py", "status"): [UseStatus.GRANTED, UseStatus.REFUSED, UseStatus.ENDED],
        ("routes/services/steps.py", "move.name"): list(workflow.TRANSITIONS),
        ("work/services/openings.py", "status"): [OpeningStatus.CLOSED, OpeningStatus.FILLED],
        ("work/services/match_decisions.py", "kind"): list(MatchDecisionKind.values),
    }


def _product_modules(root: Path) -> dict[str, ast.Module]:
    return {
        str(path.relative_to(root)): ast.parse(path.read_text(encoding="utf-8"))
        for path in sorted(root.rglob("*.py"))
        if not {"tests", "migrations"} & set(path.relative_to(root).parts)
    }


def _called(node: ast.Call) -> str:
    return node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")


def _action_argument(node: ast.Call, keyword: str, position: int | None) -> ast.expr | None:
    for item in node.keywords:
        if item.arg == keyword:
            return item.value
    if position is not None and position < len(node.args):
        return node.args[position]
    return None


def _writers(modules: dict[str, ast.Module]) -> dict[str, tuple[str, int | None]]:
    """The event writers: the audit's, and every function that hands its own parameter on as the action."""
    writers = dict(WRITERS)
    changed = True
    while changed:
        changed = False
        for tree in modules.values():
            for function in ast.walk(tree):
                if not isinstance(function, ast.FunctionDef) or function.name in writers:
                    continue
                parameters = [a.arg for a in [*function.args.posonlyargs, *function.args.args]]
                keyword_only = [a.arg for a in function.args.kwonlyargs]
                for call in ast.walk(function):
                    if isinstance(call, ast.Call) and _called(call) in writers:
                        value = _action_argument(call, *writers[_called(call)])
                        if isinstance(value, ast.Name) and value.id in parameters + keyword_only:
                            position = parameters.index(value.id) if value.id in parameters else None
                            writers[function.name] = (value.id, position)
                            changed = True
    return writers


def _local_constants(function: ast.AST) -> dict[str, set[str]]:
    constants: dict[str, set[str]] = {}
    for node in ast.walk(function):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    constants.setdefault(target.id, set()).add(node.value.value)
    return constants


class Unresolved(Exception):
    pass


def _values(node: ast.expr, module: str, local: dict[str, set[str]], expansions) -> set[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    if isinstance(node, ast.IfExp):
        return _values(node.body, module, local, expansions) | _values(node.orelse, module, local, expansions)
    if isinstance(node, ast.Name) and node.id in local:
        return set(local[node.id])
    if isinstance(node, ast.JoinedStr):
        results = {""}
        for part in node.values:
            if isinstance(part, ast.FormattedValue):
                key = (module, ast.unparse(part.value))
                options = {str(v) for v in expansions[key]} if key in expansions else None
                if options is None:
                    options = _values(part.value, module, local, expansions)
            else:
                options = {part.value}
            results = {done + option for done in results for option in options}
        return results
    raise Unresolved(f"{module}:{node.lineno}: {ast.unparse(node)}")


def recorded_actions(root: Path = SRC, expansions=None) -> set[str]:
    """Every action string the code can record in an event."""
    modules = _product_modules(root)
    writers = _writers(modules)
    expansions = _expansions() if expansions is None else expansions
    actions: set[str] = set()
    for module, tree in modules.items():
        for function in [tree, *(n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef))]:
            local = _local_constants(function)
            body = function.body if isinstance(function, ast.Module) else [function]
            for statement in body:
                if isinstance(function, ast.Module) and isinstance(statement, ast.FunctionDef | ast.ClassDef):
                    continue
                for call in ast.walk(statement):
                    if not isinstance(call, ast.Call) or _called(call) not in writers:
                        continue
                    value = _action_argument(call, *writers[_called(call)])
                    if value is None:
                        continue
                    if isinstance(value, ast.Name) and value.id == writers.get(getattr(function, "name", ""), ("",))[0]:
                        continue  # a writer handing its parameter on: its callers name the action
                    actions |= _values(value, module, local, expansions)
    return actions


@pytest.fixture(scope="module")
def labels():
    from routekaart.audit.event_labels import labelled_actions

    return labelled_actions()


def test_the_collector_finds_the_actions_in_every_shape():
    actions = recorded_actions()
    assert {"plan.activated", "case.opened", "case.reopened", "trajectory.step_start"} <= actions
    assert {"assessment.completed", "assessment.started", "assessment.updated", "regulation.granted"} <= actions
    assert "vacancy.filled" in actions and "arrangement.closed" in actions
    assert len(actions) > 100


def test_every_recorded_action_has_a_dutch_label(labels):
    assert sorted(recorded_actions() - set(labels)) == []


def test_every_recorded_action_has_a_dutch_sentence():
    from routekaart.audit.event_labels import sentenced_actions

    assert sorted(recorded_actions() - sentenced_actions()) == []


def test_every_household_action_has_a_kind_to_filter_on():
    """An action about a household is of one of the kinds its timeline filters on (configuration loads need none)."""
    from routekaart.audit.event_labels import event_kind, event_kinds

    kinds = {code for code, _name in event_kinds()}
    about_households = {a for a in recorded_actions() if a.split(".")[0] in HOUSEHOLD_SUBJECTS}
    assert sorted(a for a in about_households if event_kind(a) not in kinds) == []


def test_an_unknown_action_reads_as_a_dutch_sentence_never_the_code():
    from routekaart.audit.event_labels import event_label

    label = event_label("something.new_happened")
    assert "something" not in label and "." not in label.rstrip(".") and label


def test_an_unknown_action_on_a_timeline_reads_as_a_dutch_sentence_never_the_code():
    from types import SimpleNamespace

    from routekaart.audit.event_labels import GENERIC, event_sentence

    event = SimpleNamespace(action="something.new_happened", before=None, after={"step": 3}, actor=None)
    assert event_sentence(event) == str(GENERIC)
