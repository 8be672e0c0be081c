"""One user action is one service call in one transaction: a refusal leaves the database exactly as it was.

A request handler that calls two state-changing services one after the other can save half an action: the first
commits its change and its event, the second refuses, and the answer is 400 with the first change still there.
This scan reads every function and method of every app's views and API modules (views.py, views/*.py, api/*.py,
web/views.py) and counts, per execution path, the calls to state-changing service functions; more than one on one
path fails. The composed action belongs in the service layer: one service, one transaction, one event.

How paths are counted (precise enough that no allowlist is needed):
- statements in sequence add up; `if`/`else`, `match` cases and `x if c else y` are exclusive (the larger branch
  counts), a `return` or `raise` ends its path, so an early return is exclusive with what follows;
- a call in a loop or comprehension counts as many (two), since it may run more than once;
- `try`: a handler continues from the body's count (a fallback after a refused service still is a second call);
- a nested function or lambda counts where it is referenced (passed to `service_form_submit`, `_step`, called);
- a call of a function or method of the same module counts that function's own largest path.

A state-changing service function is a public function defined in an app's `services` module or package that
writes: it saves, creates, updates or deletes rows, records an action, or calls such a service (read-only
helpers in a services module, such as `pseudonym` or a hook registration, are not state-changing).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "routekaart"
MANY = 2
# Method names that write rows (a model's save/delete, a manager's or queryset's create/update/delete) and the
# audit writers: a service function that calls one of these changes state.
WRITES = frozenset(
    {
        "save",
        "delete",
        "create",
        "update",
        "bulk_create",
        "bulk_update",
        "get_or_create",
        "update_or_create",
        "action_record",
        "processing_record",
        "_event_write",
        "set",
        "add",
        "remove",
        "clear",
    }
)


# --- the services: which public functions change state ---------------------------------------------------------


def _module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _resolve(current: str, is_package: bool, module: str | None, level: int) -> str:
    """The absolute module of `from <level dots><module> import ...` written in module `current`."""
    if level == 0:
        return module or ""
    base = current.split(".")
    if not is_package:
        base = base[:-1]
    base = base[: len(base) - (level - 1)] if level > 1 else base
    return ".".join([*base, module] if module else base)


def _service_packages(root: Path) -> dict[str, list[Path]]:
    """Per app: the files of its services module or package, keyed by the module name `routekaart.<app>.services`."""
    found = {}
    for app in sorted(p for p in root.iterdir() if p.is_dir()):
        if (app / "services.py").exists():
            found[_module_name(app / "services.py", root)] = [app / "services.py"]
        elif (app / "services").is_dir():
            found[_module_name(app / "services" / "__init__.py", root)] = sorted((app / "services").glob("*.py"))
    return found


def _called_names(node: ast.AST) -> set[str]:
    """The last name of every call in `node`: `x.y.save()` gives `save`, `helper()` gives `helper`."""
    names = set()
    for call in ast.walk(node):
        if isinstance(call, ast.Call):
            if isinstance(call.func, ast.Attribute):
                names.add(call.func.attr)
            elif isinstance(call.func, ast.Name):
                names.add(call.func.id)
    return names


@dataclass
class Services:
    """The state-changing public service functions, per services module (the package and each of its modules)."""

    by_module: dict[str, set[str]] = field(default_factory=dict)
    modules: set[str] = field(default_factory=set)  # the services packages and their modules

    def is_service_module(self, module: str) -> bool:
        return module in self.modules

    def changes_state(self, module: str, name: str) -> bool:
        package = next((p for p in self.by_module if module == p or module.startswith(p + ".")), None)
        return package is not None and name in self.by_module[package]


def services_index(root: Path = SRC) -> Services:
    index = Services()
    defined: dict[str, dict[str, ast.FunctionDef]] = {}
    for package, files in _service_packages(root).items():
        defined[package] = {}
        for path in files:
            index.modules.add(_module_name(path, root))
            for node in ast.parse(path.read_text(encoding="utf-8")).body:
                if isinstance(node, ast.FunctionDef):
                    defined[package][node.name] = node
    # A function writes if it calls a writer, or (transitively) another writing function of any services module.
    writing = {(package, name) for package, functions in defined.items() for name in functions}
    calls = {key: _called_names(defined[key[0]][key[1]]) for key in writing}
    all_names = {name for functions in defined.values() for name in functions}
    writes: set[tuple[str, str]] = {key for key in writing if calls[key] & WRITES}
    changed = True
    while changed:
        changed = False
        writing_names = {name for _package, name in writes}
        for key in writing - writes:
            if calls[key] & writing_names & all_names:
                writes.add(key)
                changed = True
    for package, functions in defined.items():
        public = {name for name in functions if not name.startswith("_")}
        index.by_module[package] = {name for name in public if (package, name) in writes}
    return index


# --- the handlers: how many state-changing service calls on one path -------------------------------------------


def handler_modules(root: Path = SRC) -> list[Path]:
    paths = set(root.glob("*/views.py")) | set(root.glob("*/views/*.py")) | set(root.glob("*/api/*.py"))
    return sorted(path for path in paths if "tests" not in path.parts)


class Module:
    """One views or API module: which names are services, and the largest path of each of its functions."""

    def __init__(self, path: Path, services: Services, root: Path = SRC):
        self.tree = ast.parse(path.read_text(encoding="utf-8"))
        self.services = services
        name = _module_name(path, root)
        is_package = path.name == "__init__.py"
        self.service_modules: set[str] = set()  # local names bound to a services module
        self.service_functions: set[str] = set()  # local names bound to a state-changing service function
        for node in ast.walk(self.tree):
            if isinstance(node, ast.ImportFrom):
                source = _resolve(name, is_package, node.module, node.level)
                for alias in node.names:
                    local = alias.asname or alias.name
                    if services.is_service_module(f"{source}.{alias.name}"):
                        self.service_modules.add(local)
                    elif services.changes_state(source, alias.name):
                        self.service_functions.add(local)
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.asname and services.is_service_module(alias.name):
                        self.service_modules.add(alias.asname)
        self.module_name = name
        self.functions: dict[str, ast.FunctionDef] = {}
        self.methods: dict[str, dict[str, ast.FunctionDef]] = {}
        for node in self.tree.body:
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                self.functions[node.name] = node
            elif isinstance(node, ast.ClassDef):
                self.methods[node.name] = {
                    item.name: item for item in node.body if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef)
                }
        self._largest: dict[int, int] = {}
        self._busy: set[int] = set()

    def handlers(self):
        for name, node in self.functions.items():
            yield name, node, None
        for class_name, methods in self.methods.items():
            for name, node in methods.items():
                yield f"{class_name}.{name}", node, class_name

    # A service call: `services.x(...)` with services a services module, or `x(...)` imported from one.
    def _service_call(self, call: ast.Call) -> str | None:
        func = call.func
        if isinstance(func, ast.Name) and func.id in self.service_functions:
            return func.id
        if (
            isinstance(func, ast.Attribute)
            and isinstance(func.value, ast.Name)
            and func.value.id in self.service_modules
        ):
            module = self._module_of(func.value.id)
            if module and self.services.changes_state(module, func.attr):
                return f"{func.value.id}.{func.attr}"
        return None

    def _module_of(self, local: str) -> str | None:
        for node in ast.walk(self.tree):
            if isinstance(node, ast.ImportFrom):
                for alias in node.names:
                    if (alias.asname or alias.name) == local:
                        source = _resolve(self.module_name, False, node.module, node.level)
                        return f"{source}.{alias.name}"
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.asname == local:
                        return alias.name
        return None

    def largest(self, node: ast.FunctionDef, class_name: str | None, nested: dict[str, int] | None = None) -> int:
        """The most state-changing service calls on one path through `node`."""
        if id(node) in self._busy:
            return MANY  # recursion: may run more than once
        if id(node) not in self._largest:
            self._busy.add(id(node))
            counter = _Paths(self, class_name, dict(nested or {}), _bound_names(node))
            live, ended = counter.block(node.body, 0)
            self._largest[id(node)] = max(live or 0, ended)
            self._busy.discard(id(node))
        return self._largest[id(node)]


def _bound_names(node: ast.FunctionDef) -> set[str]:
    arguments = node.args
    names = {a.arg for a in [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]}
    names |= {a.arg for a in [arguments.vararg, arguments.kwarg] if a is not None}
    return names | {n.id for n in ast.walk(node) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}


class _Paths:
    """Counts service calls per path through one function body."""

    def __init__(self, module: Module, class_name: str | None, nested: dict[str, int], local: set[str]):
        self.module = module
        self.class_name = class_name
        self.nested = nested  # nested functions of the handler, by name: their own largest path
        self.local = local  # names the function binds itself (arguments, assignments): not the module's functions

    # Expressions: calls add up; exclusive parts (x if c else y) take the larger; loops count as many.
    def expr(self, node: ast.AST | None) -> int:
        if node is None:
            return 0
        if isinstance(node, ast.IfExp):
            return self.expr(node.test) + max(self.expr(node.body), self.expr(node.orelse))
        if isinstance(node, ast.Lambda):
            return self.expr(node.body)
        if isinstance(node, ast.ListComp | ast.SetComp | ast.GeneratorExp | ast.DictComp):
            inner = sum(self.expr(child) for child in ast.iter_child_nodes(node))
            return MANY if inner else 0
        if isinstance(node, ast.Name):
            return self._reference(node.id)
        total = 0
        children = list(ast.iter_child_nodes(node))
        if isinstance(node, ast.Call):
            if self.module._service_call(node):
                total += 1
                children.remove(node.func)
            elif isinstance(node.func, ast.Attribute):
                total += self._local_call(node.func)
        return total + sum(self.expr(child) for child in children)

    def _reference(self, name: str) -> int:
        """A nested function or a function of this module, called or passed on (to service_form_submit, _step)."""
        if name in self.nested:
            return self.nested[name]
        if name in self.module.functions and name not in self.local:
            return self.module.largest(self.module.functions[name], None)
        return 0

    def _local_call(self, func: ast.AST) -> int:
        """A call of a method of this class (self.x) counts that method's largest path."""
        module = self.module
        if (
            isinstance(func, ast.Attribute)
            and isinstance(func.value, ast.Name)
            and func.value.id in {"self", "cls"}
            and self.class_name is not None
        ):
            for methods in [module.methods.get(self.class_name, {}), *module.methods.values()]:
                if func.attr in methods:
                    return module.largest(methods[func.attr], self.class_name)
        return 0

    # Statements: returns (the largest count of a path still running or None, the largest count of an ended path).
    def block(self, statements: list[ast.stmt], start: int | None) -> tuple[int | None, int]:
        live, ended = start, 0
        for statement in statements:
            if live is None:
                break
            live, more = self.statement(statement, live)
            ended = max(ended, more)
        return live, ended

    def statement(self, node: ast.stmt, count: int) -> tuple[int | None, int]:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            inner = _Paths(self.module, self.class_name, self.nested, self.local | _bound_names(node))
            live, ended = inner.block(node.body, 0)
            self.nested[node.name] = max(live or 0, ended)
            return count, 0
        if isinstance(node, ast.ClassDef):
            return count, 0
        if isinstance(node, ast.Return | ast.Raise):
            value = node.value if isinstance(node, ast.Return) else node.exc
            return None, count + self.expr(value)
        if isinstance(node, ast.If):
            count += self.expr(node.test)
            return self._either([self.block(node.body, count), self.block(node.orelse, count)])
        if isinstance(node, ast.Match):
            count += self.expr(node.subject)
            cases = [self.block(case.body, count) for case in node.cases]
            return self._either([*cases, (count, 0)])
        if isinstance(node, ast.For | ast.AsyncFor | ast.While):
            head = self.expr(node.iter if not isinstance(node, ast.While) else node.test)
            live, ended = self.block(node.body, 0)
            body = max(live or 0, ended)
            once = head + (MANY * body if body else 0)
            after_else, ended_else = self.block(node.orelse, count + once)
            return after_else, max(ended_else, count + once if ended else 0)
        if isinstance(node, ast.Try | ast.TryStar):
            live, ended = self.block(node.body, count)
            reached = max(live if live is not None else count, count)
            outcomes = [self.block(handler.body, reached) for handler in node.handlers]
            outcomes.append(self.block(node.orelse, live) if live is not None else (None, ended))
            live, more = self._either(outcomes)
            ended = max(ended, more)
            if node.finalbody:
                final_live, final_ended = self.block(node.finalbody, live if live is not None else reached)
                return (final_live if live is not None else None), max(ended, final_ended)
            return live, ended
        if isinstance(node, ast.With | ast.AsyncWith):
            count += sum(self.expr(item.context_expr) for item in node.items)
            return self.block(node.body, count)
        return count + sum(self.expr(child) for child in ast.iter_child_nodes(node)), 0

    @staticmethod
    def _either(outcomes: list[tuple[int | None, int]]) -> tuple[int | None, int]:
        lives = [live for live, _ended in outcomes if live is not None]
        return (max(lives) if lives else None), max(ended for _live, ended in outcomes)


