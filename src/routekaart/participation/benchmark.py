"""Figures for bench/bench_participation.py: the reassessment planning and the budget monitor at a town's size.

Runs in a throwaway database: it generates the demo town at the given size (residents generator), gives its
benefit clients their participation (demo.py), then times each read several times and counts its queries.
"""

from __future__ import annotations

import statistics
import time

from django.db import connection
from django.test.utils import CaptureQueriesContext

from ..organisations.models import Organisation
from ..residents.models import Resident
from . import selectors
from .models import Assignment, Commitment, DistanceAssessment, Expenditure


def _measure(read, repeat: int) -> tuple[float, int]:
    with CaptureQueriesContext(connection) as queries:
        read()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        read()
        times.append(time.perf_counter() - start)
    return statistics.median(times), len(queries)


def participation_benchmark(*, residents: int, repeat: int = 5) -> dict:
    from ..residents.generator import municipality_generate
    from ..residents.generator.bsn import TEST_BAND_CAPACITY
    from .demo import MUNICIPALITY, participation_generate

    start = time.perf_counter()
    municipality_generate(
        residents=residents, allow_bsn_outside_test_range=residents > TEST_BAND_CAPACITY, progress=False
    )
    generated_town = time.perf_counter() - start
    start = time.perf_counter()
    participation_generate()
    generated_participation = time.perf_counter() - start
    municipality = Organisation.objects.get(code=MUNICIPALITY)
    reads = {
        "reassessment planning, all residents with a distance (12 months)": lambda: selectors.reassessment_planning(
            months=12
        ),
        "reassessment planning, one municipality": lambda: selectors.reassessment_planning(municipality=municipality),
        "distance distribution beside Zaanstad's shares": lambda: selectors.distance_distribution(
            municipality=municipality
        ),
        "reassessment report (share whose distance fell)": lambda: selectors.reassessment_report(
            municipality=municipality
        ),
        "budget monitor (one municipality, one year)": lambda: selectors.budget_monitor_get(municipality=municipality),
    }
    figures = {name: _measure(read, repeat) for name, read in reads.items()}
    planning = selectors.reassessment_planning(months=12)
    return {
        "residents": Resident.objects.count(),
        "with_distance": planning.with_distance,
        "overdue": planning.overdue,
        "assessments": DistanceAssessment.objects.count(),
        "assignments": Assignment.objects.count(),
        "commitments": Commitment.objects.count(),
        "expenditures": Expenditure.objects.count(),
        "generate_town_seconds": generated_town,
        "generate_participation_seconds": generated_participation,
        "reads": {name: {"seconds": seconds, "queries": queries} for name, (seconds, queries) in figures.items()},
    }
