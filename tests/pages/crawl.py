"""A crawler over the whole site, per signed-in role: every page a link reaches, every form on it, and then every
URL pattern no link reached, filled with the dataset's ids.

The pages and forms found are plain data (URL, status, HTML, fields with their HTML limits), so the tests can read
them as often as they like. Only GET requests are sent while crawling; what a GET writes (the processing log of who
read what) is rolled back with the dataset at the end of the module.
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlencode, urljoin, urlsplit

import pytest
from django.test import Client
from django.urls import Resolver404, resolve, reverse

# Never followed: the Django admin (outside the role model, English by design), the API (its own fuzz test), static
# files, and the language switch.
# /mijn/oidc/ leaves the site for the DigiD broker (its round trip: portal/tests/test_login_round_trip.py).
SKIPPED_PREFIXES = ("/beheer/", "/api/", "/static/", "/media/", "/i18n/", "/mijn/oidc/")
SKIPPED_ROUTE_NAMES = frozenset({"logout", "healthz"})
MAX_PAGES_PER_ROLE = 250
# A worklist links to many objects of one kind; a few of each pattern tell as much as all of them.
MAX_PAGES_PER_PATTERN = 2
TEXT_SKIPPED_TAGS = frozenset({"script", "style", "template", "noscript"})
VOID_TAGS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"})


@dataclass
class Field:
    """One control of a form, with the limits its HTML declares."""

    name: str
    tag: str  # input, select, textarea
    kind: str  # the input's type, or the tag for select/textarea
    value: str = ""
    required: bool = False
    checked: bool = False
    disabled: bool = False
    attrs: dict[str, str] = field(default_factory=dict)
    options: list[str] = field(default_factory=list)  # select options and radio values
    selected: list[str] = field(default_factory=list)

    @property
    def visible(self) -> bool:
        return self.kind not in ("hidden", "submit", "button", "reset", "image") and not self.disabled

    def number(self, attribute: str) -> float | None:
        try:
            return float(self.attrs[attribute])
        except (KeyError, ValueError):
            return None


@dataclass
class Form:
    page_url: str
    role: str
    action: str
    method: str
    fields: list[Field]
    novalidate: bool = False
    form_id: str = ""
    index: int = 0  # its place among the page's forms
    htmx: bool = False  # posted by htmx (hx-post): the page sends HX-Request and swaps in the answer
    search: bool = False  # role="search": a search posted to keep the words out of the URL, not a write

    @property
    def route(self) -> str:
        return route_name(self.action)

    @property
    def visible_fields(self) -> list[Field]:
        return [f for f in self.fields if f.visible]

    @property
    def hidden(self) -> dict[str, str]:
        return {f.name: f.value for f in self.fields if f.kind == "hidden" and f.name}

    def signature(self) -> tuple:
        """Forms that post to the same pattern with the same fields are the same form, whichever page shows it."""
        return self.route, tuple(sorted({(f.name, f.kind) for f in self.visible_fields}))


@dataclass
class Page:
    role: str
    url: str
    status: int
    content_type: str
    html: str
    route: str
    found_by: str  # "link" or "pattern"
    location: str = ""

    @property
    def is_html(self) -> bool:
        return "html" in self.content_type


@dataclass
class Crawl:
    pages: list[Page] = field(default_factory=list)
    forms: list[Form] = field(default_factory=list)
    patterns: list[str] = field(default_factory=list)  # every page pattern of the project (GET, not skipped)
    reached_by_link: set[str] = field(default_factory=set)
    reached_by_pattern: set[str] = field(default_factory=set)
    not_reached: dict[str, str] = field(default_factory=dict)  # pattern → why

    def summary(self) -> str:
        return (
            f"{len(self.pages)} pages, {len(self.forms)} forms ({len(unique_forms(self.forms))} distinct), "
            f"{len(self.reached_by_link | self.reached_by_pattern)} of {len(self.patterns)} page patterns "
            f"({len(self.reached_by_link)} by a link, {len(self.reached_by_pattern - self.reached_by_link)} only by "
            f"filling the pattern); not reached: {self.not_reached or 'none'}"
        )


def route_name(url: str) -> str:
    try:
        return resolve(urlsplit(url).path).view_name
    except Resolver404:
        return ""


def unique_forms(forms: list[Form]) -> list[Form]:
    seen, unique = set(), []
    for form in forms:
        if form.signature() not in seen:
            seen.add(form.signature())
            unique.append(form)
    return unique


class PageParser(HTMLParser):
    """The links, forms and visible text of one HTML page (the standard library's parser: no dependency)."""

    def __init__(self, url: str) -> None:
        super().__init__(convert_charrefs=True)
        self.url = url
        self.links: list[str] = []
        self.forms: list[Form] = []
        self.text: list[str] = []
        self._skip = 0
        self._form: Form | None = None
        self._select: Field | None = None
        self._option: dict | None = None
        self._textarea: Field | None = None
        self.summary_links: list[str] = []  # the error summary's links (#field-id), when the page has one
        self.summary_text: list[str] = []
        self.has_summary = False
        self._summary_depth = 0

    def handle_starttag(self, tag: str, attrs_list) -> None:
        attrs = {k: (v if v is not None else "") for k, v in attrs_list}
        if tag in TEXT_SKIPPED_TAGS:
            self._skip += 1
        if attrs.get("id") == "error-summary":
            self.has_summary = True
            self._summary_depth = 1
        elif self._summary_depth and tag not in VOID_TAGS:
            self._summary_depth += 1
        if self._summary_depth and tag == "a" and attrs.get("href", "").startswith("#"):
            self.summary_links.append(attrs["href"][1:])
        if tag == "a" and attrs.get("href") and "download" not in attrs:
            self.links.append(urljoin(self.url, attrs["href"]))
        elif tag == "form":
            self._form = Form(
                page_url=self.url,
                role="",
                action=urljoin(self.url, attrs.get("hx-post") or attrs.get("action") or self.url),
                method="post" if "hx-post" in attrs else (attrs.get("method") or "get").lower(),
                fields=[],
                novalidate="novalidate" in attrs,
                form_id=attrs.get("id", ""),
                htmx="hx-post" in attrs,
                search=attrs.get("role") == "search",
            )
        elif self._form is not None and tag in ("input", "select", "textarea", "button"):
            self._control(tag, attrs)
        elif tag == "option" and self._select is not None:
            self._option = {"value": attrs.get("value"), "selected": "selected" in attrs, "text": ""}

    def _control(self, tag: str, attrs: dict[str, str]) -> None:
        kind = tag
        if tag in ("input", "button"):
            kind = (attrs.get("type") or ("submit" if tag == "button" else "text")).lower()
        control = Field(
            name=attrs.get("name", ""),
            tag=tag,
            kind=kind,
            value=attrs.get("value", ""),
            required="required" in attrs,
            checked="checked" in attrs,
            disabled="disabled" in attrs,
            attrs=attrs,
        )
        if kind == "radio":
            same = next((f for f in self._form.fields if f.kind == "radio" and f.name == control.name), None)
            if same is not None:
                same.options.append(control.value)
                same.required = same.required or control.required
                if control.checked:
                    same.selected.append(control.value)
                return
            control.options.append(control.value)
            if control.checked:
                control.selected.append(control.value)
        self._form.fields.append(control)
        if tag == "select":
            self._select = control
        elif tag == "textarea":
            self._textarea = control

    def handle_endtag(self, tag: str) -> None:
        if self._summary_depth and tag not in VOID_TAGS:
            self._summary_depth -= 1
        if tag in TEXT_SKIPPED_TAGS and self._skip:
            self._skip -= 1
        if tag == "form" and self._form is not None:
            self._form.index = len(self.forms)
            self.forms.append(self._form)
            self._form = None
        elif tag == "option" and self._option is not None:
            self._option_end()
        elif tag == "select":
            if self._option is not None:
                self._option_end()
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def _option_end(self) -> None:
        option, self._option = self._option, None
        value = option["value"] if option["value"] is not None else option["text"].strip()
        self._select.options.append(value)
        if option["selected"]:
            self._select.selected.append(value)

    def handle_data(self, data: str) -> None:
        if self._option is not None:
            self._option["text"] += data
        if self._textarea is not None:
            self._textarea.value += data
            return
        if not self._skip and data.strip():
            self.text.append(data.strip())
            if self._summary_depth:
                self.summary_text.append(data.strip())


def parse(url: str, html: str) -> PageParser:
    parser = PageParser(url)
    parser.feed(html)
    parser.close()
    return parser


def visible_text(html: str) -> str:
    return " ".join(parse("http://testserver/", html).text)


def _same_site(url: str) -> str | None:
    """The path and query of a link within the site worth following, or None."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https", "") or parts.netloc not in ("", "testserver"):
        return None
    if not parts.path or parts.path.startswith(SKIPPED_PREFIXES):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def crawl_role(client: Client, role: str, into: Crawl, seeds: tuple[str, ...] = ()) -> None:
    """Breadth first from the role's home (and the seeds given), following every same-site link (GET only),
    bounded."""
    queue, seen, per_pattern = deque(["/", *seeds]), set(), {}
    while queue and len(seen) < MAX_PAGES_PER_ROLE:
        url = queue.popleft()
        if url in seen:
            continue
        name = route_name(url)
        if name in SKIPPED_ROUTE_NAMES or per_pattern.get(name, 0) >= MAX_PAGES_PER_PATTERN:
            continue
        seen.add(url)
        per_pattern[name] = per_pattern.get(name, 0) + 1
        page = visit(client, role, url, "pattern" if url in seeds else "link", into)
        if page.status in (301, 302):
            location = _same_site(urljoin("http://testserver" + url, page.location))
            if location and not location.startswith("/accounts/login"):
                queue.append(location)
            continue
        if not page.is_html or page.status != 200:
            continue
        found = parse("http://testserver" + url, page.html)
        for form in found.forms:
            form.role = role
            into.forms.append(form)
        for link in found.links:
            target = _same_site(link.split("#")[0])
            if target and target not in seen:
                queue.append(target)


def visit(client: Client, role: str, url: str, found_by: str, into: Crawl) -> Page:
    response = client.get(url)
    kind = response.get("Content-Type", "")
    streamed = getattr(response, "streaming", False)
    html = response.content.decode(errors="replace") if "html" in kind and not streamed else ""
    page = Page(role, url, response.status_code, kind, html, route_name(url), found_by, response.get("Location", ""))
    into.pages.append(page)
    if page.route:
        (into.reached_by_link if found_by == "link" else into.reached_by_pattern).add(page.route)
    return page


def pattern_urls(world, into: Crawl) -> dict[str, str]:
    """Every page pattern of the project (GET, not skipped), filled with the ids of the dataset's involved
    household (the access matrix's rules say which object each URL keyword names; for the portal's routes its
    PORTAL_OBJECTS)."""
    from tests.access_matrix.rules import RULES, R, portal_url_kwargs
    from tests.access_matrix.test_access_matrix import _query, _url, project_routes

    urls = {}
    for route in project_routes():
        if route.api or "get" not in route.methods or route.name in SKIPPED_ROUTE_NAMES or not route.name:
            continue
        if ("/" + route.path).startswith(SKIPPED_PREFIXES) or route.name in urls:
            continue
        into.patterns.append(route.name)
        rule = RULES.get(route.name, R("none", "none"))
        try:
            if route.name.startswith("portal:"):  # the portal's own keyword->object map (its matrix shares it)
                url = reverse(route.name, kwargs=portal_url_kwargs(world, route.name, route.kwargs, "in"))
            else:
                url = _url(world, route, rule, "in") if route.kwargs else reverse(route.name)
            # "@key" names the household's object (a fragment's household and resident); "today" is left to the page
            asked = {k: v for k, v in rule.query.items() if v != "today"}
            query = urlencode(_query(world, R("none", "none", query=asked), "in"))
        except (pytest.fail.Exception, LookupError) as error:
            into.not_reached[route.name] = str(error)
            continue
        urls[route.name] = f"{url}?{query}" if query else url
    return urls


def crawl_site(clients: dict[str, Client], world, superuser: str) -> Crawl:
    """Each role from its home by links; the superuser (whose home has no role's menu) from every pattern's URL;
    then every pattern no link reached, as every role."""
    found = Crawl()
    clients[superuser].get("/")  # load the URLconf the way a request does (importing it first is circular)
    for role, client in clients.items():
        if role != superuser:
            crawl_role(client, role, found)
    urls = pattern_urls(world, found)
    crawl_role(clients[superuser], superuser, found, seeds=tuple(urls.values()))
    # A pattern no link reached and the superuser may not open (a resident's own pages): asked as every role.
    opened = {p.route for p in found.pages if p.role == superuser and p.status == 200}
    for name, url in urls.items():
        if name not in found.reached_by_link and name not in opened:
            for role, client in clients.items():
                if role != superuser:
                    page = visit(client, role, url, "pattern", found)
                    if page.status == 200 and page.is_html:  # its forms are asked too (a link may show only later)
                        for form in parse("http://testserver" + url, page.html).forms:
                            form.role = role
                            found.forms.append(form)
    return found


# Text a resident or caseworker must never read: event codes (`plan.activated`; dotted words outside URLs),
# command and file names, a seed number, English defaults of Django and DRF, Python.
WORD_DOT_WORD = re.compile(r"(?<![\w./@-])([a-z][a-z_]+\.[a-z_]{2,}(?:\.[a-z_]+)*)(?![\w/@-])")
ENGLISH = re.compile(
    r"This field|No \w+ matches the given query|\bForbidden\b|Page not found|Enter a valid|Ensure this value|"
    r"Select a valid choice|is not one of the available choices|is required|not a valid|JSON parse error"
)
DEVELOPER_TEXT = [
    (re.compile(r"\bseed\s*\d", re.IGNORECASE), "a seed number"),
    (re.compile(r"manage\.py|load_configuration|setup_demo|entitlement_check"), "a command name"),
    (ENGLISH, "English"),
    (re.compile(r"Traceback|NoneType|\bNone\b"), "Python"),
]


def developer_text(text: str) -> list[str]:
    """What in a page's visible text is not a Dutch sentence for people."""
    found = [
        f"{why}: {match.group(0)!r} in {text[max(0, match.start() - 60) : match.end() + 20]!r}"
        for pattern, why in DEVELOPER_TEXT
        for match in pattern.finditer(text)
    ]
    return found + [f"a code: {code!r}" for code in WORD_DOT_WORD.findall(text)]