def handlers_with_more_than_one_service(root: Path = SRC) -> dict[str, int]:
    services = services_index(root)
    found = {}
    for path in handler_modules(root):
        module = Module(path, services, root)
        for name, node, class_name in module.handlers():
            largest = module.largest(node, class_name)
            if largest > 1:
                found[f"{path.relative_to(root)}:{name}"] = largest
    return found


def test_every_handler_calls_at_most_one_state_changing_service_per_path():
    assert handlers_with_more_than_one_service() == {}


SYNTHETIC_SERVICES = """
from django.db import transaction
from .models import Thing


def pseudonym(value):
    return str(value)


@transaction.atomic
def first(*, thing):
    thing.save()


@transaction.atomic
def second(*, thing):
    Thing.objects.create(name=thing.name)


@transaction.atomic
def both(*, thing):
    first(thing=thing)
"""

SYNTHETIC_VIEWS = """
from . import services
from .services import second as make


def half(request, thing):
    services.first(thing=thing)
    return make(thing=thing)


def nested_half(request, thing):
    def ask(data):
        current = services.first(thing=thing) if data else None
        return services.second(thing=current)

    return service_form_submit(request, ask)


def lambda_once(request, thing):
    return service_form_submit(request, lambda data: services.both(thing=thing)) or render(request)


def branches(request, thing):
    if request.method == "POST":
        services.first(thing=thing)
    else:
        services.second(thing=thing)
    return render(request)


def early_return(request, thing):
    if thing is None:
        return services.first(thing=thing)
    services.second(thing=thing)
    services.pseudonym(thing)
    return render(request)


def in_a_loop(request, things):
    for thing in things:
        services.first(thing=thing)


def fallback(request, thing):
    try:
        services.first(thing=thing)
    except ValueError:
        services.second(thing=thing)


def refused(request, thing):
    try:
        services.first(thing=thing)
    except ValueError as error:
        return render(request, error)
    return redirect("home")


def _helper(thing):
    return services.first(thing=thing)


def through_a_helper(request, thing):
    _helper(thing)
    services.second(thing=thing)


class Steps:
    def _step(self, call):
        return call(self.thing)

    def one(self, request):
        def call(thing):
            return services.both(thing=thing)

        return self._step(call)

    def two(self, request):
        self._step(lambda thing: services.first(thing=thing))
        return services.second(thing=None)
"""


