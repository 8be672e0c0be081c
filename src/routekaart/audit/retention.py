"""Retention: terms as data, and the apps that hold records say which are due and how to anonymise them.

The audit app knows no domain model, so each app registers a handler for the kinds of record it owns
(in its AppConfig.ready()). The `retention` command asks every handler and, when told to, anonymises.
"""

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Protocol

import yaml
from dateutil.relativedelta import relativedelta

DATA = Path(__file__).resolve().parent / "data" / "retention.yaml"


@dataclass(frozen=True)
class RetentionTerm:
    code: str
    name: str
    years: int
    after: str
    source: str

    def cutoff(self, today: date) -> date:
        """Records whose `after` moment lies before this date are due."""
        return today - relativedelta(years=self.years)


class RetentionHandler(Protocol):
    def due(self, *, cutoff: date) -> list[str]:
        """Ids of the records of this kind whose term has passed."""

    def anonymise(self, *, ids: list[str]) -> list[str]:
        """Anonymise these records; return the pseudonyms of the data subjects affected (for the log)."""


_HANDLERS: dict[str, RetentionHandler] = {}


def retention_terms() -> list[RetentionTerm]:
    document = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    return [RetentionTerm(**row) for row in document["terms"]]


def register(code: str, handler: RetentionHandler) -> None:
    _HANDLERS[code] = handler


def handler_for(code: str) -> RetentionHandler | None:
    return _HANDLERS.get(code)
