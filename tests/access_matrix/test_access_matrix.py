"""Every route of the project, asked as every role, about a household the role is and is not involved with.

The expected answer of each cell is derived (`expected_allowed`) from the route's one entry in `rules.RULES`, the
register's `roles:` and `domain:` of its processing activity, and `ROLE_DOMAINS`; see rules.py for the rule.
Allowed: 2xx/3xx; an empty write may also be refused as invalid (400). Only methods a route declares are asked:
GET where it has it, and one write method with an empty body where it has one (pages and API alike). Not allowed: 403,
or 404 where the route hides existence, for the involved and the uninvolved cell alike, and no event recorded
(nothing changed). Never 500; and the names of the household nobody of the matrix is involved with never appear
in any answer (nor any resident's name for a role that sees no domain).
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from routekaart.audit.models import Event
from routekaart.organisations.roles import ROLE_DOMAINS, Role

from . import register
from .rules import (
    EXEMPT_NAMES,
    EXEMPT_PATHS,
    NON_PERSONAL,
    ORGANISATION_SCOPED_KINDS,
    PERSONAL_KINDS,
    ROLE_LEVEL_KINDS,
    RULES,
    Rule,
)
from .world import MARK_IN, MARK_OUT

UNSAFE = ("post", "put", "patch", "delete")

# Cells where the product is known to answer wrongly and a fix is under way; the lead empties this set.
# Each entry is (route name, method, role, cell); strict xfail, so a fixed cell fails until it is removed here.
KNOWN_GAPS: set[tuple[str, str, str, str]] = set()


@dataclass(frozen=True)
class Route:
    name: str
    path: str
    kwargs: tuple[str, ...]
    api: bool
    methods: tuple[str, ...]  # lower case, as the route declares them


def declared_methods(callback) -> tuple[str, ...]:
    """The HTTP methods a view answers: a viewset's actions, an APIView's handlers, or the list given to Django's
    require_http_methods / require_GET / require_POST (found in the decorator's closure); GET when none is said."""
    actions = getattr(callback, "actions", None)
    if actions:
        return tuple(m for m in ("get", *UNSAFE) if m in actions)
    view_class = getattr(callback, "cls", None) or getattr(callback, "view_class", None)
    if view_class is not None:
        return tuple(m for m in ("get", *UNSAFE) if hasattr(view_class, m))
    function = callback
    while function is not None:
        for cell in getattr(function, "__closure__", None) or ():
            try:
                value = cell.cell_contents
            except ValueError:
                continue
            if isinstance(value, list | tuple) and value and all(isinstance(v, str) and v.isupper() for v in value):
                return tuple(m for m in ("get", *UNSAFE) if m.upper() in value)
        function = getattr(function, "__wrapped__", None)
    return ("get",)


def _walk(resolver, prefix: str = "", namespace: str | None = None):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from _walk(pattern, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            converters = getattr(pattern.pattern, "converters", None)
            keywords = tuple(converters) if converters else tuple(pattern.pattern.regex.groupindex)
            yield Route(
                name=name or "",
                path=prefix + str(pattern.pattern),
                kwargs=keywords,
                api=(prefix + str(pattern.pattern)).startswith("api/"),
                methods=declared_methods(pattern.callback),
            )


def project_routes() -> list[Route]:
    return list(_walk(get_resolver()))


def exempt(route: Route) -> str:
    for prefix, reason in EXEMPT_PATHS.items():
        if route.path.startswith(prefix):
            return reason
    return EXEMPT_NAMES.get(route.name, "")


def _methods(route: Route) -> list[str]:
    """GET where the route has it, and one write method (probed with an empty body) where it has one."""
    methods = ["get"] if "get" in route.methods else []
    return methods + [m for m in UNSAFE if m in route.methods][:1]


def _subject(rule: Rule, method: str) -> tuple[str, str, frozenset[str] | None]:
    if method != "get" and (rule.write_subject or rule.write_activity or rule.write_roles is not None):
        return (
            rule.write_subject or rule.subject,
            rule.write_activity or rule.activity,
            rule.write_roles if rule.write_roles is not None else rule.roles,
        )
    return rule.subject, rule.activity, rule.roles


def _role_gate(activity: str, roles: frozenset[str] | None, role: str) -> bool:
    if activity in NON_PERSONAL:
        return role in (roles or frozenset())
    return role in register.roles_of(activity) and (roles is None or role in roles)


def expected_allowed(subject: str, activity: str, roles: frozenset[str] | None, role: str, cell: str) -> bool:
    """THE rule: derived from the route's entry, the register and ROLE_DOMAINS, never written per cell."""
    if not _role_gate(activity, roles, role):
        return False
    if subject == "none" or activity in NON_PERSONAL or subject in ROLE_LEVEL_KINDS:
        return True
    if subject in ORGANISATION_SCOPED_KINDS:
        return cell == "in"  # the own organisation's (the world's provider's), never another's, whatever involvement
    if register.domain_of(activity) not in ROLE_DOMAINS[role]:
        return False
    return cell == "in"  # involved; for the resident: their own household


def _cell_label(subject: str, activity: str, role: str, cell: str) -> str:
    if cell == "none":
        return "no-subject"
    if subject in ORGANISATION_SCOPED_KINDS:
        return "own-organisation" if cell == "in" else "other-organisation"
    if role == Role.RESIDENT:
        return "own-household" if cell == "in" else "other-household"
    if cell == "out":
        return "uninvolved"
    domain = register.domain_of(activity) if activity not in NON_PERSONAL else ""
    if subject in PERSONAL_KINDS and domain and domain not in ROLE_DOMAINS[role]:
        return f"involved-domain-{domain}-not-seen"
    return "involved"


def _cases():
    for route in project_routes():
        if exempt(route) or route.name not in RULES:
            continue
        rule = RULES[route.name]
        for method in _methods(route):
            subject, activity, roles = _subject(rule, method)
            two_cells = subject in PERSONAL_KINDS or subject in ORGANISATION_SCOPED_KINDS or subject == "emergency"
            cells = ("in", "out") if two_cells else ("none",)
            for role in Role.values:
                for cell in cells:
                    if cell == "out" and subject != "emergency" and not _role_gate(activity, roles, role):
                        # refused whatever the household, so the involved cell is the stronger question; asking
                        # the uninvolved one too would add a third to the run time (make test: well under 2 min).
                        # Break the glass is meant for uninvolved households: there both cells are asked.
                        continue
                    label = _cell_label(subject, activity, role, cell)
                    marks = []
                    if (route.name, method, role, label) in KNOWN_GAPS:
                        marks.append(pytest.mark.xfail(strict=True, reason="KNOWN_GAPS: the lead is fixing this"))
                    yield pytest.param(
                        route, method, role, cell, id=f"{route.name}|{method.upper()}|{role}|{label}", marks=marks
                    )


def _lookup(world, cell: str, key: str):
    """The cell's household object of `key` (H_out's for the uninvolved cell, else H_in's), or a shared one."""
    side = world.h_out if cell == "out" else world.h_in
    if key in side.ids:
        return side.ids[key]
    if key in world.shared:
        return world.shared[key]
    return None


def _query(world, rule: Rule, cell: str) -> dict[str, object]:
    """The rule's query parameters: "today" is today's date, "@key" names the cell's object like a URL keyword
    does (a fragment that takes its household and resident as parameters is asked about H_in and H_out alike)."""
    query: dict[str, object] = {}
    for name, value in rule.query.items():
        if value == "today":
            query[name] = timezone.localdate().isoformat()
        elif value.startswith("@"):
            found = _lookup(world, cell, value[1:])
            if found in (None, ""):
                pytest.fail(f"the world has no object {value[1:]!r} for query parameter {name!r}")
            query[name] = found
        else:
            query[name] = value
    return query


def _url(world, route: Route, rule: Rule, cell: str) -> str:
    side = world.h_out if cell == "out" else world.h_in

    def lookup(key):
        return _lookup(world, cell, key)

    kwargs = {}
    for keyword in route.kwargs:
        if keyword in rule.extra:
            value = rule.extra[keyword]
            found = lookup(value) if isinstance(value, str) else None
            kwargs[keyword] = found if found is not None else value
        elif keyword in ("pk", "code", "key", "cluster", "cluster__code"):
            kwargs[keyword] = lookup(rule.pk)
        elif keyword == "number":
            kwargs[keyword] = 1
        else:
            kwargs[keyword] = lookup(keyword)
        if kwargs[keyword] in (None, ""):
            pytest.fail(
                f"the world has no object for URL keyword {keyword!r} of {route.name} "
                f"(could not build: {side.missing or 'nothing missing'})"
            )
    return reverse(route.name, kwargs=kwargs)


def _text(response) -> str:
    kind = response.get("Content-Type", "")
    if "html" in kind or "json" in kind or "text" in kind:
        body = b"".join(response.streaming_content) if response.streaming else response.content  # a download
        return body.decode(errors="replace")
    return ""


def test_every_route_has_a_rule_or_a_stated_exemption():
    missing = [r.path for r in project_routes() if not exempt(r) and r.name not in RULES]
    assert not missing, f"routes without an entry in tests/access_matrix/rules.py: {missing}"
    names = {r.name for r in project_routes()}
    stale = sorted(set(RULES) - names)
    assert not stale, f"rules for routes that no longer exist: {stale}"


def test_every_rule_names_an_activity_of_the_register():
    unknown = {
        name: code
        for name, rule in RULES.items()
        for code in {rule.activity, rule.write_activity or rule.activity}
        if code not in NON_PERSONAL and code not in register.activities()
    }
    assert not unknown


def test_every_activity_names_its_roles():
    """The register says, per activity, which roles may process under it (the matrix falls back until then)."""
    without = sorted(code for code, row in register.activities().items() if row["roles"] is None)
    assert not without, f"activities without roles: in processing_activities.yaml: {without}"


@pytest.mark.parametrize(("route", "method", "role", "cell"), list(_cases()))
def test_access_matrix(world, clients, in_savepoint, route, method, role, cell):
    rule = RULES[route.name]
    subject, activity, roles = _subject(rule, method)
    allowed = expected_allowed(subject, activity, roles, role, cell)
    url = _url(world, route, rule, cell)
    client = clients[role]
    query = _query(world, rule, cell)
    events_before = Event.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    headers = {"HX-Request": "true"} if rule.htmx else {}
    if method == "get":
        response = client.get(url, query, headers=headers)
    elif route.api and rule.content_type:  # an empty body of the media type the route reads
        response = getattr(client, method)(url, data=b"", content_type=rule.content_type, headers=headers)
    elif route.api:
        response = getattr(client, method)(url, data="{}", content_type="application/json", headers=headers)
    else:
        response = client.post(url, headers=headers)
    status = response.status_code
    where = f"{method.upper()} {url} as {role}"
    assert status < 500, f"{where}: server error {status}"
    text = _text(response)
    assert MARK_OUT not in text, f"{where}: shows a resident of the household nobody of this role is involved with"
    if not any(ROLE_DOMAINS[role]) and role != Role.RESIDENT:
        assert MARK_IN not in text, f"{where}: a role that sees no domain gets a resident's name"
    if allowed:
        location = response.get("Location", "")
        assert "/accounts/" not in location, f"{where}: sent to {location} instead of answered"
        # only methods the route has are asked, so 405 is never an answer here
        ok = 200 <= status < 400 or (method != "get" and status == 400)
        assert ok, f"{where}: expected allowed (2xx/3xx, or 400 for an empty write), got {status}"
    else:
        hidden = rule.hides and _role_gate(activity, roles, role)
        want = 404 if hidden else 403
        assert status == want, f"{where}: expected {want} (not allowed), got {status}"
        changed = list(Event.objects.filter(pk__gt=events_before).values_list("action", flat=True))
        assert not changed, f"{where}: refused, yet it changed something: {changed}"


def test_the_world_has_every_object_the_routes_need(world, in_savepoint):
    assert not world.h_in.missing and not world.h_out.missing, (world.h_in.missing, world.h_out.missing)


@pytest.mark.django_db
def test_the_matrix_reads_the_register_the_loader_loads():
    """The matrix reads the register's file; the loaded register (what the access check consults) must agree."""
    from routekaart.audit.configuration import processing_activities_load
    from routekaart.audit.models import ProcessingActivity

    processing_activities_load()
    loaded = {a.code: a for a in ProcessingActivity.objects.all()}
    for code, row in register.activities().items():
        assert loaded[code].domain == row["domain"], code
        if hasattr(loaded[code], "roles") and row["roles"] is not None:
            assert frozenset(loaded[code].roles) == row["roles"], code


CONSENT_ROUTES = ("work:candidate_detail", "work:placement_detail", "work-profile-detail", "work-placement-detail")


@pytest.mark.parametrize("name", CONSENT_ROUTES)
def test_the_employer_adviser_sees_a_work_profile_exactly_while_its_owner_consents(world, clients, in_savepoint, name):
    """The adviser's one door (ROLE_DOMAINS gives it nothing): the resident's consent to share the work profile
    with the adviser's organisation. With it the profile opens; the other household's stays closed."""
    import datetime

    from routekaart.residents.models import Consent

    route = next(r for r in project_routes() if r.name == name)
    client = clients[Role.EMPLOYER_ADVISER]
    inside, outside = _url(world, route, RULES[name], "in"), _url(world, route, RULES[name], "out")
    assert client.get(inside).status_code == 403, "without consent"
    Consent.objects.create(
        resident=world.h_in.head,
        household=world.h_in.household,
        organisation=world.org_in,
        domain="P",
        scope="Werkprofiel delen met de werkgeversadviseur",
        valid_from=datetime.date(2024, 1, 1),
    )
    opened = client.get(inside)
    assert opened.status_code == 200, f"{inside} with consent: {opened.status_code}"
    assert MARK_OUT not in _text(opened)
    assert client.get(outside).status_code == 403, "another household's profile, without its consent"