def test_the_scan_sees_half_actions_and_lets_exclusive_branches_pass(tmp_path):
    app = tmp_path / "routekaart" / "things"
    app.mkdir(parents=True)
    (app / "services.py").write_text(SYNTHETIC_SERVICES, encoding="utf-8")
    (app / "views.py").write_text(SYNTHETIC_VIEWS, encoding="utf-8")
    found = handlers_with_more_than_one_service(tmp_path / "routekaart")
    assert set(found) == {
        f"things/views.py:{name}"
        for name in ["half", "nested_half", "in_a_loop", "fallback", "through_a_helper", "Steps.two"]
    }
    changing = services_index(tmp_path / "routekaart").by_module
    assert changing == {"routekaart.things.services": {"first", "second", "both"}}


# --- every state-changing service runs in one transaction ------------------------------------------------------


def _atomic(node: ast.expr) -> bool:
    """`transaction.atomic`, `atomic`, or either called (`transaction.atomic(using=...)`)."""
    if isinstance(node, ast.Call):
        node = node.func
    return (isinstance(node, ast.Attribute) and node.attr == "atomic") or (
        isinstance(node, ast.Name) and node.id == "atomic"
    )


def _runs_in_one_transaction(node: ast.FunctionDef) -> bool:
    """Decorated atomic, or every write is inside a `with transaction.atomic()` block of the body."""
    if any(_atomic(decorator) for decorator in node.decorator_list):
        return True
    blocks = [n for n in ast.walk(node) if isinstance(n, ast.With) and any(_atomic(i.context_expr) for i in n.items)]
    if not blocks:
        return False
    inside = {id(n) for block in blocks for n in ast.walk(block)}
    return not any(
        isinstance(n, ast.Call) and id(n) not in inside and isinstance(n.func, ast.Attribute) and n.func.attr in WRITES
        for n in ast.walk(node)
    )


