"""Every change to a resident's participation: one transaction, one event, one processing-log entry.

Bad input raises Django's ValidationError with Dutch messages per field, all problems at once, and nothing is
saved. The rules that are numbers (durations, the wage-subsidy formula, reassessment intervals) come from the
configuration (data/*.yaml); the checks here only read them. Events carry codes, dates and amounts, never names or
free text, and say `domain: P` so the household timeline shows them to those who may see Participatiewet data.

Views call the access check (`residents.access`) before they call a service, as the residents app does.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from ..audit import services as audit
from ..core.periods import valid_on
from ..organisations.models import Organisation, OrganisationKind
from ..organisations.roles import Domain
from ..residents.models import Resident
from ..residents.selectors import household_id_of
from . import calculations, workflow
from .configuration import RULES_INSTRUMENTS, rule_document, wage_subsidy_rules
from .models import (
    Assignment,
    AssignmentStatus,
    Budget,
    Commitment,
    CostBasis,
    DistanceAssessment,
    DistanceCategory,
    DistanceChange,
    Exemption,
    Expenditure,
    Instrument,
    LadderRung,
    ParticipationProvider,
    ParticipationTier,
    ProviderKind,
    RegisterStatus,
    Result,
    SpendingLine,
    TargetGroupRegistration,
    WageValueDetermination,
)

ACTIVITY = "participation"
MIN_ADDITIONALITY_REASON = 20
MAX_HOURS_PER_WEEK = Decimal(40)


def _date(value: date) -> str:
    return formats.date_format(value, "j F Y")


def _not_in_future(value: date, field: str, message: str, errors: dict) -> None:
    if value > timezone.localdate():
        errors.setdefault(field, []).append(message)


def _raise(errors: dict) -> None:
    if errors:
        raise ValidationError(errors)


def _municipality_of(resident: Resident) -> Organisation | None:
    """The municipality the resident lives in, through their address's district, if known."""
    address = resident.address
    if address is None or address.district_id is None:
        return None
    return address.district.municipality


# --- Distance to the labour market ----------------------------------------------------------------------------


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


# --- Wage value, target-group register, exemptions --------------------------------------------------------------


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


