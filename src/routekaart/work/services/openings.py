"""Openings: vacancies acquired from employers and arrangements carved with them (jobcarving), and closing them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ...audit import services as audit
from .. import selectors
from ..models import (
    Arrangement,
    ArrangementTask,
    Branch,
    Competence,
    Employer,
    OpeningStatus,
    Sector,
    Vacancy,
)
from ._shared import _employer_event, _raise


def _competences_set(opening, competences: Iterable[Competence]) -> None:
    competences = list(competences)
    opening.competences.set(competences)
    opening.competence_mask = selectors.mask_of(competences)
    opening.save(update_fields=["competence_mask"])


@transaction.atomic
def vacancy_create(
    *,
    actor,
    employer: Employer,
    title: str,
    sector: Sector,
    hours_min: int,
    hours_max: int,
    postcode: str,
    city: str,
    min_wage_value: int = 100,
    competences: Iterable[Competence] = (),
    via_agency: Employer | None = None,
    branch: Branch | None = None,
    description: str = "",
    requirements: str = "",
    closing_date: date | None = None,
    in_vacancy_service: bool = False,
    suits_jobs_agreement: bool = False,
    suits_sheltered_work: bool = False,
    positions: int = 1,
) -> Vacancy:
    """A vacancy acquired from an employer, directly or through a temporary-work agency."""
    vacancy = Vacancy(
        employer=employer,
        via_agency=via_agency,
        branch=branch,
        title=(title or "").strip(),
        sector=sector,
        hours_min=hours_min,
        hours_max=hours_max,
        postcode=postcode,
        city=city,
        min_wage_value=min_wage_value,
        description=description,
        requirements=requirements,
        closing_date=closing_date,
        in_vacancy_service=in_vacancy_service,
        suits_jobs_agreement=suits_jobs_agreement,
        suits_sheltered_work=suits_sheltered_work,
        positions=positions,
        created_by=actor,
    )
    vacancy.full_clean()
    if closing_date and closing_date < timezone.localdate():
        raise ValidationError({"closing_date": _("De sluitingsdatum ligt in het verleden.")})
    vacancy.save()
    _competences_set(vacancy, competences)
    _employer_event(
        actor,
        "vacancy.created",
        employer,
        "vacancy",
        vacancy.pk,
        {"via_agency": via_agency.organisation.code if via_agency else None, "vacancy_service": in_vacancy_service},
    )
    return vacancy


@transaction.atomic
def arrangement_create(
    *,
    actor,
    employer: Employer,
    title: str,
    sector: Sector,
    hours_min: int,
    hours_max: int,
    postcode: str,
    city: str,
    min_wage_value: int,
    tasks: Sequence[tuple[str, str]],
    instruments: Iterable[str] = (),
    competences: Iterable[Competence] = (),
    guidance: str = "",
    branch: Branch | None = None,
    suits_jobs_agreement: bool = False,
    suits_sheltered_work: bool = False,
    positions: int = 1,
) -> Arrangement:
    """A job carved with the employer (jobcarving): which tasks from which jobs, hours, guidance and instruments."""
    instruments = list(dict.fromkeys(instruments))
    allowed = {code for code, _name in selectors.instrument_choices()}
    errors = {}
    unknown = [code for code in instruments if code not in allowed]
    if unknown:
        errors["instruments"] = _("Onbekend instrument: %(codes)s.") % {"codes": ", ".join(unknown)}
    tasks = [(job.strip(), task.strip()) for job, task in tasks if (job or "").strip() or (task or "").strip()]
    if not tasks:
        errors["tasks"] = _("Noem ten minste één taak en de functie waaruit zij komt.")
    elif any(not job or not task for job, task in tasks):
        errors["tasks"] = _("Noem bij elke taak de functie waaruit zij komt, zoals “Kok: afwassen”.")
    _raise(errors)
    arrangement = Arrangement(
        employer=employer,
        branch=branch,
        title=(title or "").strip(),
        sector=sector,
        hours_min=hours_min,
        hours_max=hours_max,
        postcode=postcode,
        city=city,
        min_wage_value=min_wage_value,
        guidance=guidance,
        instruments=instruments,
        suits_jobs_agreement=suits_jobs_agreement,
        suits_sheltered_work=suits_sheltered_work,
        positions=positions,
        created_by=actor,
    )
    arrangement.full_clean()
    arrangement.save()
    ArrangementTask.objects.bulk_create(
        [
            ArrangementTask(arrangement=arrangement, source_job=job, task=task, order=i)
            for i, (job, task) in enumerate(tasks)
        ]
    )
    _competences_set(arrangement, competences)
    _employer_event(
        actor,
        "arrangement.created",
        employer,
        "arrangement",
        arrangement.pk,
        {"tasks": len(tasks), "instruments": instruments},
    )
    return arrangement


@transaction.atomic
def opening_close(*, actor, opening: Vacancy | Arrangement, status: str = OpeningStatus.CLOSED):
    """Close (or mark filled) a vacancy or arrangement: it leaves matching and the vacancy service."""
    model = type(opening)
    opening = model.objects.select_for_update(of=("self",)).get(pk=opening.pk)
    if status not in (OpeningStatus.CLOSED, OpeningStatus.FILLED):
        raise ValidationError({"status": _("Kies gesloten of vervuld.")})
    if opening.status != OpeningStatus.OPEN:
        raise ValidationError({"status": _("Dit is al gesloten.")})
    opening.status = status
    opening.save(update_fields=["status"])
    audit.action_record(
        actor=actor,
        action=f"{'vacancy' if model is Vacancy else 'arrangement'}.{status}",
        subject=("vacancy" if model is Vacancy else "arrangement", opening.pk),
        before={"status": OpeningStatus.OPEN},
        after={"status": status},
    )
    return opening
