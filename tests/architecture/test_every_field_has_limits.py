"""Every stored field of every routekaart model has the limits a real file has (core.limits).

A text without a maximum length, a date without a plausible range or a number without a minimum and a maximum lets
an impossible value in (a summary of a million characters, a signal received in 1850, -3 hours worked). Primary
keys, relations and booleans have no such limits; CharFields have their max_length. The check reads the validators
declared on the field (`_validators`), not the database range Django adds to every integer.
"""

from django.apps import apps
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models

from routekaart.core.limits import PlausibleDateValidator

NUMBERS = (models.IntegerField, models.DecimalField, models.FloatField)


def routekaart_fields():
    for model in apps.get_models():
        if not model.__module__.startswith("routekaart."):
            continue
        for field in model._meta.concrete_fields:
            if field.primary_key or field.is_relation or isinstance(field, models.BooleanField):
                continue
            yield f"{model._meta.label}.{field.name}", field


def declared(field, kind) -> bool:
    return any(isinstance(validator, kind) for validator in field._validators)


def test_every_text_has_a_maximum_length_for_the_form_the_api_and_the_model():
    missing = [
        name
        for name, field in routekaart_fields()
        if isinstance(field, models.TextField) and not (field.max_length and declared(field, MaxLengthValidator))
    ]
    assert missing == []


def test_every_char_field_has_a_maximum_length():
    assert [n for n, f in routekaart_fields() if isinstance(f, models.CharField) and not f.max_length] == []


def test_every_date_and_moment_has_a_plausible_range():
    missing = [
        name
        for name, field in routekaart_fields()
        if isinstance(field, models.DateField) and not declared(field, PlausibleDateValidator)
    ]
    assert missing == []


def test_every_number_has_a_minimum_and_a_maximum():
    missing = [
        name
        for name, field in routekaart_fields()
        if isinstance(field, NUMBERS)
        and not (declared(field, MinValueValidator) and declared(field, MaxValueValidator))
    ]
    assert missing == []


def test_the_walk_sees_the_fields_it_must_check():
    """Guard against a walk that checks nothing: the found fields are among those walked."""
    names = {name for name, _ in routekaart_fields()}
    assert {
        "access.Signal.summary",
        "access.Signal.received_on",
        "income.IncomeReport.hours",
        "residents.Resident.birth_date",
    } <= names
