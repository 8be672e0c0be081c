"""Assignments: proposing an instrument for a resident against its rules, UWV's advice, the decision, start,
end and cancellation; each change re-derives the assignment's budget commitments."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from ...audit import services as audit
from ...organisations.models import Organisation, OrganisationKind
from ...organisations.roles import Domain
from ...residents.models import Resident
from ...residents.selectors import household_id_of
from .. import calculations, selectors, workflow
from ..configuration import wage_subsidy_rules
from ..models import (
    Assignment,
    AssignmentStatus,
    CostBasis,
    Instrument,
    ParticipationProvider,
    ProviderKind,
    RegisterStatus,
    Result,
    WageValueDetermination,
)
from ..selectors import ACTIVITY
from ._shared import (
    MAX_HOURS_PER_WEEK,
    MIN_ADDITIONALITY_REASON,
    _date,
    _lock,
    _municipality_of,
    _not_before_birth,
    _not_in_future,
    _raise,
)
from .budgets import _commitments_write


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


def _check_register(instrument: Instrument, resident: Resident, on: date, errors: dict) -> None:
    if (
        instrument.requires_target_group_register
        and selectors.register_status_on(resident, on) != RegisterStatus.REGISTERED
    ):
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
    exemption = selectors.exemption_on(resident, instrument, on)
    if exemption is not None:
        errors.setdefault("instrument", []).append(
            _("Deze inwoner is vrijgesteld van %(name)s (%(ground)s, vanaf %(date)s).")
            % {
                "name": instrument.name.lower(),
                "ground": selectors.exemption_ground_name(exemption.ground).lower(),
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
    _not_before_birth(resident, planned_start, "planned_start", errors)
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
