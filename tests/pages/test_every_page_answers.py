"""Every page the crawler reaches, as every role and a superuser: an answer, never a server error, and on screen
Dutch sentences only — no event codes, no file or command names, no English defaults of Django or DRF."""

from __future__ import annotations

from routekaart.organisations.roles import Role

from .conftest import SUPERUSER
from .crawl import developer_text, visible_text

ANSWERS = frozenset({200, 302, 403, 404})
NEW_PAGES = ("market:", "desk:", "access:provision_", "portal:care")


def test_the_crawl_reaches_every_page_pattern(site):
    crawl = site.crawl
    print(crawl.summary())
    assert not crawl.not_reached, crawl.summary()
    assert crawl.reached_by_link | crawl.reached_by_pattern >= set(crawl.patterns), crawl.summary()
    assert len(crawl.reached_by_link) >= len(crawl.patterns) // 2, "most pages are reached by a link"


def test_every_page_of_the_market_and_the_providers_desk_opens_for_its_role(site):
    """Reached is not enough: each GET page of beheer markt, the provider's desk and a provision after its decision
    opens (200) for a signed-in person of its role with the dataset's objects, never only a refusal."""
    opened = {p.route for p in site.crawl.pages if p.status == 200 and p.role != SUPERUSER}
    new = {name for name in site.crawl.patterns if name.startswith(NEW_PAGES)}
    assert len(new) >= 15, sorted(new)
    never = sorted(new - opened)
    assert not never, "\n".join(
        f"{name}: " + ", ".join(sorted({f"{p.status} as {p.role}" for p in site.crawl.pages if p.route == name}))
        for name in never
    )


def test_every_page_answers_and_never_fails(site):
    failed = [f"{p.status} {p.url} as {p.role}" for p in site.crawl.pages if p.status not in ANSWERS]
    assert not failed, "\n".join(failed)


def test_every_page_speaks_dutch_without_developer_text(site):
    problems: dict[str, set[str]] = {}
    for page in site.crawl.pages:
        if not page.html:
            continue
        for problem in developer_text(visible_text(page.html)):
            problems.setdefault(problem, set()).add(f"{page.url} ({page.role})")
    report = [f"{problem} on {sorted(where)[:3]}" for problem, where in sorted(problems.items())]
    assert not report, "\n".join(report)


def test_every_steering_page_opens_for_beleid_and_its_panel_for_the_caseworker(site):
    """The steering pages (/sturing/) are reached and open (200) for beleid, the only role that may also save a
    scenario; the caseworker's "what works" panel opens for the coordinator of the involved household."""
    steering = {name for name in site.crawl.patterns if name.startswith("insights:")}
    assert len(steering) >= 12, sorted(steering)
    opened = {(p.route, p.role) for p in site.crawl.pages if p.status == 200}
    never = sorted(
        name
        for name in steering
        if (name, Role.COORDINATOR if name == "insights:what_works_panel" else Role.POLICY) not in opened
    )
    assert not never, "\n".join(
        f"{name}: " + ", ".join(sorted({f"{p.status} as {p.role}" for p in site.crawl.pages if p.route == name}))
        for name in never
    )
