"""Every page the crawler reaches, as every role and a superuser: an answer, never a server error, and on screen
Dutch sentences only — no event codes, no file or command names, no English defaults of Django or DRF."""

from __future__ import annotations

from .crawl import developer_text, visible_text

ANSWERS = frozenset({200, 302, 403, 404})


def test_the_crawl_reaches_every_page_pattern(site):
    crawl = site.crawl
    print(crawl.summary())
    assert not crawl.not_reached, crawl.summary()
    assert crawl.reached_by_link | crawl.reached_by_pattern >= set(crawl.patterns), crawl.summary()
    assert len(crawl.reached_by_link) >= len(crawl.patterns) // 2, "most pages are reached by a link"


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
