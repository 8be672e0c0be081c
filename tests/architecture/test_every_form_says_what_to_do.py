"""Every form of the product tells the truth and says what to do (issue 16, NL Design System form pattern).

- Every Form class (and the form of every FilterSet) derives from `core.forms`, whose messages name the field and
  give an instruction; none of the messages a form gives is one of Django's bare defaults ("Dit veld is vereist.").
- A field the label calls optional ("niet verplicht") is never refused as missing: each form, submitted with every
  required field filled validly and every optional field empty, has no error on an optional field. A field needed
  only in some cases says so in its label (`required_when`: "verplicht bij toekennen") and is exempt.

Each form is built with stand-ins for what its page passes in (the FACTORIES table); a new form with arguments of its
own needs a line there, and the first test says so.
"""

import importlib
import pkgutil
import re
from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import django_filters
import pytest
from django import forms
from django.contrib.admin.helpers import ActionForm
from django.core import validators
from django.utils import translation

import routekaart
from routekaart.core.forms import InstructiveErrorsMixin

pytestmark = pytest.mark.django_db

MODULES = ("forms", "filters", "admin", "views")

MEMBERS = [SimpleNamespace(pk=1, full_name="Noor de Vries"), SimpleNamespace(pk=2, full_name="Sem de Vries")]
LIFE_DOMAINS = [SimpleNamespace(code="housing", name="Huisvesting")]
SCALE = [SimpleNamespace(score=1, name="Acute problemen"), SimpleNamespace(score=5, name="Volledig zelfredzaam")]


def _contacts():
    from routekaart.work.models import Employer

    return Employer.contacts.rel.related_model.objects


def _factories() -> dict[str, dict]:
    """What each form's page passes in, as stand-ins; a form not named here is built without arguments."""
    from routekaart.organisations.models import Organisation
    from routekaart.residents.models import Resident
    from routekaart.routes.models import Route

    return {
        "routekaart.access.forms.SignalForm": {"members": MEMBERS},
        "routekaart.access.forms.IntakeForm": {"members": MEMBERS, "life_domains": LIFE_DOMAINS, "scale": SCALE},
        "routekaart.access.forms.ReviewForm": {"life_domains": LIFE_DOMAINS, "scale": SCALE},
        "routekaart.access.forms.GatekeepingForm": {"provisions": []},
        "routekaart.access.forms.AgreementForm": {"life_domains": LIFE_DOMAINS},
        "routekaart.access.forms.PlanForm": {"life_domains": LIFE_DOMAINS},
        "routekaart.access.forms.DecisionForm": {"members": MEMBERS},
        "routekaart.access.forms.DeadlineChangeForm": {
            "rules": [SimpleNamespace(code="extend", name="Verdagen", basis="Awb 4:14")]
        },
        "routekaart.organisations.forms.ConfirmDeviceForm": {"device": SimpleNamespace(verify_token=lambda t: False)},
        "routekaart.routes.forms.TrajectoryStartForm": {
            "residents": Resident.objects.none(),
            "routes": Route.objects.none(),
            "organisations": Organisation.objects.none(),
            "own_organisations": [],
        },
        "routekaart.work.forms.ContactMomentForm": {"employer": SimpleNamespace(contacts=_contacts())},
        "routekaart.work.forms.FulfilmentForm": {"contract": SimpleNamespace(contractor=None)},
        "routekaart.residents.forms.ConsentForm": {"members": MEMBERS, "givers": MEMBERS},
        "routekaart.legal.enforcement_forms.AssessForm": {"organisation_id": 0},
        "routekaart.legal.objection_forms.ObjectionFilterForm": {"handlers": [(1, "Lotte van Dijk")]},
        "routekaart.legal.objection_forms.HandlerFilterForm": {"handlers": [(1, "Lotte van Dijk")]},
    }


def _import_product() -> None:
    for info in pkgutil.walk_packages(routekaart.__path__, "routekaart."):
        if ".tests" in info.name or ".migrations" in info.name:
            continue
        last = info.name.rsplit(".", 1)[-1]
        if last in MODULES or last.endswith(tuple(f"_{name}" for name in MODULES)):  # objection_forms, desk_views
            importlib.import_module(info.name)


