"""The cost-sharer norm (Pw art. 22a): (40% + A x 30%) / A x the couple norm, against hand-computed cases."""

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from routekaart.income.calculation import (
    Housemate,
    NormSet,
    benefit_calculate,
    cost_sharer_norm,
    cost_sharer_share,
    cost_sharers_count,
    money,
)

NORMS_2024 = NormSet(
    effective_from=date(2024, 1, 1),
    couple=Decimal("1834.04"),
    single=Decimal("1283.83"),
    single_parent=Decimal("1283.83"),
)
couple_norms = st.decimals(min_value=Decimal("500.00"), max_value=Decimal("5000.00"), places=2)


def norms_with(couple: Decimal) -> NormSet:
    return NormSet(
        effective_from=date(2026, 1, 1),
        couple=couple,
        single=money(couple * Decimal("0.7")),
        single_parent=money(couple * Decimal("0.7")),
    )


def test_the_shares_are_the_statutory_ones():
    assert cost_sharer_share(cost_sharers=1, norms=NORMS_2024) == Fraction(70, 100)
    assert cost_sharer_share(cost_sharers=2, norms=NORMS_2024) == Fraction(50, 100)
    assert cost_sharer_share(cost_sharers=3, norms=NORMS_2024) == Fraction(130, 300)  # 43 1/3 %


@given(couple=couple_norms)
def test_one_adult_gets_the_single_norm(couple):
    norms = norms_with(couple)
    assert cost_sharer_norm(cost_sharers=1, norms=norms) == norms.single


@given(couple=couple_norms)
def test_two_adults_get_half_the_couple_norm_each(couple):
    assert cost_sharer_norm(cost_sharers=2, norms=norms_with(couple)) == money(couple / 2)


@given(couple=couple_norms)
def test_three_adults_get_43_and_a_third_percent_each(couple):
    exact = Fraction(couple) * Fraction(13, 30)
    assert cost_sharer_norm(cost_sharers=3, norms=norms_with(couple)) == money(exact)


@given(couple=couple_norms, adults=st.integers(min_value=1, max_value=12))
def test_more_sharers_never_raise_the_norm_per_person_and_the_share_stays_above_30_percent(couple, adults):
    norms = norms_with(couple)
    now = cost_sharer_norm(cost_sharers=adults, norms=norms)
    more = cost_sharer_norm(cost_sharers=adults + 1, norms=norms)
    assert more <= now
    assert cost_sharer_share(cost_sharers=adults, norms=norms) > Fraction(30, 100)
    assert now == money(Fraction(couple) * (Fraction(40, 100) + adults * Fraction(30, 100)) / adults)


@pytest.mark.parametrize(
    ("adults", "per_person"),
    # RSD De Liemers, normbedragen per 1 januari 2024 (inclusief vakantietoeslag)
    [(2, "917.02"), (3, "794.75"), (4, "733.62"), (5, "696.94"), (6, "672.48"), (7, "655.01"), (8, "641.91")],
)
def test_published_2024_amounts(adults, per_person):
    assert cost_sharer_norm(cost_sharers=adults, norms=NORMS_2024) == Decimal(per_person)


def test_a_couple_with_an_adult_son_gets_twice_the_three_person_norm_and_a_student_does_not_count():
    born = date(1980, 1, 1)
    family = [
        Housemate("Client", 46, is_beneficiary=True),
        Housemate("Partner", 45, is_beneficiary=True),
        Housemate("Zoon", 30),
    ]
    result = benefit_calculate(
        on=date(2024, 3, 1), norms=NORMS_2024, kind="couple", client_birth_date=born, housemates=family
    )
    assert result.cost_sharers == 3
    assert result.norm == Decimal("794.75") * 2
    student = [*family[:2], Housemate("Zoon", 30, excluded_reason="student")]
    result = benefit_calculate(
        on=date(2024, 3, 1), norms=NORMS_2024, kind="couple", client_birth_date=born, housemates=student
    )
    assert result.cost_sharers == 2
    assert result.norm == Decimal("1834.04")


def test_housemates_younger_than_the_minimum_age_do_not_count():
    born = date(1970, 5, 5)
    mother_and_son = [Housemate("Moeder", 53, is_beneficiary=True), Housemate("Zoon", 24)]
    result = benefit_calculate(
        on=date(2024, 3, 1), norms=NORMS_2024, kind="single", client_birth_date=born, housemates=mother_and_son
    )
    assert result.cost_sharers == 1 and result.norm == Decimal("1283.83")
    under_2015_rules = NormSet(**{**NORMS_2024.__dict__, "cost_sharer_min_age": 21})
    result = benefit_calculate(
        on=date(2024, 3, 1), norms=under_2015_rules, kind="single", client_birth_date=born, housemates=mother_and_son
    )
    assert result.cost_sharers == 2 and result.norm == Decimal("917.02")


@pytest.mark.parametrize(("age", "counts"), [(26, False), (27, True), (28, True)])
def test_a_housemate_counts_as_cost_sharer_from_exactly_27(age, counts):
    """Pw art. 22a (from 1 January 2023): housemates younger than 27 do not count; one of exactly 27 does."""
    assert NORMS_2024.cost_sharer_min_age == 27
    housemates = [Housemate("Client", 40, is_beneficiary=True), Housemate("Huisgenoot", age)]
    count, lines = cost_sharers_count(housemates=housemates, norms=NORMS_2024)
    assert count == (2 if counts else 1)
    assert lines[1].explanation.startswith("telt mee" if counts else "telt niet mee: jonger dan 27 jaar")
