"""Matching in the werkgeversdienstverlening: the full ranking, and one opening's ranking from the database.

1. The full ranking: 50,000 candidates against 10,000 vacancies, the best 20 per vacancy, vectorised
   (`work.matching.rank`: per vacancy a handful of array operations over all candidates). Time and peak memory
   (tracemalloc sees numpy's buffers), and the ratio to the plain Python loop over pairs (`rank_naive`, the
   reference that explains every score), measured on a sample of vacancies against all candidates and scaled.
   The sample's top 20s are compared with the vectorised ones: they must be identical.
2. One opening's ranking as the adviser's page loads it: 10,000 candidates with consent in a SQLite database,
   `work.selectors.ranking_get` (a fixed number of queries) against a naive version that asks the database per
   candidate (consent, competences, sectors, postcode area, wage value and register status).

Synthetic data from fixed seeds: candidates live in the postcode areas of the seed regions, with the travel
distances, hours and competences an adviser would meet; about a third has a wage-value determination.
"""

import os
import random
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

TITLE = "Matching candidates to vacancies (werkgeversdienstverlening)"
DATA_SIZE = (
    "full ranking: 50,000 candidates x 10,000 vacancies, top 20 each; "
    "one vacancy from the database: 10,000 candidates with consent (SQLite)"
)
ROOT = Path(__file__).resolve().parents[1]
CANDIDATES = 50_000
VACANCIES = 10_000
TOP = 20
NAIVE_SAMPLE = 12  # vacancies ranked by the plain loop (each against all 50,000 candidates)
DB_CANDIDATES = 10_000


class _NoMigrations(dict):
    """Create tables straight from the models (as pytest --nomigrations): the benchmark times matching, not set-up."""

    def __contains__(self, item) -> bool:
        return True

    def __getitem__(self, item):
        return None


