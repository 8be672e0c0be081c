"""The refresh of "what works for whom" on a small fixed set of facts, every count worked out by hand."""

import datetime

import pytest

from routekaart.audit.models import ProcessingLogEntry
from routekaart.insights import refresh_outcomes
from routekaart.insights.models import InterventionKind, OutcomeCell
from routekaart.insights.refresh import EARLIEST_MONTH, RefreshContext
from routekaart.participation.models import DistanceChange

from .factories_outcomes import (
    DistrictFactory,
    MunicipalityFactory,
    OutcomeCellFactory,
    assessment,
    assignment,
    benefit,
    case,
    person,
    provision,
)

pytestmark = pytest.mark.django_db
D = datetime.date
AS_OF = D(2026, 6, 30)


def full() -> RefreshContext:
    return RefreshContext(full=True, as_of=AS_OF, from_month=EARLIEST_MONTH, watermark=0)


@pytest.fixture
def town():
    """Three job-coach residents of one profile band set, a Wmo client and a Participatiewet provision's client."""
    municipality = MunicipalityFactory(name="Weidebeek")
    district = DistrictFactory(municipality=municipality)

    # A: 29 on 2025-03-01 (27-34), vmbo (low), bridgeable_small since 2025-01-10, on benefit since 2023-06-01
    # (21 months: 1-2). Coached from 2025-03-01, ended 2025-09-01 with a placement: work found. A smaller distance
    # on 2025-08-01: distance reduced. The case open since 2024-12-01 closed 2025-10-01, none since: closed without
    # return. A second start in 2025 (2025-11-01) does not count A again.
    a, home_a = person(birth_date=D(1995, 6, 15), education="vmbo", district=district)
    assessment(a, municipality=municipality, assessed_on=D(2025, 1, 10))
    benefit(home_a, a, started_on=D(2023, 6, 1))
    case(home_a, opened_on=D(2024, 12, 1), closed_on=D(2025, 10, 1))
    assignment(a, municipality=municipality, started_on=D(2025, 3, 1), ended_on=D(2025, 9, 1), result_code="work")
    assessment(a, municipality=municipality, assessed_on=D(2025, 8, 1), change=DistanceChange.SMALLER)
    assignment(a, municipality=municipality, started_on=D(2025, 11, 1))

    # B: 33 on 2025-04-01, mbo entree (low), bridgeable_small since 2024-11-01, on benefit since 2023-09-01 (19
    # months: 1-2). Coached from 2025-04-01 and still running: observed (2026-04-01 has passed), no work, no smaller
    # distance. Its case closed 2025-06-01 but a new one opened 2025-12-01: it came back.
    b, home_b = person(birth_date=D(1992, 1, 1), education="mbo_entry", district=district)
    assessment(b, municipality=municipality, assessed_on=D(2024, 11, 1))
    benefit(home_b, b, started_on=D(2023, 9, 1))
    case(home_b, opened_on=D(2024, 10, 1), closed_on=D(2025, 6, 1))
    case(home_b, opened_on=D(2025, 12, 1))
    assignment(b, municipality=municipality, started_on=D(2025, 4, 1))

    # C: coached from 2026-01-15: cohort 2026, not observed yet (its 12 months end 2027-01-15).
    c, home_c = person(birth_date=D(1996, 1, 1), education="pro", district=district)
    assessment(c, municipality=municipality, assessed_on=D(2025, 12, 1))
    benefit(home_c, c, started_on=D(2024, 6, 1))
    assignment(c, municipality=municipality, started_on=D(2026, 1, 15))

    # W: 75, education unknown, never assessed, no benefit; Wmo guidance from 2025-02-01 (observed).
    w, home_w = person(birth_date=D(1950, 1, 1), education="unknown", district=district)
    provision(w, home_w, starts_on=D(2025, 2, 1), law="W")

    # P: 45 on 2025-02-01, hbo (high), never assessed, on benefit 2024-01-01 (13 months: 1-2) until 2025-05-01: a
    # Participatiewet provision from 2025-02-01 counts the benefit's end as work found.
    p, home_p = person(birth_date=D(1980, 1, 1), education="hbo", district=district)
    benefit(home_p, p, started_on=D(2024, 1, 1), ended_on=D(2025, 5, 1))
    provision(p, home_p, starts_on=D(2025, 2, 1), law="P", name="Re-integratietraject")
    return municipality, district