@transaction.atomic
def target_group_register_record(
    *, actor, resident: Resident, status: str, as_of: date, ground: str = "", reference: str = ""
) -> TargetGroupRegistration:
    """Record what UWV reports on the resident in the target-group register (the garantiebaan needs 'registered')."""
    errors: dict = {}
    if status not in RegisterStatus.values:
        errors["status"] = [_("Kies een status.")]
    if status == RegisterStatus.REGISTERED and not ground:
        errors["ground"] = [_("Op welke grond heeft UWV de inwoner opgenomen?")]
    _not_in_future(as_of, "as_of", _("Leg vast wat UWV al heeft gemeld, niet wat nog komt."), errors)
    _raise(errors)
    entry = TargetGroupRegistration.objects.create(
        resident=resident,
        status=status,
        ground=ground,
        as_of=as_of,
        reference=(reference or "").strip(),
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit.action_record(
        actor=actor,
        action="target_group_register.recorded",
        subject=("target_group_registration", entry.pk),
        household_id=household_id_of(resident_id=resident.pk),
        domain=Domain.PARTICIPATION,
        after={"resident": resident.pk, "status": status, "ground": ground, "as_of": as_of},
        purpose=ACTIVITY,
        residents=[resident],
    )
    return entry


def _exemption_on(resident: Resident, instrument: Instrument, on: date) -> Exemption | None:
    return Exemption.objects.filter(valid_on(on), resident=resident, instrument=instrument).first()


def exemption_ground_name(code: str) -> str:
    names = {g["code"]: g["name"] for g in rule_document(RULES_INSTRUMENTS).get("exemption_grounds", [])}
    return names.get(code, code)


@transaction.atomic
def exemption_grant(
    *, actor, resident: Resident, instrument: Instrument, ground: str, valid_from: date, valid_to: date | None = None
) -> Exemption:
    """Exempt the resident from an obligation (the tegenprestatie) on a ground the rules allow, such as mantelzorg."""
    errors: dict = {}
    if ground not in instrument.exemption_grounds:
        errors["ground"] = [_("Voor %(instrument)s bestaat deze vrijstelling niet.") % {"instrument": instrument.name}]
    if valid_to is not None and valid_to <= valid_from:
        errors["valid_to"] = [_("De einddatum ligt na de begindatum.")]
    _raise(errors)
    exemption = Exemption.objects.create(
        resident=resident,
        instrument=instrument,
        ground=ground,
        valid_from=valid_from,
        valid_to=valid_to,
        granted_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit.action_record(
        actor=actor,
        action="exemption.granted",
        subject=("exemption", exemption.pk),
        household_id=household_id_of(resident_id=resident.pk),
        domain=Domain.PARTICIPATION,
        after={
            "resident": resident.pk,
            "instrument": instrument.code,
            "ground": ground,
            "valid_from": valid_from,
            "valid_to": valid_to,
        },
        purpose=ACTIVITY,
        residents=[resident],
    )
    return exemption


# --- Assignments ------------------------------------------------------------------------------------------------


def _assignment_state(assignment: Assignment) -> dict:
    return {
        "resident": assignment.resident_id,
        "municipality": assignment.municipality.code,
        "instrument": assignment.instrument.code,
        "provider": assignment.provider.code,
        "employer": assignment.employer.code if assignment.employer_id else None,
        "status": assignment.status,
        "planned_start": assignment.planned_start,
        "planned_end": assignment.planned_end,
        "started_on": assignment.started_on,
        "ended_on": assignment.ended_on,
        "monthly_cost": assignment.monthly_cost,
        "decision_granted": assignment.decision_granted,
        "uwv_advice_positive": assignment.uwv_advice_positive,
        "result": assignment.result.code if assignment.result_id else None,
        "left_social_assistance": assignment.left_social_assistance,
    }


def duration_message(instrument: Instrument, start: date) -> str:
    """The instrument's duration rule in words, with the latest end for this start (seed 002: 4 weeks to 6 months)."""
    if instrument.min_weeks and instrument.max_months:
        latest = calculations.latest_end(start=start, max_months=instrument.max_months)
        return _(
            "%(name)s duurt minimaal %(weeks)d weken en maximaal %(months)d maanden: bij een start op %(start)s "
            "eindigt zij uiterlijk op %(latest)s."
        ) % {
            "name": instrument.name,
            "weeks": instrument.min_weeks,
            "months": instrument.max_months,
            "start": _date(start),
            "latest": _date(latest),
        }
    if instrument.min_weeks:
        return _("%(name)s duurt minimaal %(weeks)d weken.") % {"name": instrument.name, "weeks": instrument.min_weeks}
    latest = calculations.latest_end(start=start, max_months=instrument.max_months)
    return _("%(name)s duurt maximaal %(months)d maanden: uiterlijk tot en met %(latest)s.") % {
        "name": instrument.name,
        "months": instrument.max_months,
        "latest": _date(latest),
    }


def _check_duration(instrument: Instrument, start: date, end: date, errors: dict) -> None:
    rule = calculations.DurationRule(min_weeks=instrument.min_weeks, max_months=instrument.max_months)
    if end > start and not calculations.duration_allowed(start=start, end=end, rule=rule):
        errors.setdefault("planned_end", []).append(duration_message(instrument, start))


def register_status_on(resident: Resident, on: date) -> str | None:
    """The register status UWV last reported on or before `on`."""
    return (
        TargetGroupRegistration.objects.filter(resident=resident, as_of__lte=on)
        .order_by("-as_of", "-id")
        .values_list("status", flat=True)
        .first()
    )


def _check_register(instrument: Instrument, resident: Resident, on: date, errors: dict) -> None:
    if instrument.requires_target_group_register and register_status_on(resident, on) != RegisterStatus.REGISTERED:
        errors.setdefault("instrument", []).append(
            _(
                "%(name)s vraagt een inschrijving in het doelgroepenregister van UWV op %(date)s; "
                "deze inwoner staat er dan niet in."
            )
            % {"name": instrument.name, "date": _date(on)}
        )


def _check_exemption(instrument: Instrument, resident: Resident, on: date, errors: dict) -> None:
    if not instrument.exemption_grounds:
        return
    exemption = _exemption_on(resident, instrument, on)
    if exemption is not None:
        errors.setdefault("instrument", []).append(
            _("Deze inwoner is vrijgesteld van %(name)s (%(ground)s, vanaf %(date)s).")
            % {
                "name": instrument.name.lower(),
                "ground": exemption_ground_name(exemption.ground).lower(),
                "date": _date(exemption.valid_from),
            }
        )


def _check_wage_value(
    instrument: Instrument, resident: Resident, wage_value, hours_per_week, start: date, errors: dict
) -> None:
    if not instrument.requires_wage_value:
        return
    if wage_value is None:
        errors.setdefault("wage_value", []).append(
            _("Loonkostensubsidie gaat uit van een loonwaardebepaling; leg die eerst vast.")
        )
    elif wage_value.resident_id != resident.pk:
        errors.setdefault("wage_value", []).append(_("Deze loonwaarde hoort bij een andere inwoner."))
    elif not wage_value.determined_on <= start < wage_value.valid_until:
        errors.setdefault("wage_value", []).append(
            _("De loonwaarde van %(date)s geldt niet op de startdatum; laat haar opnieuw bepalen.")
            % {"date": _date(wage_value.determined_on)}
        )
    if hours_per_week is None or not Decimal(0) < Decimal(hours_per_week) <= MAX_HOURS_PER_WEEK:
        errors.setdefault("hours_per_week", []).append(
            _("Vul het aantal uren per week in (meer dan 0, hoogstens %(max)s).") % {"max": MAX_HOURS_PER_WEEK}
        )


def _commitments_write(assignment: Assignment) -> None:
    """Replace the assignment's monthly commitments by its schedule now (none unless granted, running or ended)."""
    Commitment.objects.filter(assignment=assignment).delete()
    if assignment.status not in workflow.COMMITTING:
        return
    instrument = assignment.instrument
    start, end = assignment.start, assignment.end
    if instrument.cost_basis == CostBasis.WAGE_SUBSIDY:
        schedule = calculations.wage_subsidy_schedule(
            rules=wage_subsidy_rules(),
            start=start,
            end=end,
            hours_per_week=assignment.hours_per_week,
            wage_value_percent=assignment.wage_value.percentage,
            growth_potential=bool(instrument.growth_potential),
        )
    elif instrument.cost_basis == CostBasis.MONTHLY_PRICE and assignment.monthly_cost:
        schedule = calculations.flat_schedule(start=start, end=end, monthly_amount=assignment.monthly_cost)
    else:
        schedule = {}
    Commitment.objects.bulk_create(
        Commitment(
            assignment=assignment,
            month=month,
            amount=amount,
            instrument_id=instrument.pk,
            spending_line_id=instrument.spending_line_id,
            municipality_id=assignment.municipality_id,
        )
        for month, amount in schedule.items()
        if amount
    )


@transaction.atomic
def assignment_propose(
    *,
    actor,
    resident: Resident,
    instrument: Instrument,
    provider: Organisation,
    planned_start: date,
    planned_end: date,
    municipality: Organisation | None = None,
    employer: Organisation | None = None,
    hours_per_week: Decimal | None = None,
    wage_value: WageValueDetermination | None = None,
    monthly_cost: Decimal | None = None,
    goal: str = "",
    additionality_reason: str = "",
) -> Assignment:
    """Put an instrument in for a resident: an assignment to a provider, checked against the instrument's rules."""
    errors: dict = {}
    if planned_end <= planned_start:
        errors["planned_end"] = [_("Het geplande einde ligt na de geplande start.")]
    _check_duration(instrument, planned_start, planned_end, errors)
    kinds = ParticipationProvider.objects.filter(organisation=provider).values_list("kinds", flat=True).first() or []
    if not set(kinds) & set(instrument.provider_kinds):
        wanted = ", ".join(str(ProviderKind(k).label).lower() for k in instrument.provider_kinds)
        errors["provider"] = [
            _("%(provider)s levert %(instrument)s niet; kies een %(kinds)s.")
            % {"provider": provider.name, "instrument": instrument.name.lower(), "kinds": wanted}
        ]
    if instrument.requires_employer and employer is None:
        errors["employer"] = [
            _("Bij %(name)s hoort de werkgever waar het werk wordt gedaan.") % {"name": instrument.name}
        ]
    if employer is not None and employer.kind != OrganisationKind.EMPLOYER:
        errors["employer"] = [_("Kies een werkgever.")]
    _check_wage_value(instrument, resident, wage_value, hours_per_week, planned_start, errors)
    if instrument.cost_basis == CostBasis.MONTHLY_PRICE and (monthly_cost is None or monthly_cost < 0):
        errors["monthly_cost"] = [_("Vul de afgesproken prijs per maand in (nul of meer).")]
    if instrument.requires_additionality and len((additionality_reason or "").strip()) < MIN_ADDITIONALITY_REASON:
        errors["additionality_reason"] = [
            _(
                "Leg in ten minste %(count)d tekens vast waarom deze activiteit aanvullend is op regulier werk: "
                "de tegenprestatie mag geen regulier werk verdringen."
            )
            % {"count": MIN_ADDITIONALITY_REASON}
        ]
    _check_exemption(instrument, resident, planned_start, errors)
    _check_register(instrument, resident, planned_start, errors)
    municipality = municipality or _municipality_of(resident)
    if municipality is None or municipality.kind != OrganisationKind.MUNICIPALITY:
        errors["municipality"] = [_("Kies de gemeente die de opdracht geeft.")]
    _raise(errors)

    if instrument.cost_basis == CostBasis.WAGE_SUBSIDY:
        monthly_cost = calculations.wage_subsidy_monthly(
            rules=wage_subsidy_rules(),
            on=planned_start,
            hours_per_week=Decimal(hours_per_week),
            wage_value_percent=wage_value.percentage,
        ).amount
    elif instrument.cost_basis == CostBasis.NONE:
        monthly_cost = None
    assignment = Assignment(
        resident=resident,
        municipality=municipality,
        instrument=instrument,
        provider=provider,
        employer=employer,
        goal=(goal or "").strip(),
        planned_start=planned_start,
        planned_end=planned_end,
        hours_per_week=hours_per_week,
        wage_value=wage_value if instrument.requires_wage_value else None,
        monthly_cost=monthly_cost,
        additionality_reason=(additionality_reason or "").strip(),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    assignment.save()
    audit.action_record(
        actor=actor,
        action="assignment.proposed",
        subject=("assignment", assignment.pk),
        household_id=household_id_of(resident_id=resident.pk),
        domain=Domain.PARTICIPATION,
        after=_assignment_state(assignment),
        purpose=ACTIVITY,
        residents=[resident],
    )
    return assignment


def _lock(assignment: Assignment) -> Assignment:
    return (
        Assignment.objects.select_for_update(of=("self",))
        .select_related("instrument", "resident", "municipality", "provider", "employer", "wage_value", "result")
        .get(pk=assignment.pk)
    )


@transaction.atomic
def assignment_uwv_advice_record(
    *, actor, assignment: Assignment, advised_on: date, positive: bool, reference: str = ""
) -> Assignment:
    """Record UWV's advice, which sheltered work needs before the municipality decides (Participatiewet art. 10b)."""
    assignment = _lock(assignment)
    workflow.transition_check(action="record_advice", status=assignment.status)
    errors: dict = {}
    if not assignment.instrument.requires_uwv_advice:
        errors["instrument"] = [_("Voor %(name)s is geen advies van UWV nodig.") % {"name": assignment.instrument.name}]
    _not_in_future(advised_on, "advised_on", _("Leg een advies vast dat UWV al heeft gegeven."), errors)
    _raise(errors)
    before = _assignment_state(assignment)
    assignment.uwv_advice_on = advised_on
    assignment.uwv_advice_positive = positive
    assignment.uwv_advice_reference = (reference or "").strip()
    assignment.save(update_fields=["uwv_advice_on", "uwv_advice_positive", "uwv_advice_reference"])
    audit.action_record(
        actor=actor,
        action="assignment.uwv_advice_recorded",
        subject=("assignment", assignment.pk),
        household_id=household_id_of(resident_id=assignment.resident.pk),
        domain=Domain.PARTICIPATION,
        before=before,
        after=_assignment_state(assignment),
        purpose=ACTIVITY,
        residents=[assignment.resident],
    )
    return assignment


@transaction.atomic
def assignment_decide(*, actor, assignment: Assignment, granted: bool, decided_on: date, reference: str) -> Assignment:
    """The municipality's decision (beschikking) on an assignment that needs one; granting commits the budget."""
    assignment = _lock(assignment)
    target = AssignmentStatus.GRANTED if granted else AssignmentStatus.REFUSED
    workflow.transition_check(action="decide", status=assignment.status, target=target)
    instrument = assignment.instrument
    errors: dict = {}
    if not instrument.requires_decision:
        errors["instrument"] = [
            _("Voor %(name)s is geen beschikking nodig; start de opdracht.") % {"name": instrument.name}
        ]
    if not (reference or "").strip():
        errors["reference"] = [_("Vul het kenmerk van de beschikking in.")]
    _not_in_future(decided_on, "decided_on", _("Een besluit ligt niet in de toekomst."), errors)
    if instrument.requires_uwv_advice:
        if assignment.uwv_advice_on is None:
            errors.setdefault("granted", []).append(
                _("Voor %(name)s is eerst het advies van UWV nodig; daarna besluit de gemeente.")
                % {"name": instrument.name}
            )
        elif decided_on < assignment.uwv_advice_on:
            errors.setdefault("decided_on", []).append(_("Het besluit volgt op het advies van UWV, niet ervóór."))
        elif granted and not assignment.uwv_advice_positive:
            errors.setdefault("granted", []).append(
                _("UWV adviseerde negatief: %(name)s kan niet worden toegekend.") % {"name": instrument.name}
            )
    if granted:
        _check_register(instrument, assignment.resident, assignment.planned_start, errors)
        _check_exemption(instrument, assignment.resident, assignment.planned_start, errors)
    _raise(errors)
    before = _assignment_state(assignment)
    assignment.decision_on = decided_on
    assignment.decision_granted = granted
    assignment.decision_reference = reference.strip()
    assignment.status = workflow.transition_check(action="decide", status=assignment.status, target=target)
    assignment.save(update_fields=["decision_on", "decision_granted", "decision_reference", "status"])
    _commitments_write(assignment)
    audit.action_record(
        actor=actor,
        action="assignment.granted" if granted else "assignment.refused",
        subject=("assignment", assignment.pk),
        household_id=household_id_of(resident_id=assignment.resident.pk),
        domain=Domain.PARTICIPATION,
        before=before,
        after=_assignment_state(assignment),
        purpose=ACTIVITY,
        residents=[assignment.resident],
    )
    return assignment


def _assignment_saved(assignment: Assignment, *, actor, action: str, before: dict, fields: list[str]) -> Assignment:
    """Every change of an assignment's state ends alike: save, re-derive its commitments, one event, one log."""
    assignment.save(update_fields=fields)
    _commitments_write(assignment)
    audit.action_record(
        actor=actor,
        action=action,
        subject=("assignment", assignment.pk),
        household_id=household_id_of(resident_id=assignment.resident.pk),
        domain=Domain.PARTICIPATION,
        before=before,
        after=_assignment_state(assignment),
        purpose=ACTIVITY,
        residents=[assignment.resident],
    )
    return assignment


@transaction.atomic
def assignment_start(*, actor, assignment: Assignment, started_on: date) -> Assignment:
    """The provider starts: the rules are checked again on the real start date, and the budget committed from it."""
    assignment = _lock(assignment)
    workflow.transition_check(action="start", status=assignment.status)
    instrument = assignment.instrument
    errors: dict = {}
    if instrument.requires_decision and assignment.status != AssignmentStatus.GRANTED:
        errors["status"] = [_("Voor %(name)s is eerst een beschikking nodig.") % {"name": instrument.name}]
    if started_on > assignment.planned_end:
        errors["started_on"] = [_("De start ligt na het geplande einde; pas eerst de planning aan.")]
    else:
        _check_duration(instrument, started_on, assignment.planned_end, errors)
        if "planned_end" in errors:
            errors["started_on"] = errors.pop("planned_end")
    _not_in_future(started_on, "started_on", _("Leg een start vast die al heeft plaatsgevonden."), errors)
    _check_register(instrument, assignment.resident, started_on, errors)
    _check_exemption(instrument, assignment.resident, started_on, errors)
    if instrument.requires_wage_value:
        _check_wage_value(
            instrument, assignment.resident, assignment.wage_value, assignment.hours_per_week, started_on, errors
        )
    _raise(errors)
    before = _assignment_state(assignment)
    assignment.started_on = started_on
    assignment.status = workflow.transition_check(action="start", status=assignment.status)
    return _assignment_saved(
        assignment, actor=actor, action="assignment.started", before=before, fields=["started_on", "status"]
    )


@transaction.atomic
def assignment_end(
    *, actor, assignment: Assignment, ended_on: date, result: Result, left_social_assistance: bool = False
) -> Assignment:
    """Close an assignment with its result (the Werkbedrijf's results, seed 001) and whether benefit stopped."""
    assignment = _lock(assignment)
    workflow.transition_check(action="end", status=assignment.status)
    errors: dict = {}
    if ended_on < assignment.started_on:
        errors["ended_on"] = [
            _("De opdracht eindigt niet vóór de start (%(date)s).") % {"date": _date(assignment.started_on)}
        ]
    _not_in_future(ended_on, "ended_on", _("Sluit een opdracht af op of na de dag dat zij eindigde."), errors)
    if not assignment.instrument.results.filter(pk=result.pk).exists():
        errors["result"] = [_("Dit resultaat hoort niet bij %(name)s.") % {"name": assignment.instrument.name}]
    _raise(errors)
    before = _assignment_state(assignment)
    assignment.ended_on = ended_on
    assignment.result = result
    assignment.left_social_assistance = left_social_assistance
    assignment.status = workflow.transition_check(action="end", status=assignment.status)
    return _assignment_saved(
        assignment,
        actor=actor,
        action="assignment.ended",
        before=before,
        fields=["ended_on", "result", "left_social_assistance", "status"],
    )


@transaction.atomic
def assignment_cancel(*, actor, assignment: Assignment) -> Assignment:
    """An assignment that will not start lapses; what it committed is released."""
    assignment = _lock(assignment)
    before = _assignment_state(assignment)
    assignment.status = workflow.transition_check(action="cancel", status=assignment.status)
    return _assignment_saved(assignment, actor=actor, action="assignment.cancelled", before=before, fields=["status"])


# --- Money --------------------------------------------------------------------------------------------------------


@transaction.atomic
def expenditure_record(
    *, actor, assignment: Assignment, booked_on: date, amount: Decimal, description: str = ""
) -> Expenditure:
    """Book a payment for an assignment (an invoice, a subsidy payment); a correction is a negative amount."""
    assignment = _lock(assignment)
    workflow.transition_check(action="record_expenditure", status=assignment.status)
    errors: dict = {}
    if assignment.instrument.cost_basis == CostBasis.NONE:
        errors["amount"] = [_("%(name)s kost het participatiebudget niets.") % {"name": assignment.instrument.name}]
    elif amount is None or amount == 0:
        errors["amount"] = [_("Vul een bedrag in (een correctie is negatief).")]
    _not_in_future(booked_on, "booked_on", _("Boek een uitgave die al is gedaan."), errors)
    _raise(errors)
    expenditure = Expenditure.objects.create(
        assignment=assignment,
        booked_on=booked_on,
        amount=amount,
        description=(description or "").strip(),
        instrument_id=assignment.instrument_id,
        spending_line_id=assignment.instrument.spending_line_id,
        municipality_id=assignment.municipality_id,
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit.action_record(
        actor=actor,
        action="expenditure.recorded",
        subject=("expenditure", expenditure.pk),
        household_id=household_id_of(resident_id=assignment.resident.pk),
        domain=Domain.PARTICIPATION,
        after={"assignment": assignment.pk, "booked_on": booked_on, "amount": amount},
        purpose=ACTIVITY,
        residents=[assignment.resident],
    )
    return expenditure


@transaction.atomic
def budget_set(
    *,
    actor,
    municipality: Organisation,
    year: int,
    spending_line: SpendingLine,
    amount: Decimal,
    instrument: Instrument | None = None,
) -> Budget:
    """Set the year's budget for a spending line, or for an instrument within it (no personal data)."""
    errors: dict = {}
    if municipality.kind != OrganisationKind.MUNICIPALITY:
        errors["municipality"] = [_("Een budget hoort bij een gemeente.")]
    if instrument is not None and instrument.spending_line_id != spending_line.pk:
        errors["instrument"] = [
            _("%(instrument)s valt onder de post %(line)s.")
            % {"instrument": instrument.name, "line": instrument.spending_line.name}
        ]
    if amount is None or amount < 0:
        errors["amount"] = [_("Een budget is nul of meer.")]
    if not 2000 <= year <= 2100:
        errors["year"] = [_("Kies een jaar.")]
    _raise(errors)
    budget = (
        Budget.objects.select_for_update(of=("self",))
        .filter(municipality=municipality, year=year, spending_line=spending_line, instrument=instrument)
        .order_by("pk")
        .first()
    )
    before = {"amount": budget.amount} if budget else None
    if budget is None:
        budget = Budget(municipality=municipality, year=year, spending_line=spending_line, instrument=instrument)
    budget.amount = amount
    budget.set_by = actor if getattr(actor, "is_authenticated", False) else None
    budget.save()
    audit.action_record(
        actor=actor,
        action="budget.set",
        subject=("participation_budget", budget.pk),
        before=before,
        after={
            "municipality": municipality.code,
            "year": year,
            "spending_line": spending_line.code,
            "instrument": instrument.code if instrument else None,
            "amount": amount,
        },
    )
    return budget