def _subclasses(klass: type) -> set[type]:
    found = set()
    for sub in klass.__subclasses__():
        found.add(sub)
        found |= _subclasses(sub)
    return found


def product_forms() -> list[type]:
    """Every form class the product defines (not core's own bases, not tests' stand-ins, not the admin's own)."""
    _import_product()
    return sorted(
        (
            c
            for c in _subclasses(forms.BaseForm)
            if c.__module__.startswith("routekaart.")
            and not c.__module__.startswith("routekaart.core.")
            and ".tests" not in c.__module__
            and not issubclass(c, ActionForm)
            and not c.__name__.startswith("_")
        ),
        key=lambda c: f"{c.__module__}.{c.__qualname__}",
    )


def product_filtersets() -> list[type]:
    _import_product()
    return [c for c in _subclasses(django_filters.FilterSet) if c.__module__.startswith("routekaart.")]


def build(form_class: type, data: dict | None = None):
    kwargs = _factories().get(f"{form_class.__module__}.{form_class.__qualname__}", {})
    return form_class(data, **kwargs) if data is not None else form_class(**kwargs)


# --- Django's bare defaults ------------------------------------------------------------------------------------------


class _Value(int):
    """Any value a message names: a number for %d (and to pick the plural), a marker for %s."""

    def __str__(self) -> str:
        return "\x00"


class _Values(dict):
    def __missing__(self, key):
        return _Value(2)


def _start(message) -> str:
    try:
        text = str(message % _Values())
    except (TypeError, ValueError, KeyError):
        text = str(message)
    return re.split(r"2|\x00|\{", text)[0].strip()


def _django_defaults() -> list[str]:
    """The start of every message Django's form fields and validators give on their own (up to its first value)."""
    messages = []
    for klass in _subclasses(forms.Field) | {forms.Field}:
        messages += list(getattr(klass, "default_error_messages", {}).values())
    for name in dir(validators):
        klass = getattr(validators, name)
        if isinstance(klass, type):
            if hasattr(klass, "message"):
                messages.append(klass.message)
            own = getattr(klass, "messages", {})
            messages += list(own.values()) if isinstance(own, dict) else []
    starts = {_start(m) for m in messages}
    return sorted(s for s in starts if len(s) >= 8)


def bare_defaults_in(form) -> list[str]:
    with translation.override("nl"):
        defaults = _django_defaults()
        found = []
        for name, errors in form.errors.get_json_data().items():
            for error in errors:
                if any(error["message"].startswith(d) for d in defaults):
                    found.append(f"{name}: {error['message']}")
        return found


def garbage(form) -> dict:
    data = {}
    for name, field in form.fields.items():
        key = form[name].html_name
        if isinstance(field, forms.CharField) and not isinstance(field, forms.ChoiceField):
            data[key] = "x" * ((field.max_length or 100) + 1)
        elif isinstance(field, forms.MultipleChoiceField):
            data[key] = ["niet-bestaand"]
        else:
            data[key] = "niet geldig"
    return data


# --- a valid answer for a required field ------------------------------------------------------------------------------


def _first_choice(field: forms.Field):
    for value, label in field.choices:
        if isinstance(label, list | tuple):
            for inner, _ in label:
                if inner not in ("", None):
                    return str(inner)
        elif value not in ("", None):
            return str(value)
    return None


def _number(field: forms.Field) -> str:
    low = field.min_value if field.min_value is not None else 1
    value = max(Decimal(str(low)), Decimal(1))
    if field.max_value is not None:
        value = min(value, Decimal(str(field.max_value)))
    return (
        str(int(value))
        if isinstance(field, forms.IntegerField) and not isinstance(field, forms.DecimalField)
        else str(value)
    )


