"""The matching score, once as a plain function that explains itself and once vectorised over arrays.

Pure: no database, no Django. Selectors load the facts (a fixed number of queries) and call these functions.

The score is out of 100 and is the sum of six components, each worth the points `rules.yaml` gives it:

- skills:      share of the competences the job asks that the candidate has (no competences asked: all points);
- hours:       full when the hours the candidate wants overlap the job's hours, falling to nil at
               `hours_tolerance` hours per week apart;
- distance:    straight line from postcode area to postcode area; full at 0 km, `distance_share_at_limit` at the
               candidate's maximum travel distance, nil beyond it;
- wage_value:  full when the candidate's wage value reaches what the job demands, falling to nil
               `wage_value_tolerance` percentage points below it;
- eligibility: the job's conditions met: a banenafspraak job needs the target-group register; a job with wage-cost
               subsidy (LKS) needs a wage value below 100%; no conditions: all points;
- wishes:      the job's sector is one the candidate wishes for.

A fact that is not known (no postcode location, no wage-value determination, no wishes) earns `unknown_share` of
that component's points, never a guess. Points are kept in tenths (integers), so the parts shown on screen add up
to the total exactly, and the scalar and the vectorised version give the same numbers (same float operations in
the same order, rounded once per component).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

COMPONENTS = ("skills", "hours", "distance", "wage_value", "eligibility", "wishes")
FULL_WAGE_VALUE = 100
# A local flat projection of WGS84 degrees to kilometres, good to well under 1% across the Netherlands.
KM_PER_DEGREE_LAT = 110.574
KM_PER_DEGREE_LON = 111.320 * math.cos(math.radians(52.1))


def project(latitude: float, longitude: float) -> tuple[float, float]:
    return longitude * KM_PER_DEGREE_LON, latitude * KM_PER_DEGREE_LAT


@dataclass(frozen=True)
class MatchRules:
    weights: dict[str, int]
    hours_tolerance: int
    distance_share_at_limit: float
    wage_value_tolerance: int
    unknown_share: float
    top: int

    @classmethod
    def from_content(cls, content: dict) -> MatchRules:
        m = content["matching"]
        return cls(
            weights={name: int(m["weights"][name]) for name in COMPONENTS},
            hours_tolerance=int(m["hours_tolerance"]),
            distance_share_at_limit=float(m["distance_share_at_limit"]),
            wage_value_tolerance=int(m["wage_value_tolerance"]),
            unknown_share=float(m["unknown_share"]),
            top=int(m["top"]),
        )


@dataclass(frozen=True)
class JobFacts:
    competence_mask: int
    hours_min: int
    hours_max: int
    x_km: float | None
    y_km: float | None
    min_wage_value: int
    jobs_agreement: bool
    wage_subsidy: bool
    sector_bit: int


@dataclass(frozen=True)
class CandidateFacts:
    competence_mask: int
    hours_min: int
    hours_max: int
    x_km: float | None
    y_km: float | None
    max_travel_km: int
    wage_value: int | None
    in_register: bool | None
    sector_mask: int


@dataclass(frozen=True)
class Component:
    name: str
    points: int  # tenths
    max_points: int  # tenths
    known: bool = True
    detail: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Explanation:
    components: tuple[Component, ...]

    @property
    def total(self) -> int:
        """The score in tenths of a point: exactly the sum of the components shown."""
        return sum(c.points for c in self.components)

    def component(self, name: str) -> Component:
        return next(c for c in self.components if c.name == name)


def _points(weight: int, fraction: float) -> int:
    return math.floor(float(weight * 10) * fraction + 0.5)


def explain(job: JobFacts, candidate: CandidateFacts, rules: MatchRules) -> Explanation:
    """The score of one candidate for one job, component by component, with the facts behind each part."""
    w, u = rules.weights, rules.unknown_share
    parts = []

    asked = job.competence_mask.bit_count()
    had = (job.competence_mask & candidate.competence_mask).bit_count()
    fraction = 1.0 if asked == 0 else had / asked
    parts.append(
        Component(
            "skills",
            _points(w["skills"], fraction),
            w["skills"] * 10,
            detail={
                "asked": asked,
                "had": had,
                "matched_mask": job.competence_mask & candidate.competence_mask,
                "missing_mask": job.competence_mask & ~candidate.competence_mask,
            },
        )
    )

    gap = max(0, candidate.hours_min - job.hours_max, job.hours_min - candidate.hours_max)
    fraction = max(0.0, 1.0 - gap / rules.hours_tolerance)
    parts.append(Component("hours", _points(w["hours"], fraction), w["hours"] * 10, detail={"gap": gap}))

    if None in (job.x_km, job.y_km, candidate.x_km, candidate.y_km):
        parts.append(Component("distance", _points(w["distance"], u), w["distance"] * 10, known=False))
    else:
        dx, dy = job.x_km - candidate.x_km, job.y_km - candidate.y_km
        km = math.sqrt(dx * dx + dy * dy)
        limit = candidate.max_travel_km
        fraction = 1.0 - (1.0 - rules.distance_share_at_limit) * km / limit if km <= limit else 0.0
        parts.append(
            Component(
                "distance", _points(w["distance"], fraction), w["distance"] * 10, detail={"km": km, "limit": limit}
            )
        )

    if candidate.wage_value is None:
        parts.append(
            Component(
                "wage_value",
                _points(w["wage_value"], u),
                w["wage_value"] * 10,
                known=False,
                detail={"demand": job.min_wage_value},
            )
        )
    else:
        short = job.min_wage_value - candidate.wage_value
        fraction = 1.0 if short <= 0 else max(0.0, 1.0 - short / rules.wage_value_tolerance)
        parts.append(
            Component(
                "wage_value",
                _points(w["wage_value"], fraction),
                w["wage_value"] * 10,
                detail={"demand": job.min_wage_value, "wage_value": candidate.wage_value},
            )
        )

    conditions = {}
    if job.jobs_agreement:
        conditions["register"] = candidate.in_register is True
    if job.wage_subsidy:
        conditions["wage_subsidy"] = candidate.wage_value is not None and candidate.wage_value < FULL_WAGE_VALUE
    fraction = 1.0 if not conditions else sum(conditions.values()) / len(conditions)
    parts.append(
        Component(
            "eligibility", _points(w["eligibility"], fraction), w["eligibility"] * 10, detail={"conditions": conditions}
        )
    )

    if candidate.sector_mask == 0:
        parts.append(Component("wishes", _points(w["wishes"], u), w["wishes"] * 10, known=False))
    else:
        wished = bool(candidate.sector_mask >> job.sector_bit & 1)
        parts.append(
            Component(
                "wishes", _points(w["wishes"], 1.0 if wished else 0.0), w["wishes"] * 10, detail={"wished": wished}
            )
        )
    return Explanation(tuple(parts))


# --- Vectorised --------------------------------------------------------------------------------------------------


@dataclass
class CandidateArrays:
    """Candidates as columns: unknown locations and wage values are NaN; an unknown register status is False."""

    competence_mask: np.ndarray
    hours_min: np.ndarray
    hours_max: np.ndarray
    x_km: np.ndarray
    y_km: np.ndarray
    max_travel_km: np.ndarray  # float64
    wage_value: np.ndarray  # float64, NaN unknown
    in_register: np.ndarray  # bool
    sector_mask: np.ndarray

    def __len__(self) -> int:
        return len(self.competence_mask)

    @classmethod
    def of(cls, candidates: list[CandidateFacts]) -> CandidateArrays:
        return cls(
            competence_mask=np.array([c.competence_mask for c in candidates], dtype=np.int64),
            hours_min=np.array([c.hours_min for c in candidates], dtype=np.int64),
            hours_max=np.array([c.hours_max for c in candidates], dtype=np.int64),
            x_km=np.array([np.nan if c.x_km is None else c.x_km for c in candidates], dtype=np.float64),
            y_km=np.array([np.nan if c.y_km is None else c.y_km for c in candidates], dtype=np.float64),
            max_travel_km=np.array([c.max_travel_km for c in candidates], dtype=np.float64),
            wage_value=np.array(
                [np.nan if c.wage_value is None else c.wage_value for c in candidates], dtype=np.float64
            ),
            in_register=np.array([c.in_register is True for c in candidates], dtype=bool),
            sector_mask=np.array([c.sector_mask for c in candidates], dtype=np.int64),
        )


def _round_points(weight: int, fraction: np.ndarray) -> np.ndarray:
    """`_points` for arrays: the same float operations, so the same tenths."""
    return np.floor(float(weight * 10) * fraction + 0.5).astype(np.int16)


UNKNOWN_WAGE_VALUE = FULL_WAGE_VALUE + 1  # the code of "no wage-value determination" in the wage tables


class Prepared:
    """The candidates, reduced once to small integer codes, and the score tables that do not depend on a job.

    Each component of a job's score is then one table lookup (or one row) per candidate: a loop over jobs with a
    handful of array operations each, never a loop over pairs.
    """

    def __init__(self, candidates: CandidateArrays, rules: MatchRules, sector_count: int = 63) -> None:
        self.rules = rules
        self.n = len(candidates)
        w, u = rules.weights, rules.unknown_share
        self.competence_mask = candidates.competence_mask
        self.hours_min = candidates.hours_min.astype(np.int16)
        self.hours_max = candidates.hours_max.astype(np.int16)
        # hours: points by the gap in hours (0 … 40)
        gaps = np.arange(41, dtype=np.int64)
        self.hours_table = _round_points(w["hours"], np.maximum(0.0, 1.0 - gaps / rules.hours_tolerance))
        # distance: candidates share (location, travel limit) pairs; a job scores each pair once
        located = ~(np.isnan(candidates.x_km) | np.isnan(candidates.y_km))
        pairs = np.stack(
            [np.where(located, candidates.x_km, 0.0), np.where(located, candidates.y_km, 0.0), candidates.max_travel_km]
        )
        pairs = np.where(located, pairs, np.nan)
        unique, self.distance_code = np.unique(pairs, axis=1, return_inverse=True, equal_nan=True)
        self.distance_code = self.distance_code.reshape(-1)
        self.pair_x, self.pair_y, self.pair_limit = unique[0], unique[1], unique[2]
        self.unknown_distance_points = _round_points(w["distance"], np.array(u))
        # wage value and eligibility: one code per candidate, (wage value or unknown) x (in the register)
        wage = np.where(np.isnan(candidates.wage_value), UNKNOWN_WAGE_VALUE, candidates.wage_value).astype(np.int64)
        self.wage_code = wage * 2 + candidates.in_register.astype(np.int64)
        code_wage = np.repeat(np.arange(UNKNOWN_WAGE_VALUE + 1), 2)
        self.code_known = code_wage != UNKNOWN_WAGE_VALUE
        self.code_wage = code_wage.astype(np.float64)
        self.code_register = np.tile([False, True], UNKNOWN_WAGE_VALUE + 1)
        # wishes: a row of points per sector
        masks = candidates.sector_mask
        bits = np.arange(sector_count, dtype=np.int64)[:, None]
        wished = ((masks[None, :] >> bits) & 1).astype(np.float64)
        self.wish_rows = _round_points(w["wishes"], np.where(masks[None, :] == 0, u, wished))
        # Parts shared by many jobs, kept up to about 64 MiB (int16 per candidate each).
        self._parts: dict[tuple, np.ndarray] = {}
        self._parts_limit = max(16, (64 << 20) // max(1, 2 * self.n))

    def components(self, job: JobFacts) -> dict[str, np.ndarray]:
        """Every component's points (tenths, int16) of every candidate for one job."""
        rules, w, u = self.rules, self.rules.weights, self.rules.unknown_share
        out = {}
        asked = job.competence_mask.bit_count()
        had = np.arange(65, dtype=np.int64)
        skills_table = _round_points(w["skills"], np.ones(65) if asked == 0 else had / asked)
        out["skills"] = skills_table.take(np.bitwise_count(self.competence_mask & job.competence_mask))

        gap = np.maximum(np.maximum(self.hours_min - job.hours_max, job.hours_min - self.hours_max), 0)
        out["hours"] = self.hours_table.take(gap)

        if job.x_km is None or job.y_km is None:
            out["distance"] = np.full(self.n, self.unknown_distance_points, dtype=np.int16)
        else:
            dx, dy = job.x_km - self.pair_x, job.y_km - self.pair_y
            km = np.sqrt(dx * dx + dy * dy)
            limit = self.pair_limit
            fraction = np.where(km <= limit, 1.0 - (1.0 - rules.distance_share_at_limit) * km / limit, 0.0)
            fraction = np.where(np.isnan(km), u, fraction)
            out["distance"] = _round_points(w["distance"], fraction).take(self.distance_code)

        short = job.min_wage_value - self.code_wage
        fraction = np.where(short <= 0, 1.0, np.maximum(0.0, 1.0 - short / rules.wage_value_tolerance))
        out["wage_value"] = _round_points(w["wage_value"], np.where(self.code_known, fraction, u)).take(self.wage_code)

        conditions = int(job.jobs_agreement) + int(job.wage_subsidy)
        met = (self.code_register & job.jobs_agreement).astype(np.int64) + (
            self.code_known & (self.code_wage < FULL_WAGE_VALUE) & job.wage_subsidy
        ).astype(np.int64)
        fraction = np.ones(len(met)) if conditions == 0 else met / conditions
        out["eligibility"] = _round_points(w["eligibility"], fraction).take(self.wage_code)

        out["wishes"] = self.wish_rows[job.sector_bit]
        return out

    def totals(self, job: JobFacts) -> np.ndarray:
        """The total points (tenths, int16: at most 1000) of every candidate for one job.

        The parts that depend on few job facts (hours; location; wage value, banenafspraak and LKS) are kept per
        distinct value, as vacancies share them, so most jobs cost the skills part and five additions.
        """
        parts = self._parts
        key_hours = ("hours", job.hours_min, job.hours_max)
        key_place = ("distance", job.x_km, job.y_km)
        key_terms = ("terms", job.min_wage_value, job.jobs_agreement, job.wage_subsidy)
        if key_hours not in parts or key_place not in parts or key_terms not in parts:
            if len(parts) >= self._parts_limit:
                parts.clear()
            computed = self.components(job)
            parts.setdefault(key_hours, computed["hours"])
            parts.setdefault(key_place, computed["distance"])
            parts.setdefault(key_terms, computed["wage_value"] + computed["eligibility"])
        asked = job.competence_mask.bit_count()
        had = np.arange(65, dtype=np.int64)
        skills_table = _round_points(self.rules.weights["skills"], np.ones(65) if asked == 0 else had / asked)
        total = skills_table.take(np.bitwise_count(self.competence_mask & job.competence_mask))
        total += parts[key_hours]
        total += parts[key_place]
        total += parts[key_terms]
        total += self.wish_rows[job.sector_bit]
        return total