def cells() -> dict:
    return {
        (c.intervention_key, c.cohort_year, c.age_band, c.distance_category, c.education, c.benefit_duration): c
        for c in OutcomeCell.objects.all()
    }


def test_the_job_coach_cell_counts_two_residents_one_of_each_outcome(town):
    municipality, district = town
    written = refresh_outcomes.refresh(full())
    assert written == 4  # job coach 2025, job coach 2026, Wmo guidance, Participatiewet provision
    cell = cells()[("job_coach", 2025, "27-34", "bridgeable_small", "low", "1-2")]
    assert (cell.residents, cell.observed) == (2, 2)  # A once (two starts), B once
    assert (cell.work_found, cell.distance_reduced, cell.closed_without_return) == (1, 1, 1)  # all A's
    assert (cell.municipality_id, cell.district_id) == (municipality.pk, district.pk)
    assert cell.intervention_kind == InterventionKind.INSTRUMENT
    assert cell.intervention_label == "Jobcoach"


def test_a_start_whose_window_has_not_passed_is_counted_but_not_observed(town):
    refresh_outcomes.refresh(full())
    cell = cells()[("job_coach", 2026, "27-34", "bridgeable_small", "low", "1-2")]
    assert (cell.residents, cell.observed, cell.work_found, cell.distance_reduced) == (1, 0, 0, 0)


def test_work_and_distance_do_not_apply_to_a_wmo_provision(town):
    refresh_outcomes.refresh(full())
    cell = cells()[("support.individual_guidance:W", 2025, "55+", "unknown", "unknown", "none")]
    assert (cell.residents, cell.observed) == (1, 1)
    assert cell.work_found is None and cell.distance_reduced is None
    assert cell.closed_without_return == 0  # its case is still open
    assert cell.intervention_label == "Begeleiding individueel (Wmo 2015)"


def test_a_participation_provision_counts_the_end_of_the_benefit_as_work_found(town):
    refresh_outcomes.refresh(full())
    cell = cells()[("support.individual_guidance:P", 2025, "45-54", "unknown", "high", "1-2")]
    assert (cell.residents, cell.observed, cell.work_found, cell.distance_reduced) == (1, 1, 1, 0)


def test_an_incremental_refresh_recomputes_only_the_cohorts_its_window_reaches(town):
    kept = OutcomeCellFactory(cohort_year=2023, residents=12, observed=12)
    stale = OutcomeCellFactory(cohort_year=2025, intervention_key="gone", residents=12, observed=12)
    # from 2026-03: windows of 12 months reach back into 2025, so cohorts from 2025 on are recomputed
    ctx = RefreshContext(full=False, as_of=AS_OF, from_month=D(2026, 3, 1), watermark=0)
    assert refresh_outcomes.first_cohort_year(ctx) == 2025
    refresh_outcomes.refresh(ctx)
    assert OutcomeCell.objects.filter(pk=kept.pk).exists()
    assert not OutcomeCell.objects.filter(pk=stale.pk).exists()
    assert OutcomeCell.objects.filter(cohort_year__gte=2025).count() == 4


def test_a_full_refresh_twice_writes_the_same_cells(town):
    refresh_outcomes.refresh(full())
    first = sorted(cells())
    refresh_outcomes.refresh(full())
    assert sorted(cells()) == first and OutcomeCell.objects.count() == 4


def test_the_batch_read_is_logged_under_management_information_naming_no_one(town):
    refresh_outcomes.refresh(full())
    entry = ProcessingLogEntry.objects.filter(activity_id="management-information").get()
    assert entry.channel == "batch"
    assert not entry.pseudonyms  # one entry for the batch, naming no one


def test_the_refresh_of_all_figures_writes_the_outcome_cells(town):
    from routekaart.insights.refresh import insights_refresh

    runs = {run.step: run for run in insights_refresh(full=True, as_of=AS_OF)}
    assert runs["outcomes"].rows == 4
    assert OutcomeCell.objects.count() == 4
