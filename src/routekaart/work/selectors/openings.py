"""Openings: vacancies and arrangements, the vacancy service, and the facts of an opening that matching compares."""

from __future__ import annotations

from datetime import date

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import matching
from ..models import (
    Arrangement,
    ArrangementTask,
    OpeningStatus,
    PostcodeArea,
    Vacancy,
)


def vacancy_list(*, status: str = OpeningStatus.OPEN, employer_id: int | None = None) -> QuerySet[Vacancy]:
    vacancies = Vacancy.objects.select_related("employer__organisation", "via_agency__organisation", "sector")
    if status:
        vacancies = vacancies.filter(status=status)
    if employer_id:
        vacancies = vacancies.filter(Q(employer_id=employer_id) | Q(via_agency_id=employer_id))
    return vacancies.order_by("closing_date", "-id")


def arrangement_list(*, status: str = OpeningStatus.OPEN) -> QuerySet[Arrangement]:
    arrangements = Arrangement.objects.select_related("employer__organisation", "sector")
    if status:
        arrangements = arrangements.filter(status=status)
    return arrangements.order_by("-id")


def vacancy_get(*, vacancy_id: int) -> Vacancy:
    vacancy = (
        Vacancy.objects.select_related("employer__organisation", "via_agency__organisation", "sector", "branch")
        .prefetch_related("competences")
        .filter(pk=vacancy_id)
        .first()
    )
    if vacancy is None:
        raise Http404(_("Deze vacature bestaat niet."))
    return vacancy


def arrangement_get(*, arrangement_id: int) -> Arrangement:
    arrangement = (
        Arrangement.objects.select_related("employer__organisation", "sector", "branch")
        .prefetch_related("competences", Prefetch("tasks", queryset=ArrangementTask.objects.order_by("order", "id")))
        .filter(pk=arrangement_id)
        .first()
    )
    if arrangement is None:
        raise Http404(_("Dit arrangement bestaat niet."))
    return arrangement


def vacancy_service_list(*, on: date | None = None) -> QuerySet[Vacancy]:
    """Open vacancies in the vacancy service (for residents who find work on their own); no personal data."""
    on = on or timezone.localdate()
    return (
        Vacancy.objects.filter(status=OpeningStatus.OPEN, in_vacancy_service=True)
        .filter(Q(closing_date__isnull=True) | Q(closing_date__gte=on))
        .select_related("employer__organisation", "via_agency__organisation", "sector")
        .prefetch_related("competences")
        .order_by("closing_date", "-id")
    )


def _areas(pc4s) -> dict[str, tuple[float, float]]:
    return {
        pc4: matching.project(lat, lon)
        for pc4, lat, lon in PostcodeArea.objects.filter(pc4__in=set(pc4s)).values_list("pc4", "latitude", "longitude")
    }


def job_facts(opening, *, areas: dict[str, tuple[float, float]] | None = None) -> matching.JobFacts:
    """The facts of a vacancy or arrangement that matching compares (the sector must be loaded)."""
    areas = _areas([opening.pc4]) if areas is None else areas
    x, y = areas.get(opening.pc4, (None, None))
    return matching.JobFacts(
        competence_mask=opening.competence_mask,
        hours_min=opening.hours_min,
        hours_max=opening.hours_max,
        x_km=x,
        y_km=y,
        min_wage_value=opening.min_wage_value,
        jobs_agreement=opening.suits_jobs_agreement,
        wage_subsidy=isinstance(opening, Arrangement) and opening.offers_wage_subsidy,
        sector_bit=opening.sector.bit,
    )


def opening_filter(opening) -> dict:
    """The keyword that filters rows of one opening, a vacancy or an arrangement (for `.filter(**...)`)."""
    return {"vacancy": opening} if isinstance(opening, Vacancy) else {"arrangement": opening}
