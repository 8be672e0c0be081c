"""Life phase from age: pure functions, no database, so rules and the generator can call them in bulk.

The phases are the seeds' (000, 001), with the same codes as the catalog's life phases: 0-4, 4-12, 4-18 (the
network around schools, overlapping 4-12 and 12-18), 12-18, 18 to the state pension (AOW) age, and from it on.
The seeds name the last boundary 65; in law it is the AOW age, which has risen since 2013 and is used here.
Residents owns that legal number (data/aow_age.yaml); income reads it through `aow_date`.
"""

from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

import yaml
from dateutil.relativedelta import relativedelta

from ..catalog.life_phase_ages import life_phase_ages

AGE_0_4 = "age_0_4"
AGE_4_12 = "age_4_12"
AGE_4_18 = "age_4_18"
AGE_12_18 = "age_12_18"
AGE_18_65 = "age_18_65"
AGE_65_PLUS = "age_65_plus"
PHASE_ORDER = (AGE_0_4, AGE_4_12, AGE_4_18, AGE_12_18, AGE_18_65, AGE_65_PLUS)

DATA_FILE = Path(__file__).resolve().parent / "data" / "aow_age.yaml"


@dataclass(frozen=True)
class AowAgeTable:
    """The AOW age by the year in which it is reached, as versioned data (data/aow_age.yaml) with its source."""

    version: int
    effective_from: date
    source: str
    by_year: dict[int, tuple[int, int]]


def aow_age_table_read(path: Path = DATA_FILE) -> AowAgeTable:
    """Read and check the AOW-age file; a wrong file is refused at once, naming what is wrong."""
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(document, dict) or not isinstance(document.get("version"), int) or document["version"] < 1:
        raise ValueError(f"{path.name}: expected a mapping with a positive whole `version`")
    if not isinstance(document.get("effective_from"), date) or not str(document.get("source") or "").strip():
        raise ValueError(f"{path.name}: expected `effective_from` (YYYY-MM-DD) and `source`")
    by_year: dict[int, tuple[int, int]] = {}
    for year, age in (document.get("ages_by_year") or {}).items():
        years, months = int(age["years"]), int(age.get("months", 0))
        if not isinstance(year, int) or not 60 <= years <= 70 or not 0 <= months < 12:
            raise ValueError(f"{path.name}: ages_by_year {year!r}: expected an age of 60-70 years and 0-11 months")
        by_year[year] = (years, months)
    years_listed = sorted(by_year)
    if not years_listed or years_listed != list(range(years_listed[0], years_listed[-1] + 1)):
        raise ValueError(f"{path.name}: ages_by_year lists every year from the first to the last")
    return AowAgeTable(document["version"], document["effective_from"], str(document["source"]).strip(), by_year)


@cache
def aow_age_table() -> AowAgeTable:
    """The shipped AOW-age table, read once per process."""
    return aow_age_table_read()


# AOW age (years, months) by the calendar year in which it is reached; from data/aow_age.yaml.
AOW_AGE_BY_YEAR: dict[int, tuple[int, int]] = aow_age_table().by_year
_FIRST_YEAR, _LAST_YEAR = min(AOW_AGE_BY_YEAR), max(AOW_AGE_BY_YEAR)


def age_on(birth_date: date, on: date) -> int:
    """Completed years on `on` (someone born on 29 February turns a year older on 1 March in common years)."""
    return relativedelta(on, birth_date).years


def aow_date(birth_date: date) -> date:
    """The day someone reaches the AOW age: the first year in the table in which birth date + that age falls."""
    for year in range(_FIRST_YEAR, _LAST_YEAR + 1):
        years, months = AOW_AGE_BY_YEAR[year]
        reached = birth_date + relativedelta(years=years, months=months)
        if reached.year <= year:
            return reached
    years, months = AOW_AGE_BY_YEAR[_LAST_YEAR]
    return birth_date + relativedelta(years=years, months=months)


def life_phases(birth_date: date, on: date) -> tuple[str, ...]:
    """The life phases someone is in on `on`, in the catalog's order; empty before birth.

    The bounds are the catalog's (data/life_phases.yaml); the working-age phase ends on the AOW date, not at 65.
    """
    if on < birth_date:
        return ()
    age = age_on(birth_date, on)
    ages = life_phase_ages()
    if age >= ages[AGE_18_65][0]:
        return (AGE_18_65,) if on < aow_date(birth_date) else (AGE_65_PLUS,)
    return tuple(code for code in PHASE_ORDER[:4] if ages[code][0] <= age < ages[code][1])
