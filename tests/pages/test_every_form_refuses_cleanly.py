"""Every form the crawler found (method post), sent empty, beyond each limit its HTML declares, and at the limit:
never a server error; a refusal shows the error summary in Dutch, linked to the fields, and changes no table.

The limits are read from each form's HTML on every run (maxlength, min/max, the choices offered), so a limit added
to a model or form shows up here without changing this test. Beyond a limit: maxlength + 1 characters, max + 1 and
min - 1, a date in 1850 and in 2200, a choice that is not offered. Each value is sent alone, in the form filled
with what the page shows or a plausible value, so its own refusal is what is asked. At the limit (maxlength
characters exactly) the field may be refused for another reason, never for its length.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

import pytest
from django.db import transaction

from routekaart.testing import database_fingerprint

from .crawl import ENGLISH, Field, Form, parse, unique_forms

# Not input forms: signing out, switching language or role (no data), and the second-factor setup (its own flow).
SKIPPED_ROUTES = frozenset({"logout", "set_language", "switch_role", "two_factor_setup"})
UNKNOWN_CHOICE = "geen-keuze-die-bestaat"
TEXT_KINDS = frozenset({"text", "textarea", "search", "email", "tel", "url", "password"})


@dataclass
class Probe:
    label: str
    data: dict[str, list[str]]
    field: Field | None = None  # the field sent beyond (or at) its limit
    at_limit: bool = False


def _ids(form: Form, name: str) -> set[str]:
    return {f.attrs["id"] for f in form.fields if f.name == name and f.attrs.get("id")}


def _plausible(control: Field) -> list[str]:
    """What the page shows in the field, or a plausible value for it."""
    if control.kind == "checkbox":
        return [control.value or "on"] if control.checked else []
    if control.tag == "select" or control.kind == "radio":
        if control.selected:
            return control.selected[:1] if "multiple" not in control.attrs else control.selected
        offered = [o for o in control.options if o]
        return offered[:1] if control.tag == "select" or control.required else []
    if control.value:
        return [control.value]
    today = datetime.date.today()
    if control.kind == "date":
        return [today.isoformat()]
    if control.kind == "month":
        return [today.strftime("%Y-%m")]
    if control.kind == "number":
        low = control.number("min")
        return [str(int(low)) if low is not None else "1"]
    if control.kind == "email":
        return ["contact@voorbeeld.nl"]
    if control.kind in TEXT_KINDS:
        limit = control.number("maxlength")
        return ["Proef"[: int(limit)] if limit else "Proef"]
    return []


def _data(form: Form, *, empty: bool) -> dict[str, list[str]]:
    data: dict[str, list[str]] = {}
    for name, value in form.hidden.items():
        data[name] = [value]
    for control in form.visible_fields:
        if not control.name:
            continue
        values = [] if empty else _plausible(control)
        if control.kind == "checkbox":
            data.setdefault(control.name, []).extend(values)
        else:
            data[control.name] = values if values or control.kind == "radio" else [""]
    return {name: values for name, values in data.items() if values}


def _plain(number: float) -> str:
    """A number written out in full: `:g` would write 1,000,000,001 as 1e+09, which is the limit itself."""
    return str(int(number)) if number == int(number) else repr(number)


def _beyond(control: Field) -> list[tuple[str, list[str]]]:
    """The values beyond the limits this control declares in its HTML."""
    found = []
    limit = control.number("maxlength")
    if control.kind in TEXT_KINDS and limit is not None:
        found.append((f"maxlength {int(limit)} + 1", ["x" * (int(limit) + 1)]))
    if control.kind == "number":
        if (high := control.number("max")) is not None:
            found.append((f"max {high:g} + 1", [_plain(high + 1)]))
        if (low := control.number("min")) is not None:
            found.append((f"min {low:g} - 1", [_plain(low - 1)]))
    if control.kind == "date":
        found += [("a date in 1850", ["1850-06-15"]), ("a date in 2200", ["2200-06-15"])]
    if control.kind == "month":
        found += [("a month in 1850", ["1850-06"]), ("a month in 2200", ["2200-06"])]
    if control.tag == "select" or control.kind == "radio" or (control.kind == "checkbox" and len(control.options) > 1):
        found.append(("a choice not offered", [UNKNOWN_CHOICE]))  # a lone checkbox is yes/no: any value is yes
    return found


def probes(form: Form) -> list[Probe]:
    """Empty; then per field each value beyond its limits, alone in the filled form; then every text at its limit."""
    made = [Probe("empty", _data(form, empty=True))]
    filled = _data(form, empty=False)
    seen, limits = set(), set()
    for control in form.visible_fields:
        if not control.name or control.name in seen:
            continue
        seen.add(control.name)
        # fields of one kind with the same limits (thirteen notes of 500 characters) are one check per form
        limit = (control.tag, control.kind, *(control.attrs.get(a) for a in ("maxlength", "min", "max")))
        if control.kind not in ("date", "month") and control.tag != "select" and limit in limits:
            continue
        limits.add(limit)
        if control.kind == "checkbox":
            group = [f.value for f in form.visible_fields if f.name == control.name]
            control = Field(control.name, "input", "checkbox", options=group)
        for label, value in _beyond(control):
            made.append(Probe(f"{control.name}: {label}", {**filled, control.name: value}, control))
    at_limit = {
        c.name: ["x" * int(c.number("maxlength"))]
        for c in form.visible_fields
        if c.kind in TEXT_KINDS and c.kind != "email" and c.number("maxlength")
    }
    if at_limit:
        made.append(Probe("every text at its maxlength", {**filled, **at_limit}, at_limit=True))
    return made


def input_forms(site) -> list[Form]:
    """The distinct post forms with at least one field a person fills in (a lone button is an action, no input)."""
    return [
        form
        for form in unique_forms(site.crawl.forms)
        if form.method == "post" and form.route not in SKIPPED_ROUTES and form.visible_fields
    ]


def _length_refusal(text: str, limit: int) -> bool:
    """Whether `text` refuses a length of `limit` characters ("500 tekens", "1.000 tekens")."""
    number = "|".join(re.escape(n) for n in {str(limit), f"{limit:,}".replace(",", ".")})
    return bool(re.search(rf"(?<![\d.])(?:{number})\s+(?:teken|tekens|karakters)\b", text))


def _post(site, form: Form, data: dict[str, list[str]]):
    headers = {"HX-Request": "true"} if form.htmx else {}
    return site.clients[form.role].post(form.action, data, headers=headers)


def check(site, form: Form, probe: Probe, before, *, filled_accepted: bool) -> list[str]:
    """What is wrong with the answer to one probe (an empty list when it is answered cleanly)."""
    response = _post(site, form, probe.data)
    where = f"{form.route} as {form.role}, {probe.label}"
    status = response.status_code
    if status >= 500:
        return [f"{where}: server error {status}"]
    required = any(f.required for f in form.visible_fields)
    if status in (301, 302, 303):
        if probe.at_limit or (probe.field is None and not required):
            return []  # at the limit, or an empty form with nothing required: may be accepted
        if database_fingerprint() == before:
            return [f"{where}: refused by a redirect, with no error summary at the form"]
        return [f"{where}: accepted ({status} to {response.get('Location', '')})"]
    problems = []
    if database_fingerprint() != before:
        problems.append(f"{where}: refused with {status}, yet a table changed")
    if status in (403, 404) or (form.search and status == 200):
        return problems  # refused as a whole, or a search that found what it found
    page = parse("http://testserver" + form.action, response.content.decode(errors="replace"))
    summary = " ".join(page.summary_text)
    if probe.at_limit:
        limits = {int(f.number("maxlength")) for f in form.visible_fields if f.number("maxlength")}
        too_long = sorted(n for n in limits if _length_refusal(summary, n))
        return problems + ([f"{where}: refused for its length at the limit: {summary[:300]!r}"] if too_long else [])
    if not page.has_summary:
        return [*problems, f"{where}: refused ({status}) without an error summary (id=error-summary)"]
    if ENGLISH.search(summary):
        problems.append(f"{where}: English in the error summary: {summary[:200]!r}")
    if not page.summary_links and not page.summary_text:
        problems.append(f"{where}: an empty error summary")
    targets = _ids(form, probe.field.name) if probe.field is not None else set()
    # A date is judged by the service, which runs only when the rest of the form is valid.
    judged = probe.field is not None and (probe.field.kind not in ("date", "month") or filled_accepted)
    if judged and targets and not targets & set(page.summary_links):
        problems.append(f"{where}: refused, but the summary does not name the field: {summary[:300]!r}")
    return problems


def test_the_crawl_found_the_forms_of_every_app(site):
    apps = {form.route.split(":")[0] for form in input_forms(site)}
    assert {"access", "income", "residents", "routes", "work", "participation", "audit", "market", "desk"} <= apps, apps


# The forms of beheer markt, the provider's desk and a provision after its decision: each found and probed.
PROVIDER_FORMS = frozenset(
    {
        "access:provision_end",
        "access:provision_change",
        "market:contract_create",
        "market:contract_product_add",
        "market:tariff_add",
        "market:provider_register",
        "market:location_add",
        "market:complaint_create",
        "market:complaint_step",
        "desk:assignment_start",
        "desk:assignment_stop",
        "desk:progress_create",
    }
)


def test_the_crawl_found_the_forms_of_the_market_and_the_providers_desk(site):
    found = {form.route for form in input_forms(site)}
    assert found >= PROVIDER_FORMS, sorted(PROVIDER_FORMS - found)


def test_every_form_refuses_empty_and_beyond_boundary_input_cleanly(site, django_db_blocker):
    problems, sent, accepted = [], 0, 0
    forms = input_forms(site)
    with django_db_blocker.unblock():
        before = database_fingerprint()  # every post starts from here: each is rolled back to this savepoint
        for form in forms:
            savepoint = transaction.savepoint()
            filled_accepted = _post(site, form, _data(form, empty=False)).status_code in (301, 302, 303)
            transaction.savepoint_rollback(savepoint)
            accepted += filled_accepted
            for probe in probes(form):
                savepoint = transaction.savepoint()
                try:
                    problems += check(site, form, probe, before, filled_accepted=filled_accepted)
                    sent += 1
                finally:
                    transaction.savepoint_rollback(savepoint)
    buttons = {f.route for f in unique_forms(site.crawl.forms) if f.method == "post" and not f.visible_fields}
    print(
        f"{len(forms)} forms to {len({f.route for f in forms})} patterns ({accepted} accepted when filled "
        f"plausibly), {sent} posts; {len(buttons)} patterns posted by a lone button (an action, not asked)"
    )
    assert not problems, f"{len(problems)} problems in {sent} posts:\n" + "\n".join(problems)


@pytest.mark.parametrize("kind", ["text", "number", "date", "select"])
def test_the_probes_go_beyond_what_the_html_declares(kind):
    limits = {"maxlength": "5", "min": "1", "max": "9"}
    control = Field("veld", "select" if kind == "select" else "input", kind, attrs=limits)
    control.options = ["a", "b"]
    values = [value[0] for _, value in _beyond(control)]
    expected = {"text": ["xxxxxx"], "number": ["10", "0"], "date": ["1850-06-15", "2200-06-15"]}
    assert values == expected.get(kind, [UNKNOWN_CHOICE])


def test_the_crawler_reads_a_form_its_limits_and_the_error_summary():
    html = """<div id="error-summary" tabindex="-1"><h2>Er is 1 fout gevonden</h2><ul><li>
      <a href="#id_naam">Naam: Gebruik ten hoogste 1.000 tekens.</a></li></ul></div>
      <form method="post" action="/x/" novalidate><input type="hidden" name="csrfmiddlewaretoken" value="t">
      <input id="id_naam" name="naam" maxlength="1000" required><select name="soort"><option value="">-</option>
      <option value="a" selected>A</option></select><textarea name="notitie">Tekst</textarea>
      <input type="radio" name="r" value="ja" id="id_r_0"><input type="radio" name="r" value="nee"></form>"""
    page = parse("http://testserver/pagina/", html)
    [form] = page.forms
    assert (form.action, form.method, form.hidden) == ("http://testserver/x/", "post", {"csrfmiddlewaretoken": "t"})
    fields = {f.name: f for f in form.visible_fields}
    assert fields["naam"].required and fields["naam"].number("maxlength") == 1000
    assert (fields["soort"].options, fields["soort"].selected) == (["", "a"], ["a"])
    assert fields["notitie"].value == "Tekst" and fields["r"].options == ["ja", "nee"]
    assert page.has_summary and page.summary_links == ["id_naam"]
    assert _length_refusal(" ".join(page.summary_text), 1000) and not _length_refusal("1000 euro", 1000)
