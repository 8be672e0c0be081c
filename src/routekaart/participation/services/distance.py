"""Where the resident stands: the distance to the labour market (with its reassessment planning) and the
wage value determined for a job."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ...audit import services as audit
from ...organisations.models import Organisation, OrganisationKind
from ...organisations.roles import Domain
from ...residents.models import Resident
from ...residents.selectors import household_id_of
from .. import calculations
from ..configuration import wage_subsidy_rules
from ..models import (
    DistanceAssessment,
    DistanceCategory,
    DistanceChange,
    LadderRung,
    ParticipationTier,
    WageValueDetermination,
)
from ..selectors import ACTIVITY
from ._shared import _date, _municipality_of, _not_before_birth, _not_in_future, _raise


def _assessment_state(assessment: DistanceAssessment) -> dict:
    return {
        "resident": assessment.resident_id,
        "municipality": assessment.municipality.code,
        "assessed_on": assessment.assessed_on,
        "category": assessment.category.code,
        "labour_distance": assessment.category.labour_distance,
        "tier": assessment.tier.code,
        "ladder_rung": assessment.ladder_rung.order,
        "next_assessment_on": assessment.next_assessment_on,
        "change": assessment.change,
    }


@transaction.atomic
def distance_assess(
    *,
    actor,
    resident: Resident,
    category: DistanceCategory,
    tier: ParticipationTier,
    ladder_rung: LadderRung,
    assessed_on: date | None = None,
    municipality: Organisation | None = None,
    note: str = "",
) -> DistanceAssessment:
    """Record where the resident stands now; the previous assessment becomes history and the next one is planned.

    The next date follows from the category (`reassessment_months`, data), so every resident with a distance is on
    the reassessment planning; the change against the previous category feeds the "distance fell" report.
    """
    assessed_on = assessed_on or timezone.localdate()
    errors: dict = {}
    _not_in_future(assessed_on, "assessed_on", _("Een beoordeling ligt niet in de toekomst."), errors)
    _not_before_birth(resident, assessed_on, "assessed_on", errors)
    if not category.tiers.filter(pk=tier.pk).exists():
        allowed = ", ".join(t.name for t in category.tiers.all())
        errors.setdefault("tier", []).append(
            _("De trede past niet bij de categorie %(category)s; kies: %(allowed)s.")
            % {"category": category.name, "allowed": allowed}
        )
    municipality = municipality or _municipality_of(resident)
    if municipality is None or municipality.kind != OrganisationKind.MUNICIPALITY:
        errors.setdefault("municipality", []).append(_("Kies de gemeente waar de inwoner onder valt."))
    previous = (
        DistanceAssessment.objects.select_for_update(of=("self",))
        .select_related("category")
        .filter(resident=resident, is_current=True)
        .first()
    )
    if previous is not None and assessed_on < previous.assessed_on:
        errors.setdefault("assessed_on", []).append(
            _("De vorige beoordeling was op %(date)s; een nieuwe beoordeling ligt niet daarvóór.")
            % {"date": _date(previous.assessed_on)}
        )
    _raise(errors)

    if previous is None:
        change = DistanceChange.FIRST
    elif category.order < previous.category.order:
        change = DistanceChange.SMALLER
    elif category.order > previous.category.order:
        change = DistanceChange.LARGER
    else:
        change = DistanceChange.SAME
    if previous is not None:
        previous.is_current = False
        previous.save(update_fields=["is_current"])
    assessment = DistanceAssessment(
        resident=resident,
        municipality=municipality,
        assessed_on=assessed_on,
        category=category,
        tier=tier,
        ladder_rung=ladder_rung,
        next_assessment_on=calculations.next_assessment(assessed_on=assessed_on, months=category.reassessment_months),
        previous=previous,
        change=change,
        note=(note or "").strip(),
        assessed_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    try:
        with transaction.atomic():
            assessment.save()
    except IntegrityError as error:  # two first assessments at the same moment
        raise ValidationError(
            {"assessed_on": _("Er is zojuist al een beoordeling vastgelegd; laad de pagina opnieuw.")}
        ) from error
    audit.action_record(
        actor=actor,
        action="distance.assessed",
        subject=("distance_assessment", assessment.pk),
        household_id=household_id_of(resident_id=resident.pk),
        domain=Domain.PARTICIPATION,
        before=_assessment_state(previous) if previous else None,
        after=_assessment_state(assessment),
        purpose=ACTIVITY,
        residents=[resident],
    )
    return assessment


@transaction.atomic
def wage_value_determine(
    *,
    actor,
    resident: Resident,
    method: str,
    percentage: Decimal,
    determined_on: date,
    job_title: str,
    employer: Organisation | None = None,
) -> WageValueDetermination:
    """Record a wage-value determination by a recognised method; it counts for the months the rules say."""
    rules = wage_subsidy_rules()
    errors: dict = {}
    if method not in rules.method_codes:
        errors["method"] = [_("Kies een erkende methode voor loonwaardebepaling.")]
    if percentage is None or not Decimal(0) <= Decimal(percentage) <= Decimal(100):
        errors["percentage"] = [_("De loonwaarde is een percentage tussen 0 en 100.")]
    if not (job_title or "").strip():
        errors["job_title"] = [_("Noem de functie waarvoor de loonwaarde is bepaald.")]
    if employer is not None and employer.kind != OrganisationKind.EMPLOYER:
        errors["employer"] = [_("Kies een werkgever.")]
    _not_in_future(determined_on, "determined_on", _("Een loonwaarde wordt niet vooruit bepaald."), errors)
    _not_before_birth(resident, determined_on, "determined_on", errors)
    _raise(errors)
    determination = WageValueDetermination.objects.create(
        resident=resident,
        method=method,
        percentage=Decimal(percentage),
        determined_on=determined_on,
        job_title=job_title.strip(),
        employer=employer,
        valid_until=calculations.next_assessment(assessed_on=determined_on, months=rules.wage_value_valid_months),
        determined_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit.action_record(
        actor=actor,
        action="wage_value.determined",
        subject=("wage_value", determination.pk),
        household_id=household_id_of(resident_id=resident.pk),
        domain=Domain.PARTICIPATION,
        after={
            "resident": resident.pk,
            "method": method,
            "percentage": determination.percentage,
            "determined_on": determined_on,
            "valid_until": determination.valid_until,
        },
        purpose=ACTIVITY,
        residents=[resident],
    )
    return determination
