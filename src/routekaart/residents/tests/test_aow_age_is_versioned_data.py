"""The AOW age is residents' legal number, kept as versioned data with its source (data/aow_age.yaml)."""

from datetime import date, timedelta

import pytest

from ..life_phase import AGE_18_65, AGE_65_PLUS, DATA_FILE, aow_age_table, aow_age_table_read, aow_date, life_phases


def test_the_shipped_file_gives_the_by_year_table_with_version_source_and_date():
    table = aow_age_table()
    assert (table.version, table.effective_from) == (1, date(2012, 1, 1))
    assert table.source.startswith("SVB")
    assert table.by_year[2023] == (66, 10) and table.by_year[2028] == (67, 3)


@pytest.mark.parametrize(("birth", "aow"), [(date(1950, 6, 1), date(2015, 9, 1)), (date(1957, 3, 1), date(2024, 3, 1))])
def test_the_working_age_phase_ends_the_day_before_the_aow_date(birth, aow):
    assert aow_date(birth) == aow
    assert life_phases(birth, aow - timedelta(days=1)) == (AGE_18_65,)
    assert life_phases(birth, aow) == life_phases(birth, aow + timedelta(days=1)) == (AGE_65_PLUS,)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("version: 1", "version: 0"), "version"),
        (("  2016: {years: 65, months: 6}\n", ""), "every year"),
        (("2017: {years: 65, months: 9}", "2017: {years: 65, months: 12}"), "0-11 months"),
    ],
)
def test_a_wrong_file_is_refused_naming_what_is_wrong(tmp_path, change, message):
    path = tmp_path / "aow_age.yaml"
    text = DATA_FILE.read_text(encoding="utf-8")
    assert change[0] in text
    path.write_text(text.replace(change[0], change[1]), encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        aow_age_table_read(path)
