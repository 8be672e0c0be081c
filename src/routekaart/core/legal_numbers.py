"""Legal numbers as data: the ages and terms the rules compare with, read from an app's own YAML file.

Each app keeps its numbers in `<app>/data/legal_numbers.yaml` (a `version`, the `effective_from` date, and per
number its `value` and the `source` in law or in the seeds) and reads them through a small `rules_data` module
made with `LegalNumbers(path)`. A rule therefore never holds its number twice: the code compares, the file says
with what and why. The file is read once per process (cached); a file without a source per number is refused.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import cached_property
from pathlib import Path

import yaml

Number = int | float | Decimal


class LegalNumbersError(ValueError):
    """The data file is incomplete: no version, no effective date, or a number without a value or a source."""


class LegalNumbers:
    """The numbers of one data file; `value(name)` is the only way a rule reads them."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @cached_property
    def document(self) -> dict:
        """The validated file, read once."""
        with self.path.open(encoding="utf-8") as handle:
            document = yaml.safe_load(handle) or {}
        where = self.path.name
        if not isinstance(document.get("version"), str) or not document["version"]:
            raise LegalNumbersError(f"{where}: 'version' ontbreekt")
        if not isinstance(document.get("effective_from"), date):
            raise LegalNumbersError(f"{where}: 'effective_from' is geen datum")
        numbers = document.get("numbers")
        if not isinstance(numbers, dict) or not numbers:
            raise LegalNumbersError(f"{where}: 'numbers' ontbreekt")
        for name, entry in numbers.items():
            if not isinstance(entry, dict) or isinstance(entry.get("value"), bool):
                raise LegalNumbersError(f"{where}: {name} heeft geen waarde")
            if not isinstance(entry.get("value"), int | float):
                raise LegalNumbersError(f"{where}: {name} heeft geen getal als waarde")
            if not str(entry.get("source") or "").strip():
                raise LegalNumbersError(f"{where}: {name} heeft geen bron")
        return document

    @property
    def version(self) -> str:
        return self.document["version"]

    @property
    def effective_from(self) -> date:
        return self.document["effective_from"]

    def names(self) -> list[str]:
        return list(self.document["numbers"])

    def value(self, name: str) -> Number:
        """The number called `name`; an unknown name is a programming error (KeyError)."""
        return self.document["numbers"][name]["value"]

    def source(self, name: str) -> str:
        """Where the number comes from (an article of law, or the seed and its step)."""
        return self.document["numbers"][name]["source"]
