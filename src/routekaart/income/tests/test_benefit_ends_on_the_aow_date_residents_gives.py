"""The AOW age is one legal number, owned by residents: the life phase and the benefit calculation turn on the same day.

Two birth years, each on the day before, on and the day after the AOW date: 1950 (65 years and 3 months, in 2015)
and 1957 (67 years, in 2024).
"""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from routekaart.income.calculation import CalculationError, Housemate, NormSet, benefit_calculate
from routekaart.income.selectors import norms_on
from routekaart.residents.life_phase import AGE_18_65, AGE_65_PLUS, aow_age_table, aow_date, life_phases

AOW_MESSAGE = "Deze berekening geldt tot de AOW-leeftijd; daarna gelden de normen van art. 22."
BIRTHS_AND_AOW_DATES = [
    (date(1950, 6, 1), date(2015, 9, 1)),
    (date(1957, 3, 1), date(2024, 3, 1)),
]


def _calculate(birth: date, on: date, norms: NormSet):
    return benefit_calculate(
        on=on,
        norms=norms,
        kind="single",
        client_birth_date=birth,
        housemates=[Housemate(name="Aanvrager", age=60, is_beneficiary=True)],
    )


@pytest.mark.parametrize(("birth", "aow"), BIRTHS_AND_AOW_DATES)
def test_residents_gives_the_aow_date_from_its_by_year_table(birth, aow):
    assert aow_date(birth) == aow


@pytest.mark.parametrize(("birth", "aow"), BIRTHS_AND_AOW_DATES)
def test_the_life_phase_turns_on_the_aow_date(birth, aow):
    assert life_phases(birth, aow - timedelta(days=1)) == (AGE_18_65,)
    assert life_phases(birth, aow) == (AGE_65_PLUS,)
    assert life_phases(birth, aow + timedelta(days=1)) == (AGE_65_PLUS,)


@pytest.mark.django_db
@pytest.mark.parametrize(("birth", "aow"), BIRTHS_AND_AOW_DATES)
def test_the_benefit_calculation_ends_on_the_same_aow_date(birth, aow):
    day_before = aow - timedelta(days=1)
    assert _calculate(birth, day_before, norms_on(day_before)).benefit > 0
    for on in (aow, aow + timedelta(days=1)):
        with pytest.raises(CalculationError) as refused:
            _calculate(birth, on, norms_on(on))
        assert str(refused.value) == AOW_MESSAGE


def test_a_norm_set_carries_no_aow_age_of_its_own():
    """A norm set made by hand (a test, a what-if) used to default to 67 years for everyone born in any year."""
    single = Decimal("960.83")
    couple = Decimal("1372.62")
    norms_2015 = NormSet(effective_from=date(2015, 1, 1), couple=couple, single=single, single_parent=single)
    birth, aow = BIRTHS_AND_AOW_DATES[0]
    assert _calculate(birth, aow - timedelta(days=1), norms_2015).benefit > 0
    with pytest.raises(CalculationError, match="AOW-leeftijd"):
        _calculate(birth, aow, norms_2015)
    assert not any("pension" in name for name in NormSet.__dataclass_fields__)


def test_the_aow_age_file_is_versioned_data_with_its_source():
    table = aow_age_table()
    assert table.version >= 1
    assert table.effective_from == date(2012, 1, 1)
    assert "Algemene Ouderdomswet" in table.source
    assert table.by_year[2015] == (65, 3)
    assert table.by_year[2024] == (67, 0)
