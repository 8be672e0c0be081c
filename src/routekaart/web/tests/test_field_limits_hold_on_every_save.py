"""The field limits (core.limits) hold on every path: a service or a data load that saves with `.objects.create()`
or `.save()` is refused per field with the Dutch message, as the page and the API are; long text never widens a
page."""

from pathlib import Path

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db.models.signals import pre_save

from routekaart.catalog.models import Zone
from routekaart.core.limits import checked, enforce_field_limits
from routekaart.organisations.models import Region
from routekaart.testing import database_fingerprint

SITE_CSS = Path(__file__).resolve().parents[1] / "static" / "routekaart" / "site.css"


def test_every_routekaart_model_runs_its_field_limits_on_save():
    models = [m for m in apps.get_models() if m.__module__.startswith("routekaart.")]
    assert models
    without = [m._meta.label for m in models if enforce_field_limits not in _receivers(m)]
    assert without == []


def _receivers(model):
    return [receiver for receiver in pre_save._live_receivers(model)[0]]


@pytest.mark.django_db
def test_a_direct_create_with_a_too_long_text_is_refused_per_field_and_stores_nothing():
    before = database_fingerprint()
    with pytest.raises(ValidationError) as refused:
        Zone.objects.create(code="front", order=1, name="Voorveld", colour="green", description="x" * 100_000)
    assert refused.value.message_dict == {"description": ["Gebruik ten hoogste 5.000 tekens; nu 100.000."]}
    assert database_fingerprint() == before


@pytest.mark.django_db
def test_every_refused_field_is_named_at_once():
    with pytest.raises(ValidationError) as refused:
        Zone.objects.create(code="front", order=1000, name="x" * 101, colour="green", description="x" * 5_001)
    assert set(refused.value.message_dict) == {"order", "name", "description"}
    assert refused.value.message_dict["order"] == ["Vul een getal van ten hoogste 999 in."]


@pytest.mark.django_db
def test_a_value_from_a_data_file_is_checked_as_the_database_stores_it():
    zone = Zone.objects.create(code="front", order="3", name="Voorveld", colour="green")
    assert Zone.objects.get(pk=zone.pk).order == 3
    with pytest.raises(ValidationError):
        Zone.objects.create(code="access", order="1000", name="Toegang", colour="green")


@pytest.mark.django_db
def test_the_limits_leave_blank_and_uniqueness_to_the_services():
    """Only the fields' own validators run: an empty name is the service's to refuse, not the save's."""
    Region.objects.create(code="regio", name="")
    assert Region.objects.filter(code="regio").exists()


def test_long_text_wraps_in_table_cells_and_paragraphs_instead_of_widening_the_page():
    css = SITE_CSS.read_text(encoding="utf-8")
    rule = next(line for line in css.splitlines() if "overflow-wrap: anywhere" in line)
    assert "td" in rule and "p," in rule and ".rk-main" in rule


@pytest.mark.django_db
def test_rows_for_a_bulk_create_are_checked_as_a_save_would_be():
    """bulk_create sends no pre_save; the services pass their rows through limits.checked first."""
    fine = Zone(code="front", order=1, name="Voorveld", colour="green")
    assert checked([fine]) == [fine]
    with pytest.raises(ValidationError) as refused:
        checked([fine, Zone(code="access", order=1, name="Toegang", colour="green", description="x" * 5_001)])
    assert refused.value.message_dict == {"description": ["Gebruik ten hoogste 5.000 tekens; nu 5.001."]}