def score_matrix(jobs: list[JobFacts], candidates: CandidateArrays, rules: MatchRules) -> np.ndarray:
    """Total points (tenths) for every job (rows) and candidate (columns); for tests and small sets."""
    prepared = Prepared(candidates, rules)
    return np.stack([prepared.totals(job) for job in jobs]) if jobs else np.zeros((0, len(candidates)), np.int64)


def top_of(total: np.ndarray, k: int, *, eligible: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The `k` best of one row of totals (tenths, 0 … 1000), best first; ties go to the lower index.

    Counting beats sorting here: the scores are small integers, so a histogram finds the lowest score that still
    makes the top `k`, and only the candidates at or above it are sorted. Ineligible candidates are left out.
    """
    total = total.astype(np.int64) if eligible is None else np.where(eligible, total, -1).astype(np.int64)
    if k <= 0 or len(total) == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    counts = np.bincount(total + 1, minlength=2)[1:]  # shifted: the ineligible (-1) land in bin 0
    at_least = np.cumsum(counts[::-1])[::-1]  # at_least[s]: candidates scoring s or more
    reaching = np.flatnonzero(at_least >= k)
    threshold = int(reaching[-1]) if len(reaching) else 0
    chosen = np.flatnonzero(total >= threshold)
    chosen = chosen[np.lexsort((chosen, -total[chosen]))][:k]
    return chosen, total[chosen]


def rank(
    jobs: list[JobFacts], candidates: CandidateArrays, rules: MatchRules, *, top: int | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """The best `top` candidates of every job: (indices, totals), each (jobs x top), best first, -1 where empty.

    A loop over jobs, each a few array operations over all candidates; memory stays at a few arrays of the
    candidates' length whatever the number of jobs.
    """
    top = rules.top if top is None else top
    prepared = Prepared(candidates, rules)
    indices = np.full((len(jobs), top), -1, dtype=np.int64)
    totals = np.full((len(jobs), top), -1, dtype=np.int64)
    for row, job in enumerate(jobs):
        best, scores = top_of(prepared.totals(job), top)
        indices[row, : len(best)] = best
        totals[row, : len(best)] = scores
    return indices, totals


def rank_naive(
    jobs: list[JobFacts], candidates: list[CandidateFacts], rules: MatchRules, *, top: int | None = None
) -> list[list[tuple[int, int]]]:
    """The same ranking as a Python loop over every pair: the reference the benchmark compares against."""
    top = rules.top if top is None else top
    result = []
    for job in jobs:
        scored = [(explain(job, candidate, rules).total, i) for i, candidate in enumerate(candidates)]
        scored.sort(key=lambda pair: (-pair[0], pair[1]))
        result.append([(i, total) for total, i in scored[:top]])
    return result
