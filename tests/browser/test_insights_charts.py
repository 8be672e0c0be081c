"""The steering charts in Chromium: a bar, a stacked bar, a line and a Sankey chart drawn on canvas under the site's
own Content-Security-Policy (no violation, no JavaScript error), each labelled with its Dutch description, beside
its data table; and the page passes axe-core."""

import pytest
from playwright.sync_api import Browser, Page, expect

from routekaart.audit import services as audit_services
from routekaart.insights.tests.factories_exports import LINE_CODE, SAMPLE_CODE, SANKEY_CODE, STACKED_CODE
from routekaart.organisations.demo import DEMO_PASSWORD, demo_accounts_ensure, demo_network_ensure

from .conftest import assert_accessible
from .test_every_role_logs_in_to_its_home import log_in

pytestmark = [pytest.mark.django_db(transaction=True)]

# The test figures (factories_exports) cover each chart kind; the print page shows every registered figure.
CHARTS = {
    SAMPLE_CODE: "Staafdiagram: Instroom per route",
    STACKED_CODE: "Gestapeld staafdiagram: Uitstroom naar bestemming (proef)",
    LINE_CODE: "Lijndiagram: Caseload per maand (proef)",
    SANKEY_CODE: "Stroomdiagram (Sankey): Stromen tussen routes (proef)",
}
PAGE = "/sturing/afdrukken/?van=2026-01&tot=2026-06"

# Runs before the page's own scripts: collects the policy's violations (the console shows them too).
WATCH_CSP = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(event.violatedDirective + " " + (event.blockedURI || "inline"));
});
"""


@pytest.fixture
def demo(demo_login, monkeypatch):
    """Loaded without audit events: the audit tables are append-only, and the transactional test that the live
    server needs could not empty them afterwards."""
    monkeypatch.setattr(audit_services, "action_record", lambda **kwargs: None)
    demo_network_ensure()
    demo_accounts_ensure()


def _charts_drawn(page: Page) -> None:
    for code, description in CHARTS.items():
        chart = page.locator(f'[data-chart="figuur-{code}-grafiekdata"]')
        expect(chart).to_have_attribute("data-drawn", "true")
        expect(chart).to_have_attribute("role", "img")
        label = chart.get_attribute("aria-label")
        assert label.startswith(description), label
        expect(chart.locator("canvas")).to_have_count(1)
        # the data table stays beside the chart, visible
        expect(page.locator(f"#figuur-{code} table")).to_be_visible()


def test_every_chart_kind_draws_under_the_sites_csp_without_errors(browser: Browser, live_server, demo):
    context = browser.new_context(base_url=live_server.url, locale="nl-NL")  # the policy enforced, as in production
    context.add_init_script(WATCH_CSP)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    missing: list[str] = []
    page.on("response", lambda response: missing.append(response.url) if response.status >= 400 else None)
    log_in(page, "beleid", DEMO_PASSWORD)
    page.goto(PAGE)
    expect(page.get_by_role("heading", name="Alle cijfers afdrukken", level=1)).to_be_visible()
    _charts_drawn(page)
    assert page.evaluate("window.__cspViolations") == []
    # a browser asks for /favicon.ico on its own; the site has none, which is no error of the charts
    missing = [url for url in missing if not url.endswith("/favicon.ico")]
    assert missing == []
    assert [e for e in errors if not (e.startswith("Failed to load resource") and not missing)] == []
    # the chart says what it leaves out: the bar chart's group under 10
    expect(page.locator(f"#figuur-{SAMPLE_CODE}")).to_contain_text("De grafiek laat 1 waarde weg")
    context.close()


def test_a_page_with_every_chart_kind_passes_axe(page: Page, demo):
    log_in(page, "beleid", DEMO_PASSWORD)
    page.goto(PAGE)
    _charts_drawn(page)
    assert_accessible(page)
