"""Synthetic BSNs for the demo municipality: valid by the 11-check, drawn from the test band, never a real person's.

How a generated BSN can never be a real person's
------------------------------------------------
A BSN is nine digits that pass the 11-check (weights 9, 8, 7, 6, 5, 4, 3, 2 and -1). About 91 million numbers
pass it, and the Dutch government has issued tens of millions of them since the sofinummer of 1989; a number
picked at random therefore has a fair chance of belonging to someone. The generator does not pick at random.

The Rijksdienst voor Identiteitsgegevens (RvIG) sets aside the numbers that begin with 9999 (999900006 up to
999999990) as test BSNs: they are used in its test environments and in the chain test environments of the
sociaal domein, and are not issued to people. Every BSN of the demo municipality comes from that band: the
generator enumerates it without a register (see below), in an order shuffled by the seed, and gives each
resident record the next number. The band holds 9,000 such numbers, which is why a demo town is at most 9,000
resident records (the default `--residents` is exactly that).

Larger runs (the benchmarks at 100,000 and 1,000,000 residents) need more numbers than the test band holds. They
continue in the numbers beginning with 9 below the band (900000000 up to 999899999). RvIG does not publish
those as test numbers, so the generator cannot promise that none of them is issued: `generate_municipality`
refuses to go there unless `--allow-bsn-outside-test-range` is given, and such runs belong on throwaway
databases. Even then no real person's data is involved: every name, address, date and relation attached to the
number is invented from the seed.

How the band is enumerated without a list
-----------------------------------------
Take a seven-digit stem (the first seven digits). For any stem, at least nine of the ten possible eighth digits
leave a ninth digit in 0..9 that makes the 11-check pass, so stem and "which of those nine" together name exactly
one valid BSN. The k-th number of a band is then found directly: an affine permutation (a·k + b mod size, with
a coprime to the size; a and b from the seed) shuffles the order, so numbers carry no sequence, runs with the
same seed get the same numbers, and a chunk of the town can be generated (or re-checked) on its own without
holding a million numbers in memory.
"""

import math
import random
from dataclasses import dataclass

WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2, -1)
PER_STEM = 9

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


def _from_stem(stem: int, k: int) -> str:
    digits = [int(d) for d in f"{stem:07d}"]
    partial = sum(d * w for d, w in zip(digits, WEIGHTS[:7], strict=True))
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
        a = rng.randrange(size // 3, 2 * size // 3) | 1
        while math.gcd(a, size) != 1:
            a += 2
        self.a, self.b = a, rng.randrange(size)

    def __call__(self, i: int) -> int:
        return (self.a * i + self.b) % self.size


@dataclass(frozen=True)
class BsnAllocator:
    """Resident record number i (0, 1, 2, ...) → its synthetic BSN; the same seed always gives the same numbers."""

    seed: int

    def __post_init__(self) -> None:
        rng = random.Random(f"routekaart-bsn:{self.seed}")
        object.__setattr__(self, "_test", _Permutation(TEST_BAND_CAPACITY, rng))
        object.__setattr__(self, "_extended", _Permutation(CAPACITY - TEST_BAND_CAPACITY, rng))

    def __call__(self, i: int) -> str:
        if i < 0 or i >= CAPACITY:
            raise ValueError(f"resident record {i} is outside the synthetic range (capacity {CAPACITY})")
        if i < TEST_BAND_CAPACITY:
            j, stems = self._test(i), TEST_STEMS
        else:
            j, stems = self._extended(i - TEST_BAND_CAPACITY), EXTENDED_STEMS
        return _from_stem(stems[j // PER_STEM], j % PER_STEM)