# The audit writers are the building blocks every service calls inside its own transaction, so the change, its
# event and its log entries land together (`action_record`); reads log through `processing_record` in one insert,
# and a refusal's entry is written after the request's transaction on purpose. They are no action of their own.
IN_THE_CALLERS_TRANSACTION = frozenset({"audit/services.py:action_record", "audit/services.py:processing_record"})


def services_outside_a_transaction(root: Path = SRC) -> list[str]:
    index = services_index(root)
    found = []
    for package, files in _service_packages(root).items():
        for path in files:
            for node in ast.parse(path.read_text(encoding="utf-8")).body:
                if isinstance(node, ast.FunctionDef) and node.name in index.by_module[package]:
                    name = f"{path.relative_to(root)}:{node.name}"
                    if not _runs_in_one_transaction(node) and name not in IN_THE_CALLERS_TRANSACTION:
                        found.append(name)
    return sorted(found)


def test_every_state_changing_service_runs_in_one_transaction():
    assert services_outside_a_transaction() == []


def test_the_transaction_check_sees_a_service_that_writes_outside_one(tmp_path):
    app = tmp_path / "routekaart" / "things"
    app.mkdir(parents=True)
    (app / "services.py").write_text(
        SYNTHETIC_SERVICES
        + """

def loose(*, thing):
    thing.save()


def half_wrapped(*, thing):
    thing.save()
    with transaction.atomic():
        thing.delete()


def wrapped(*, thing):
    with transaction.atomic():
        thing.save()
""",
        encoding="utf-8",
    )
    assert services_outside_a_transaction(tmp_path / "routekaart") == [
        "things/services.py:half_wrapped",
        "things/services.py:loose",
    ]