def _django(db_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "src"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "routekaart.conf.test"
    os.environ["DATABASE_URL"] = f"sqlite:///{db_path}"
    import django
    from django.conf import settings

    django.setup()
    settings.MIGRATION_MODULES = _NoMigrations()
    from django.core.management import call_command

    call_command("migrate", run_syncdb=True, verbosity=0)


def _facts(rules_content: dict, areas: list[tuple[float, float]]):
    from routekaart.work import matching

    rng = random.Random(2026)
    rules = matching.MatchRules.from_content(rules_content)

    def location():
        return matching.project(*rng.choice(areas)) if rng.random() > 0.03 else (None, None)

    candidates = []
    for _ in range(CANDIDATES):
        low = rng.choice([8, 12, 16, 20, 24, 32, 36])
        x, y = location()
        mask = 0
        for bit in rng.sample(range(36), rng.randint(3, 8)):
            mask |= 1 << bit
        wage = rng.randint(30, 100) if rng.random() < 0.35 else None
        candidates.append(
            matching.CandidateFacts(
                competence_mask=mask,
                hours_min=low,
                hours_max=min(40, low + rng.choice([0, 4, 8, 12])),
                x_km=x,
                y_km=y,
                max_travel_km=rng.choice([5, 10, 15, 20, 25, 30, 50]),
                wage_value=wage,
                in_register=(rng.random() < 0.6) if wage is not None else (rng.random() < 0.05 or None),
                sector_mask=sum(1 << b for b in rng.sample(range(13), rng.randint(0, 3))),
            )
        )
    jobs = []
    for _ in range(VACANCIES):
        low = rng.choice([8, 12, 16, 20, 24, 32, 36])
        x, y = location()
        mask = 0
        for bit in rng.sample(range(36), rng.randint(1, 5)):
            mask |= 1 << bit
        carved = rng.random() < 0.2
        jobs.append(
            matching.JobFacts(
                competence_mask=mask,
                hours_min=low,
                hours_max=min(40, low + rng.choice([0, 4, 8])),
                x_km=x,
                y_km=y,
                min_wage_value=rng.choice([30, 40, 50, 60]) if carved else 100,
                jobs_agreement=carved or rng.random() < 0.1,
                wage_subsidy=carved,
                sector_bit=rng.randrange(13),
            )
        )
    return rules, candidates, jobs


def _full_ranking(rules_content: dict, areas) -> list[tuple[str, str]]:
    from routekaart.work import matching

    rules, candidates, jobs = _facts(rules_content, areas)
    start, cpu = time.perf_counter(), time.process_time()
    arrays = matching.CandidateArrays.of(candidates)
    indices, totals = matching.rank(jobs, arrays, rules, top=TOP)
    vectorised, vectorised_cpu = time.perf_counter() - start, time.process_time() - cpu
    tracemalloc.start()  # a second run for the memory figure: tracing slows the first one down
    matching.rank(jobs, arrays, rules, top=TOP)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    sample = random.Random(7).sample(range(VACANCIES), NAIVE_SAMPLE)
    start = time.process_time()
    naive = matching.rank_naive([jobs[i] for i in sample], candidates, rules, top=TOP)
    naive_per_job = (time.process_time() - start) / NAIVE_SAMPLE
    identical = all(
        [(int(i), int(t)) for i, t in zip(indices[row], totals[row], strict=True)] == naive[n]
        for n, row in enumerate(sample)
    )
    naive_full = naive_per_job * VACANCIES  # CPU seconds, compared with the vectorised CPU seconds
    pairs = CANDIDATES * VACANCIES
    return [
        ("full ranking, vectorised: time", f"{vectorised:.1f} s"),
        ("full ranking, vectorised: CPU time (one core; the machine is shared)", f"{vectorised_cpu:.1f} s"),
        ("full ranking, vectorised: per vacancy", f"{vectorised / VACANCIES * 1000:.2f} ms"),
        ("full ranking, vectorised: pairs scored per CPU second", f"{pairs / vectorised_cpu / 1e6:.0f} million"),
        ("full ranking, vectorised: peak memory (tracemalloc)", f"{peak / 2**20:.0f} MiB"),
        (f"naive Python loop over pairs: CPU per vacancy (sample of {NAIVE_SAMPLE})", f"{naive_per_job:.2f} s"),
        ("naive Python loop over pairs: full ranking, scaled", f"{naive_full / 3600:.1f} h CPU"),
        ("naive / vectorised (CPU time)", f"{naive_full / vectorised_cpu:.0f}x"),
        ("sample top 20s identical to the naive loop", "yes" if identical else "NO"),
    ]


def _database(areas_pc4: list[str]) -> list[tuple[str, str]]:
    from datetime import date

    from django.db import connection

    from routekaart.audit.configuration import processing_activities_load
    from routekaart.organisations.models import Affiliation, Organisation, OrganisationKind, User
    from routekaart.organisations.roles import Domain, Role
    from routekaart.residents.generator.bsn import BsnAllocator
    from routekaart.residents.models import Consent, Household, Resident
    from routekaart.work import matching, privacy, selectors
    from routekaart.work.configuration import work_configuration_load
    from routekaart.work.labour_facts import UNKNOWN, labour_facts
    from routekaart.work.models import CandidateProfile, Competence, Employer, PostcodeArea, Sector, Vacancy

    processing_activities_load()
    work_configuration_load()
    rng = random.Random(11)
    dienst = Organisation.objects.create(kind=OrganisationKind.SERVICE_ORGANISATION, code="dienst", name="Dienst")
    adviser = User.objects.create(username="adviseur")
    Affiliation.objects.create(user=adviser, organisation=dienst, role=Role.EMPLOYER_ADVISER)
    bsn = BsnAllocator(5)
    residents = Resident.objects.bulk_create(
        [
            Resident(bsn=bsn(i), given_names=f"Kandidaat{i}", family_name="Bench", birth_date=date(1990, 1, 1))
            for i in range(DB_CANDIDATES)
        ],
        batch_size=2000,
    )
    households = Household.objects.bulk_create([Household() for _ in range(DB_CANDIDATES)], batch_size=2000)
    Consent.objects.bulk_create(
        [
            Consent(
                resident=r,
                household=h,
                organisation=dienst,
                domain=Domain.PARTICIPATION,
                scope="Werkprofiel",
                valid_from=date(2024, 1, 1),
            )
            for r, h in zip(residents, households, strict=True)
        ],
        batch_size=2000,
    )
    competences = list(Competence.objects.order_by("bit"))
    sectors = list(Sector.objects.order_by("bit"))
    profiles = []
    chosen = []
    for r in residents:
        mine = rng.sample(competences, 5)
        wished = rng.sample(sectors, 2)
        chosen.append((mine, wished))
        low = rng.choice([8, 16, 24, 32])
        profiles.append(
            CandidateProfile(
                resident=r,
                competence_mask=sum(1 << c.bit for c in mine),
                sector_mask=sum(1 << s.bit for s in wished),
                hours_min=low,
                hours_max=low + 8,
                pc4=rng.choice(areas_pc4),
                max_travel_km=rng.choice([10, 15, 25]),
            )
        )
    profiles = CandidateProfile.objects.bulk_create(profiles, batch_size=2000)
    through_c = CandidateProfile.competences.through
    through_s = CandidateProfile.desired_sectors.through
    through_c.objects.bulk_create(
        [through_c(candidateprofile=p, competence=c) for p, (cs, _) in zip(profiles, chosen, strict=True) for c in cs],
        batch_size=5000,
    )
    through_s.objects.bulk_create(
        [through_s(candidateprofile=p, sector=s) for p, (_, ss) in zip(profiles, chosen, strict=True) for s in ss],
        batch_size=5000,
    )
    employer_org = Organisation.objects.create(kind=OrganisationKind.EMPLOYER, code="werkgever", name="Werkgever")
    employer = Employer.objects.create(organisation=employer_org, kvk_number="99887766", sector=sectors[0])
    vacancy = Vacancy.objects.create(
        employer=employer,
        title="Medewerker",
        sector=sectors[1],
        hours_min=16,
        hours_max=24,
        postcode=f"{areas_pc4[0]} AB",
        city="Zaandam",
        min_wage_value=100,
        competence_mask=sum(1 << c.bit for c in competences[:3]),
        created_by=adviser,
    )
    vacancy.competences.set(competences[:3])
    adviser = User.objects.prefetch_related("affiliations__organisation").get(pk=adviser.pk)

    def fixed():
        return selectors.ranking_get(user=adviser, opening=vacancy)

    def naive():
        """Per candidate: consent, competences, sectors, postcode area, wage value and register status."""
        rules = selectors.match_rules()
        job = selectors.job_facts(vacancy)
        organisations = privacy.adviser_organisation_ids(adviser)
        scored = []
        for profile in CandidateProfile.objects.filter(status="available").order_by("pk"):
            if not Consent.objects.filter(
                resident_id=profile.resident_id, organisation_id__in=organisations, domain="P", withdrawn_at=None
            ).exists():
                continue
            mask = sum(1 << c.bit for c in profile.competences.all())
            wishes = sum(1 << s.bit for s in profile.desired_sectors.all())
            area = PostcodeArea.objects.filter(pc4=profile.pc4).first()
            x, y = matching.project(area.latitude, area.longitude) if area else (None, None)
            known = labour_facts(resident_ids=[profile.resident_id]).get(profile.resident_id, UNKNOWN)
            facts = matching.CandidateFacts(
                mask, profile.hours_min, profile.hours_max, x, y, profile.max_travel_km,
                known.wage_value, known.in_register, wishes,
            )  # fmt: skip
            scored.append((matching.explain(job, facts, rules).total, profile.pk))
        scored.sort(key=lambda pair: (-pair[0], pair[1]))
        return [pk for _, pk in scored[:TOP]]

    rows = []
    results = {}
    for name, run in (("fixed queries (ranking_get)", fixed), ("naive, per candidate", naive)):
        run()  # warm the caches once
        queries = []

        def counted(execute, sql, params, many, context, queries=queries):
            queries.append(1)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counted):
            start = time.perf_counter()
            results[name] = run()
            took = time.perf_counter() - start
        rows.append((f"one vacancy, {DB_CANDIDATES:,} candidates, {name}: time", f"{took * 1000:.0f} ms"))
        rows.append((f"one vacancy, {DB_CANDIDATES:,} candidates, {name}: queries", f"{len(queries):,}"))
    fixed_pks = [row.profile.pk for row in results["fixed queries (ranking_get)"].candidates]
    times = [float(v.split()[0]) for m, v in rows if m.endswith(": time")]
    rows.append(("one vacancy: naive / fixed queries", f"{times[1] / times[0]:.0f}x"))
    rows.append(("one vacancy: same top 20", "yes" if fixed_pks == results["naive, per candidate"] else "NO"))
    return rows


def run() -> list[tuple[str, str]]:
    import yaml

    data = ROOT / "src" / "routekaart" / "work" / "data"
    rules_content = yaml.safe_load((data / "rules.yaml").read_text())
    area_rows = yaml.safe_load((data / "postcode_areas.yaml").read_text())["areas"]
    areas = [(row["lat"], row["lon"]) for row in area_rows for _ in range(row["from"], row["to"] + 1)]
    pc4s = [str(pc4) for row in area_rows for pc4 in range(row["from"], row["to"] + 1)]
    with tempfile.TemporaryDirectory() as tmp:
        _django(Path(tmp) / "bench.sqlite3")
        rows = _full_ranking(rules_content, areas)
        rows += _database(pc4s)
    return rows


if __name__ == "__main__":
    for measure, value in run():
        print(f"{measure}: {value}")
