"""The participation app's legal numbers (data/legal_numbers.yaml), read by the rules through `value(name)`."""

from pathlib import Path

from ..core.legal_numbers import LegalNumbers, Number

NUMBERS = LegalNumbers(Path(__file__).parent / "data" / "legal_numbers.yaml")


def value(name: str) -> Number:
    """The number `name` of the participation app's data file (e.g. `adult_age`)."""
    return NUMBERS.value(name)
