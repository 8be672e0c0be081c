"""The fine rules (Pw art. 18a, Boetebesluit): the share by culpability, the warning threshold of € 150 without a
repeat offence, the capped fine without harm; and, for any case, a fine that never exceeds the harm nor goes below 0."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ..fines import Sanction, fine_calculate, rules_on
from ..models import Culpability

ON = date(2026, 12, 1)


def _fine(harm, culpability=Culpability.INTENT, repeat=False):
    return fine_calculate(harm=Decimal(harm), culpability=culpability, repeat_offence=repeat, on=ON)


@pytest.mark.parametrize(
    ("culpability", "expected"),
    [
        (Culpability.INTENT, "1000.00"),
        (Culpability.GROSS_NEGLIGENCE, "750.00"),
        (Culpability.ORDINARY, "500.00"),
        (Culpability.DIMINISHED, "250.00"),
    ],
)
def test_the_fine_is_the_share_of_the_harm_by_culpability(culpability, expected):
    calculation = _fine("1000.00", culpability)
    assert (calculation.sanction, calculation.amount) == (Sanction.FINE, Decimal(expected))


def test_without_culpability_there_is_no_fine_and_no_warning():
    calculation = _fine("1000.00", Culpability.NONE)
    assert (calculation.sanction, calculation.amount) == (Sanction.NONE, Decimal("0.00"))


@pytest.mark.parametrize(("harm", "sanction"), [("149.99", Sanction.WARNING), ("150.00", Sanction.WARNING)])
def test_a_harm_up_to_150_without_repeat_offence_gets_a_warning(harm, sanction):
    assert _fine(harm).sanction == sanction


def test_a_harm_of_150_01_is_fined():
    calculation = _fine("150.01", Culpability.ORDINARY)
    assert (calculation.sanction, calculation.amount) == (Sanction.FINE, Decimal("75.00"))


@pytest.mark.parametrize("harm", ["149.99", "150.00", "150.01"])
def test_a_repeat_offence_is_fined_also_at_a_small_harm(harm):
    calculation = _fine(harm, Culpability.INTENT, repeat=True)
    assert (calculation.sanction, calculation.amount) == (Sanction.FINE, Decimal(harm))


def test_without_harm_a_repeat_offence_is_fined_at_most_150():
    assert _fine("0", Culpability.INTENT, repeat=True).amount == Decimal("150.00")
    assert _fine("0", Culpability.DIMINISHED, repeat=True).amount == Decimal("37.50")


def test_without_harm_and_without_repeat_offence_a_warning_suffices():
    assert _fine("0").sanction == Sanction.WARNING


def test_every_number_has_a_source_in_the_data():
    rules = rules_on(ON)
    assert rules.source and rules.warning_max_harm == Decimal("150.00") and rules.repeat_window_years == 5
    assert rules.percentages == {"intent": 100, "gross_negligence": 75, "ordinary": 50, "diminished": 25, "none": 0}


def test_the_explanation_names_the_percentage_and_the_amount():
    assert (
        "75% van het benadelingsbedrag € 1.000,00 = € 750,00"
        in _fine("1000.00", Culpability.GROSS_NEGLIGENCE).explanation
    )


@given(
    harm=st.decimals(min_value=0, max_value=Decimal("99999999.99"), places=2, allow_nan=False),
    culpability=st.sampled_from(Culpability.values),
    repeat=st.booleans(),
)
def test_the_fine_never_exceeds_the_harm_and_is_never_negative(harm, culpability, repeat):
    calculation = fine_calculate(harm=harm, culpability=culpability, repeat_offence=repeat, on=ON)
    assert calculation.amount >= 0
    if harm > 0:
        assert calculation.amount <= harm
    else:
        assert calculation.amount <= rules_on(ON).no_harm_max_fine
    if calculation.sanction != Sanction.FINE:
        assert calculation.amount == 0
