"""Synthetic BSNs for the demo municipality: valid by the 11-check, drawn from the test band, never a real person's.

How a generated BSN can never be a real person's
------------------------------------------------
A BSN is nine digits that pass the 11-check (weights 9, 8, 7, 6, 5, 4, 3, 2 and -1). About 91 million numbers
pass it, and tens of millions have been issued since the sofinummer of 1989, so a number picked at random has a
fair chance of belonging to someone. The generator does not pick at random.

The Rijksdienst voor Identiteitsgegevens (RvIG) publishes test BSNs for test environments (among them the chain
test environments of the sociaal domein): the numbers that begin with 9999, from 999900006 up to 999999990. They
are kept for testing and are not issued to people. Every BSN of the demo municipality comes from that band. The
band holds 9,091 numbers that pass the 11-check; the generator uses 9,000 of them, which is why a demo town holds
at most 9,000 resident records, and why that is the default size of `make demo`.

Larger towns (the benchmarks at 100,000 and 1,000,000 residents) need more numbers than the band holds. They
continue in the numbers beginning with 9 below the band (900000000 up to 999899999). RvIG does not publish those
as test numbers, so for them the generator cannot promise that none is issued: `generate_municipality` refuses to
go there unless `--allow-bsn-outside-test-range` is given, and such runs belong on throwaway databases. Even then
no real person's data is involved: every name, address, date and relation attached to a number is invented from
the seed.

How the numbers are drawn without a list
----------------------------------------
Take a seven-digit stem (the first seven digits). For any stem, at least nine of the ten possible eighth digits
leave a ninth digit in 0..9 that makes the 11-check pass, so a stem and "which of those nine" name exactly one
valid BSN, and the k-th number of a band is found by arithmetic. The seed shuffles the band in blocks of a
thousand numbers (one block per chunk of a thousand residents, the blocks in a seeded order) and shuffles the
numbers within each block, with affine permutations (a*k + b mod size). So the same seed gives the same numbers;
members of a household do not get consecutive numbers; every chunk of the town can be generated on its own,
without a register of numbers in use; and a chunk's numbers lie close together, which keeps inserts into the BSN
index local when a million residents are written.
"""

import math
import random
from dataclasses import dataclass
from functools import lru_cache

WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2, -1)
PER_STEM = 9
BLOCK = 1_000  # resident records per block: the generator's chunk size

TEST_BAND_FIRST, TEST_BAND_LAST = 999900006, 999999990
# Seven-digit stems: the test band (9999xxx), and the numbers beginning with 9 below it.
TEST_STEMS = range(9_999_000, 10_000_000)
EXTENDED_STEMS = range(9_000_000, 9_999_000)
TEST_BAND_CAPACITY = len(TEST_STEMS) * PER_STEM  # 9,000
CAPACITY = TEST_BAND_CAPACITY + len(EXTENDED_STEMS) * PER_STEM  # 9,000,000


def bsn_passes_eleven_check(value: str) -> bool:
    """The 11-check of the BSN (weights 9..2 and -1)."""
    if len(value) != 9 or not value.isdigit():
        return False
    return sum(int(d) * w for d, w in zip(value, WEIGHTS, strict=True)) % 11 == 0


def bsn_in_test_band(value: str) -> bool:
    return value.isdigit() and TEST_BAND_FIRST <= int(value) <= TEST_BAND_LAST


@lru_cache(maxsize=4096)
def _partial(stem: int) -> int:
    """The 11-check sum over the stem's seven digits (weights 9..3); a block reuses each stem nine times."""
    total = 0
    for weight in (3, 4, 5, 6, 7, 8, 9):
        stem, digit = divmod(stem, 10)
        total += digit * weight
    return total


def _from_stem(stem: int, k: int) -> str:
    partial = _partial(stem)
    found = -1
    for eighth in range(10):
        ninth = (partial + 2 * eighth) % 11
        if ninth == 10:
            continue
        found += 1
        if found == k:
            return f"{stem:07d}{eighth}{ninth}"
    raise AssertionError("every stem has at least nine valid endings")


class _Permutation:
    """A seeded bijection of range(size) onto itself: a·i + b mod size."""

    def __init__(self, size: int, rng: random.Random) -> None:
        self.size = size
        a = rng.randrange(size // 3, 2 * size // 3) | 1 if size > 3 else 1
        while math.gcd(a, size) != 1:
            a += 2
        self.a, self.b = a, rng.randrange(size)

    def __call__(self, i: int) -> int:
        return (self.a * i + self.b) % self.size


class _BlockPermutation:
    """Shuffle whole blocks of BLOCK numbers, and the numbers within a block: a chunk's numbers stay together."""

    def __init__(self, size: int, rng: random.Random) -> None:
        assert size % BLOCK == 0
        self.blocks, self.inner = _Permutation(size // BLOCK, rng), _Permutation(BLOCK, rng)

    def __call__(self, i: int) -> int:
        return self.blocks(i // BLOCK) * BLOCK + self.inner(i % BLOCK)


@dataclass(frozen=True)
class BsnAllocator:
    """Resident record number i (0, 1, 2, ...) → its synthetic BSN; the same seed always gives the same numbers."""

    seed: int

    def __post_init__(self) -> None:
        rng = random.Random(f"routekaart-bsn:{self.seed}")
        object.__setattr__(self, "_test", _BlockPermutation(TEST_BAND_CAPACITY, rng))
        object.__setattr__(self, "_extended", _BlockPermutation(CAPACITY - TEST_BAND_CAPACITY, rng))

    def __call__(self, i: int) -> str:
        if i < 0 or i >= CAPACITY:
            raise ValueError(f"resident record {i} is outside the synthetic range (capacity {CAPACITY})")
        if i < TEST_BAND_CAPACITY:
            j, stems = self._test(i), TEST_STEMS
        else:
            j, stems = self._extended(i - TEST_BAND_CAPACITY), EXTENDED_STEMS
        return _from_stem(stems[j // PER_STEM], j % PER_STEM)
