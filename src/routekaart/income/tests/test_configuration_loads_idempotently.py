"""The norms, regulations and practice are versioned data: loading twice changes nothing; bad files are refused."""

from datetime import date
from decimal import Decimal

import pytest

from routekaart.audit.models import Event
from routekaart.core.configuration import ConfigurationError
from routekaart.income import configuration, selectors
from routekaart.income.conditions import ConditionError, condition_validate
from routekaart.income.models import NormVersion, Regulation

pytestmark = pytest.mark.django_db


def test_loading_twice_changes_nothing():
    events = Event.objects.count()
    configuration.income_configuration_load()
    assert Event.objects.count() == events
    assert NormVersion.objects.count() >= 8
    assert Regulation.objects.count() == 7


def test_the_norm_in_force_follows_the_effective_date():
    assert selectors.norms_on(date(2025, 12, 31)).couple == Decimal("1968.55")
    assert selectors.norms_on(date(2026, 1, 1)).couple == Decimal("2010.93")
    assert selectors.norms_on(date(2024, 3, 1)).single == Decimal("1283.83")
    assert selectors.norms_on(date(2022, 6, 1)).cost_sharer_min_age == 21
    assert selectors.norms_on(date(2023, 1, 1)).cost_sharer_min_age == 27
    assert selectors.norms_on(date(2026, 1, 1)).source


def test_changed_figures_under_the_same_version_are_refused(monkeypatch):
    original = configuration._read

    def changed(name):
        document = original(name)
        if name == "norms.yaml":
            document["versions"][-1]["norms"]["couple"] = "2020.00"
            document["versions"][-1]["norms"]["single"] = "1414.00"
            document["versions"][-1]["norms"]["single_parent"] = "1414.00"
        return document

    monkeypatch.setattr(configuration, "_read", changed)
    norms = list(NormVersion.objects.values())
    with pytest.raises(ConfigurationError, match=r"norms.yaml: de inhoud is gewijzigd, maar versie .* is al geladen"):
        configuration.norms_load()
    assert list(NormVersion.objects.values()) == norms


def test_a_higher_version_replaces_provisional_figures_and_records_it(monkeypatch):
    original = configuration._read

    def published(name):
        document = original(name)
        if name == "norms.yaml":
            document["version"] = f"{document['version']}.1"  # a higher version than the shipped one
            last = document["versions"][-1]
            last.update(provisional=False, source="Mededeling SZW")
            last["norms"] = {"couple": "2012.00", "single": "1408.40", "single_parent": "1408.40"}
        return document

    monkeypatch.setattr(configuration, "_read", published)
    configuration.norms_load()
    assert selectors.norms_on(date(2026, 1, 1)).couple == Decimal("2012.00")
    assert Event.objects.filter(action="norm_version.replaced").count() == 1


def test_a_single_norm_that_is_not_70_percent_is_refused(monkeypatch):
    original = configuration._read

    def wrong(name):
        document = original(name)
        document["version"] = "9999"
        document["versions"][-1]["norms"]["single"] = "1500.00"
        return document

    monkeypatch.setattr(configuration, "_read", wrong)
    with pytest.raises(configuration.IncomeDataError, match="70%"):
        configuration.norms_load()


@pytest.mark.parametrize(
    "condition",
    [
        {"field": "shoe_size", "op": "<=", "value": 44, "label": "x"},
        {"field": "assets", "op": "~", "value": 1, "label": "x"},
        {"field": "assets", "op": "<=", "value": "veel", "label": "x"},
        {"field": "chronic_illness", "op": "<", "value": True, "label": "x"},
        {"field": "assets", "op": "<=", "value": 1},
        {"all": []},
    ],
)
def test_conditions_that_cannot_be_evaluated_are_refused(condition):
    with pytest.raises(ConditionError):
        condition_validate(condition)


def test_each_income_file_is_recorded_as_a_version_with_its_effective_date():
    from routekaart.audit.models import DataFileVersion

    loaded = dict(DataFileVersion.objects.filter(name__startswith="income/").values_list("name", "effective_from"))
    assert loaded == {
        "income/norms": date(2026, 1, 1),
        "income/regulations": date(2026, 1, 1),
        "income/practice": date(2026, 1, 1),
    }
