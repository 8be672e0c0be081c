"""The life phases' age bounds have one source, the catalog's data file; residents places people by it."""

from datetime import date, timedelta

import pytest
from dateutil.relativedelta import relativedelta

from routekaart.catalog import life_phase_ages as bounds
from routekaart.residents import life_phase
from routekaart.residents.life_phase import AGE_0_4, AGE_4_12, AGE_4_18, AGE_12_18, AGE_18_65, life_phases

BORN = date(2010, 3, 15)


def _on_birthday(age: int, days: int) -> date:
    return BORN + relativedelta(years=age) + timedelta(days=days)


@pytest.mark.parametrize(
    ("phase", "before", "after"),
    [
        (AGE_4_12, (AGE_0_4,), (AGE_4_12, AGE_4_18)),
        (AGE_12_18, (AGE_4_12, AGE_4_18), (AGE_4_18, AGE_12_18)),
        (AGE_18_65, (AGE_4_18, AGE_12_18), (AGE_18_65,)),
    ],
)
def test_a_phase_begins_on_the_birthday_its_data_names(phase, before, after):
    start = bounds.life_phase_ages()[phase][0]
    assert life_phases(BORN, _on_birthday(start, -1)) == before
    assert life_phases(BORN, _on_birthday(start, 0)) == after
    assert life_phases(BORN, _on_birthday(start, 1)) == after


def test_a_changed_bound_in_the_catalogs_file_moves_the_phase(monkeypatch):
    ages = dict(bounds.life_phase_ages())
    ages[AGE_0_4] = (0, 5)
    ages[AGE_4_12] = (5, 12)
    ages[AGE_4_18] = (5, 18)
    monkeypatch.setattr(life_phase, "life_phase_ages", lambda: ages)
    assert life_phases(BORN, _on_birthday(4, 1)) == (AGE_0_4,)
    assert life_phases(BORN, _on_birthday(5, 0)) == (AGE_4_12, AGE_4_18)
