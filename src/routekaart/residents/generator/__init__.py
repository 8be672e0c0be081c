"""The deterministic demo municipality: Weidebeek, its districts, streets, households and residents.

`municipality_generate()` is the one entry point (the `generate_municipality` command and `setup_demo` call it).
The same seed, size and reference date always give the same town. The town is built in chunks of a thousand
resident records, each from its own random stream and written with one multi-row insert per table (committed
twenty chunks at a time), so memory stays bounded at a million residents and a second run adds only the chunks
that are missing.

The benefit clients follow seed 002's shares (`data/population.yaml`, with the source of every figure); the BSNs
are synthetic (`bsn.py` says how they can never be a real person's).
"""

from datetime import date

from django.utils import timezone

from .bsn import TEST_BAND_CAPACITY

DEFAULT_SEED = 2016  # the year of seed 002's figures
# The largest town whose BSNs all come from RvIG's test band; `make demo` generates it in a few seconds.
DEFAULT_RESIDENTS = TEST_BAND_CAPACITY


class OutsideTestBand(ValueError):
    """More residents than the test band holds, and the caller did not allow numbers outside it."""


def municipality_generate(
    *,
    seed: int = DEFAULT_SEED,
    residents: int = DEFAULT_RESIDENTS,
    reference_date: date | None = None,
    allow_bsn_outside_test_range: bool = False,
    caseloads: bool = True,
    stdout=None,
    progress: bool = True,
) -> dict[str, int]:
    """Generate (or complete) the demo town; prints counts only, never personal data."""
    from tqdm import tqdm

    from ...audit import services as audit
    from .store import staff_ensure, town_store
    from .town import TownPlan

    if residents > TEST_BAND_CAPACITY and not allow_bsn_outside_test_range:
        raise OutsideTestBand(
            f"{residents} inwoners past niet in de test-BSN-reeks (maximaal {TEST_BAND_CAPACITY}); "
            "geef --allow-bsn-outside-test-range mee, alleen voor een wegwerpdatabase."
        )
    plan = TownPlan(seed=seed, residents=residents, reference_date=reference_date or timezone.localdate())
    staff = None
    if caseloads:
        # The caseloads name the demo accounts, so they must exist first (both calls are idempotent).
        from ...organisations.demo import demo_accounts_ensure, demo_network_ensure

        demo_network_ensure()
        demo_accounts_ensure()
        staff = staff_ensure(plan)
    bar = tqdm(
        total=plan.residents,
        unit=" inwoners",
        unit_scale=True,
        desc="Gemeente Weidebeek",
        file=getattr(stdout, "_out", stdout),
        disable=not progress or None,
        mininterval=0.5,
    )
    with bar:
        counts = town_store(plan, staff=staff, progress=bar)
    audit.action_record(
        actor=None,
        action="demo_municipality.generated",
        subject=("municipality", "gemeente-weidebeek"),
        after={"seed": seed, "residents": residents, **counts},
    )
    if stdout is not None:
        stdout.write(
            f"Demogemeente Weidebeek (seed {seed}): {plan.residents} inwoners in {plan.chunk_count} blokken, "
            f"{counts['residents_written']} nieuw geschreven."
        )
    return counts


def demo_municipality_generate(*, stdout) -> None:
    """For `setup_demo` (settings.ROUTEKAART_DEMO_GENERATORS): the default town, with the demo accounts' caseloads."""
    municipality_generate(stdout=stdout)
