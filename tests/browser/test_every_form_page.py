"""Every page with a form, in a real Chromium: the form sent empty shows the error summary, focus moves to it, and
axe-core finds no WCAG 2.2 AA violation on the page that says what went wrong.

The forms are those the crawler (tests/pages/crawl.py) finds on the access matrix's dataset for the roles that
reach them: the coordinator and the employer adviser (nearly every form), the policy officer (the budget) and the
privacy officer (the log). Each distinct form once (the same form on two pages is one form). A form is asked when a
person must fill something in (a required field): sent empty, it must be refused.
"""

from __future__ import annotations

import time
from urllib.parse import urlsplit

import pytest
from django.db import connection
from playwright.sync_api import Page

from routekaart.organisations.roles import Role
from routekaart.portal.tests.helpers import portal_client
from tests.access_matrix.conftest import signed_in_client
from tests.access_matrix.world import world_build
from tests.pages.crawl import Crawl, Form, crawl_role, unique_forms

from .conftest import axe_violations

pytestmark = [pytest.mark.django_db(transaction=True)]

ROLES = (Role.COORDINATOR, Role.EMPLOYER_ADVISER, Role.POLICY, Role.PRIVACY_OFFICER, Role.RESIDENT)
SKIPPED_ROUTES = frozenset({"logout", "set_language", "switch_role", "two_factor_setup"})

# Empty every field a person fills in (a select goes to its empty choice, if it has one), then send the form as its
# own submit button would: requestSubmit fires the submit event htmx listens to, and runs the browser's own checks.
EMPTY_AND_SEND = """
(path) => {
  const target = (f) => new URL(f.getAttribute('hx-post') || f.getAttribute('action') || '', location.href).pathname;
  // the attribute, not f.method: a field named "method" (the wage value's) shadows the form's property
  const post = (f) => (f.getAttribute('method') || 'get').toLowerCase() === 'post';
  const form = [...document.forms].find((f) => post(f) && target(f) === path);
  if (!form) return false;
  for (const field of form.elements) {
    if (field.type === 'hidden' || field.disabled) continue;
    if (field.tagName === 'SELECT') {
      const empty = [...field.options].findIndex((o) => o.value === '');
      if (empty >= 0) field.selectedIndex = empty;
    } else if (field.type === 'radio' || field.type === 'checkbox') {
      if (field.type === 'radio') field.checked = false;
    } else if (!['submit', 'button', 'reset', 'image'].includes(field.type)) {
      field.value = '';
    }
  }
  form.requestSubmit();
  return true;
}
"""
FOCUSED = "document.activeElement && document.activeElement.id === 'error-summary'"
FOCUS = "document.activeElement && (document.activeElement.id || document.activeElement.tagName)"


def _forms_to_ask(clients) -> list[Form]:
    found = Crawl()
    for role, client in clients.items():
        crawl_role(client, role, found)
    return [
        form
        for form in unique_forms(found.forms)
        if form.method == "post"
        and form.route not in SKIPPED_ROUTES
        and not form.search
        and any(f.required for f in form.visible_fields)
    ]


def _sign_in(page: Page, client) -> None:
    page.context.clear_cookies()
    session = client.cookies["sessionid"].value
    page.context.add_cookies(
        [{"name": "sessionid", "value": session, "domain": urlsplit(page.url).hostname, "path": "/"}]
    )


def test_every_form_sent_empty_shows_the_error_summary_with_focus_and_no_axe_violation(page: Page, live_server):
    started = time.monotonic()
    world = world_build()
    clients = {role: signed_in_client(world.users[role], world.devices[role]) for role in ROLES}
    clients[Role.RESIDENT] = portal_client(world.h_in.head)  # residents log in with DigiD: Mijn Routekaart's forms
    forms = _forms_to_ask(clients)
    assert len(forms) >= 25, f"the crawler found only {len(forms)} forms to ask"
    portal_forms = {form.route for form in forms if form.role == Role.RESIDENT}
    assert {"portal:income_report", "portal:change_report"} <= portal_forms, portal_forms
    page.goto("/accounts/login/")
    problems, signed_in_as = [], None
    for form in forms:
        if form.role != signed_in_as:
            _sign_in(page, clients[form.role])
            signed_in_as = form.role
        where = f"{form.route} on {urlsplit(form.page_url).path} as {form.role}"
        page.goto(urlsplit(form.page_url).path)
        if not page.evaluate(EMPTY_AND_SEND, urlsplit(form.action).path):
            problems.append(f"{where}: the form is not on the page in the browser")
            continue
        try:
            page.wait_for_selector("#error-summary", state="attached", timeout=4000)
        except Exception:
            problems.append(f"{where}: no error summary after sending it empty (now at {urlsplit(page.url).path})")
            continue
        try:
            page.wait_for_function(FOCUSED, timeout=2000)
        except Exception:
            focused = page.evaluate(FOCUS)
            problems.append(f"{where}: focus is on {focused!r}, not on the error summary")
        if violations := axe_violations(page):
            problems.append(f"{where}: axe-core {[(v['id'], v['nodes'][:2]) for v in violations]}")
    seconds = time.monotonic() - started
    print(f"{len(forms)} forms in {seconds:.0f} s ({connection.vendor})")
    assert not problems, f"{len(problems)} of {len(forms)} forms:\n" + "\n".join(problems)
