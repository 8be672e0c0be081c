"""The layout of the demo municipality: how many resident records, in which chunks, districts and streets.

A town is cut into chunks of `CHUNK_SIZE` resident records (a buurt of about 450 households). Every chunk is
generated from its own random stream, so a chunk can be produced, stored and checked on its own: memory stays
bounded at any size, and a second run can tell, chunk by chunk, what is already there. Consecutive chunks form a
district (wijk), so districts are contiguous and each chunk has its own four postcode digits.
"""

import math
import random
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from .bsn import CAPACITY, BsnAllocator
from .data import places

CHUNK_SIZE = 1_000
MIN_DISTRICTS, MAX_DISTRICTS = 6, 99
RESIDENTS_PER_DISTRICT = 10_000
FIRST_POSTCODE = 1000
MUNICIPALITY_CODE = "9901"  # matches the demo municipality's fictional CBS code GM9901
STREETS_PER_CHUNK = 64  # an upper bound; street names are numbered chunk * 64 + street
# PostNL letters: no F, I, O, Q, U, Y; and never SA, SD or SS.
POSTCODE_LETTERS = [
    a + b for a in "ABCDEGHJKLMNPRSTVWXZ" for b in "ABCDEGHJKLMNPRSTVWXZ" if a + b not in {"SA", "SD", "SS"}
]


@dataclass(frozen=True)
class DistrictPlan:
    index: int
    code: str
    name: str
    town: str
    area: str  # "noord" or "zuid": which neighbourhood team covers it
    client_weight: float  # how many benefit clients live here relative to the town's average


@dataclass(frozen=True)
class TownPlan:
    """Everything about the town that follows from (seed, residents, reference date) before any chunk is drawn."""

    seed: int
    residents: int
    reference_date: date

    def __post_init__(self) -> None:
        if self.residents < 1:
            raise ValueError("a town needs at least one resident")
        if self.residents > CAPACITY:
            raise ValueError(f"at most {CAPACITY} resident records fit in the synthetic BSN range")
        if self.chunk_count > 10_000 - FIRST_POSTCODE:
            raise ValueError("too many chunks for the four postcode digits")

    @property
    def chunk_count(self) -> int:
        return math.ceil(self.residents / CHUNK_SIZE)

    def chunk_bounds(self, chunk: int) -> tuple[int, int]:
        """Resident record numbers [start, stop) of a chunk."""
        start = chunk * CHUNK_SIZE
        return start, min(start + CHUNK_SIZE, self.residents)

    @property
    def district_count(self) -> int:
        return min(self.chunk_count, max(MIN_DISTRICTS, min(MAX_DISTRICTS, self.residents // RESIDENTS_PER_DISTRICT)))

    def chunk_district(self, chunk: int) -> int:
        return chunk * self.district_count // self.chunk_count

    def chunk_postcode_digits(self, chunk: int) -> str:
        return str(FIRST_POSTCODE + chunk)

    @cached_property
    def bsn(self) -> BsnAllocator:
        return BsnAllocator(self.seed)

    @cached_property
    def districts(self) -> tuple[DistrictPlan, ...]:
        rng = random.Random(f"routekaart-town:{self.seed}:districts")
        layout = places()
        count = self.district_count
        base_names, towns = layout["districts"], layout["towns"]
        in_main_town = math.ceil(count * 0.7)
        weights = [rng.lognormvariate(0, 0.45) for _ in range(count)]
        # Normalise over resident records, so the town as a whole keeps seed 002's rate.
        chunks = [0] * count
        for chunk in range(self.chunk_count):
            chunks[self.chunk_district(chunk)] += 1
        mean = sum(w * n for w, n in zip(weights, chunks, strict=True)) / self.chunk_count
        plans = []
        for d in range(count):
            town = towns[0] if d < in_main_town else towns[1 + (d - in_main_town) % (len(towns) - 1)]
            name = base_names[d % len(base_names)]
            if d >= len(base_names):
                name = f"{name} ({town})"
            plans.append(
                DistrictPlan(
                    index=d,
                    code=f"WK{MUNICIPALITY_CODE}{d:02d}",
                    name=name,
                    town=town,
                    area="noord" if d < math.ceil(count / 2) else "zuid",
                    client_weight=weights[d] / mean,
                )
            )
        return tuple(plans)

    def street_name(self, chunk: int, street: int) -> str:
        layout = places()
        bases, kinds = layout["street_bases"], layout["street_kinds"]
        size = len(bases) * len(kinds)
        number = ((chunk * STREETS_PER_CHUNK + street) * 7919 + self.seed) % size
        base, kind = bases[number % len(bases)], kinds[number // len(bases)]
        return f"{base}{kind}"
