"""The work app's legal numbers (data/legal_numbers.yaml), read by the rules through `value(name)`."""

from pathlib import Path

from ..core.legal_numbers import LegalNumbers, Number

NUMBERS = LegalNumbers(Path(__file__).parent / "data" / "legal_numbers.yaml")


def value(name: str) -> Number:
    """The number `name` of the work app's data file (e.g. `working_age_min`)."""
    return NUMBERS.value(name)
