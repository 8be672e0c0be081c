"""The generator's data files (population shares, names, places), read once and prepared for fast drawing."""

import bisect
import itertools
import random
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).with_name("data")
# Education levels that count as "vmbo of lager" in seed 002 (mbo entree is the same level as vmbo in CBS terms).
VMBO_OR_LOWER = frozenset({"none", "primary", "pro", "vso", "vmbo", "mbo_entry"})


def _load(name: str) -> dict[str, Any]:
    return yaml.safe_load((DATA_DIR / name).read_text(encoding="utf-8"))


class Weighted:
    """Draw from a {value: weight} table with one random number (cumulative weights + bisect)."""

    __slots__ = ("cumulative", "total", "values")

    def __init__(self, table: dict) -> None:
        self.values = list(table)
        self.cumulative = list(itertools.accumulate(float(w) for w in table.values()))
        self.total = self.cumulative[-1]

    def draw(self, rng: random.Random):
        return self.values[bisect.bisect_right(self.cumulative, rng.random() * self.total)]


@dataclass(frozen=True)
class Shares:
    """Seed 002's benefit-client figures and the general population's proportions."""

    raw: dict[str, Any]

    @property
    def clients(self) -> dict[str, Any]:
        return self.raw["benefit_clients"]

    @property
    def general(self) -> dict[str, Any]:
        return self.raw["general"]

    @property
    def client_rate(self) -> float:
        """Benefit clients per inhabitant: about 4000 per 155,000."""
        return self.clients["clients"] / self.clients["inhabitants"]


@cache
def shares() -> Shares:
    return Shares(_load("population.yaml"))


@cache
def places() -> dict[str, Any]:
    return _load("places.yaml")


@dataclass(frozen=True)
class Surname:
    prefix: str
    male: str
    female: str


@dataclass(frozen=True)
class OriginNames:
    surnames: tuple[Surname, ...]
    male: tuple[str, ...]
    female: tuple[str, ...]


@dataclass(frozen=True)
class Names:
    countries: dict[str, str]
    dutch_eras: tuple[tuple[int, tuple[str, ...], tuple[str, ...]], ...]
    origins: dict[str, OriginNames]

    def dutch_given(self, birth_year: int, female: bool) -> tuple[str, ...]:
        chosen = self.dutch_eras[0]
        for era in self.dutch_eras:
            if birth_year >= era[0]:
                chosen = era
        return chosen[2] if female else chosen[1]


def _split_surname(full: str, prefixes: list[str]) -> Surname:
    forms = full.split("/")
    male, female = forms[0], forms[-1]
    for prefix in prefixes:  # longest first
        if male.startswith(prefix + " "):
            return Surname(prefix, male[len(prefix) + 1 :], female[len(prefix) + 1 :])
    return Surname("", male, female)


@cache
def names() -> Names:
    raw = _load("names.yaml")
    prefixes = sorted(raw["tussenvoegsels"], key=len, reverse=True)
    eras = tuple(
        (int(year), tuple(given["male"]), tuple(given["female"]))
        for year, given in sorted(raw["dutch_given_names"].items())
    )
    origins = {
        code: OriginNames(
            surnames=tuple(_split_surname(s, prefixes) for s in entry["surnames"]),
            male=tuple(entry.get("male", ())),
            female=tuple(entry.get("female", ())),
        )
        for code, entry in raw["origins"].items()
    }
    return Names(countries=raw["countries"], dutch_eras=eras, origins=origins)
