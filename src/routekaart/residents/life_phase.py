"""Life phase from age: pure functions, no database, so rules and the generator can call them in bulk.

The phases are the seeds' (000, 001), with the same codes as the catalog's life phases: 0-4, 4-12, 4-18 (the
network around schools, overlapping 4-12 and 12-18), 12-18, 18 to the state pension (AOW) age, and from it on.
The seeds name the last boundary 65; in law it is the AOW age, which has risen since 2013 and is used here.
"""

from datetime import date

from dateutil.relativedelta import relativedelta

AGE_0_4 = "age_0_4"
AGE_4_12 = "age_4_12"
AGE_4_18 = "age_4_18"
AGE_12_18 = "age_12_18"
AGE_18_65 = "age_18_65"
AGE_65_PLUS = "age_65_plus"
PHASE_ORDER = (AGE_0_4, AGE_4_12, AGE_4_18, AGE_12_18, AGE_18_65, AGE_65_PLUS)

# AOW age (years, months) by the calendar year in which it is reached (SVB; Wet temporisering verhoging
# AOW-leeftijd). From 2028 on the law fixes 67 years and 3 months; later years follow the last known value
# until the law sets them.
AOW_AGE_BY_YEAR: dict[int, tuple[int, int]] = {
    2012: (65, 0),
    2013: (65, 1),
    2014: (65, 2),
    2015: (65, 3),
    2016: (65, 6),
    2017: (65, 9),
    2018: (66, 0),
    2019: (66, 4),
    2020: (66, 4),
    2021: (66, 4),
    2022: (66, 7),
    2023: (66, 10),
    2024: (67, 0),
    2025: (67, 0),
    2026: (67, 0),
    2027: (67, 0),
    2028: (67, 3),
    2029: (67, 3),
    2030: (67, 3),
}
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
    """The life phases someone is in on `on`, in the catalog's order; empty before birth."""
    if on < birth_date:
        return ()
    age = age_on(birth_date, on)
    if age < 4:
        return (AGE_0_4,)
    if age < 12:
        return (AGE_4_12, AGE_4_18)
    if age < 18:
        return (AGE_4_18, AGE_12_18)
    if on < aow_date(birth_date):
        return (AGE_18_65,)
    return (AGE_65_PLUS,)