def valid_value(field: forms.Field):
    """A value a resident's file could hold, or None when the field has nothing to choose from."""
    if isinstance(field, forms.BooleanField):
        return "on"
    if isinstance(field, forms.ModelChoiceField):
        first = field.queryset.first() if field.queryset is not None else None
        if first is None:
            return None
        value = field.prepare_value(first)
        return [str(value)] if isinstance(field, forms.ModelMultipleChoiceField) else str(value)
    if isinstance(field, forms.MultipleChoiceField):
        first = _first_choice(field)
        return [first] if first is not None else None
    if isinstance(field, forms.ChoiceField):
        return _first_choice(field)
    if isinstance(field, forms.DateTimeField):
        return "2026-03-02 10:00"
    if isinstance(field, forms.DateField):
        return date.today().isoformat()
    if isinstance(field, forms.TimeField):
        return "10:00"
    if isinstance(field, forms.IntegerField | forms.DecimalField | forms.FloatField):
        return _number(field)
    if isinstance(field, forms.EmailField):
        return "noor@voorbeeld.nl"
    if isinstance(field, forms.URLField):
        return "https://www.voorbeeld.nl"
    text = "Een gewone tekst van een medewerker"
    if getattr(field, "min_length", None):
        text = text.ljust(field.min_length, ".")
    return text[: field.max_length] if getattr(field, "max_length", None) else text


def filled(form) -> dict:
    """Every required field filled with a valid value, every optional field left empty."""
    data = {}
    for name, field in form.fields.items():
        if field.required and not field.disabled:
            value = valid_value(field)
            if value is not None:
                data[form[name].html_name] = value
    return data


def optional_fields(form) -> list[str]:
    return [
        name
        for name, field in form.fields.items()
        if not field.required and not getattr(field, "required_when", "") and not form[name].is_hidden
    ]


# --- the tests -------------------------------------------------------------------------------------------------------


def test_the_check_finds_the_forms_of_every_app():
    apps = {c.__module__.split(".")[1] for c in product_forms()}
    assert {
        "access",
        "audit",
        "catalog",
        "income",
        "organisations",
        "participation",
        "residents",
        "routes",
        "work",
    } <= (apps)
    for form_class in product_forms():
        build(form_class)  # a form with arguments of its own needs a line in FACTORIES


def test_every_form_of_the_product_gives_instructions():
    missing = [c for c in product_forms() if not issubclass(c, InstructiveErrorsMixin)]
    missing += [f for f in product_filtersets() if not issubclass(f._meta.form, InstructiveErrorsMixin)]
    assert missing == []


@pytest.mark.parametrize("form_class", product_forms(), ids=lambda c: f"{c.__module__.split('.')[1]}.{c.__name__}")
def test_no_form_answers_with_a_bare_django_default(form_class):
    empty = build(form_class, {})
    wrong = build(form_class, garbage(build(form_class)))

    assert bare_defaults_in(empty) + bare_defaults_in(wrong) == []


def _answers(form) -> list[dict]:
    """The filled form, and once more for each other option of each required choice (an option may make another
    field needed: that field must then say so in its label)."""
    base = filled(form)
    answers = [base]
    for name, field in form.fields.items():
        if not field.required or not isinstance(field, forms.ChoiceField) or isinstance(field, forms.ModelChoiceField):
            continue
        if isinstance(field, forms.MultipleChoiceField):
            continue
        for value, label in field.choices:
            if value in ("", None) or isinstance(label, list | tuple):
                continue
            answers.append({**base, form[name].html_name: str(value)})
    return answers


@pytest.mark.parametrize("form_class", product_forms(), ids=lambda c: f"{c.__module__.split('.')[1]}.{c.__name__}")
def test_no_field_the_label_calls_optional_is_refused_when_left_empty(form_class):
    refused = {}
    for data in _answers(build(form_class)):
        answered = build(form_class, data)
        answered.is_valid()
        for name in optional_fields(answered):
            if name in answered.errors:
                refused[name] = (data, list(answered.errors[name]))

    assert refused == {}


def test_the_bare_defaults_are_recognised():
    class Plain(forms.Form):
        name = forms.CharField(max_length=3)

    assert bare_defaults_in(Plain({})) == ["name: Dit veld is vereist."]
    assert bare_defaults_in(Plain({"name": "abcd"})) != []
