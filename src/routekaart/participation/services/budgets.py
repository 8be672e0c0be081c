"""Money: an assignment's monthly commitments, expenditures booked on it, and the year's budgets."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from ...audit import services as audit
from ...organisations.models import Organisation, OrganisationKind
from ...organisations.roles import Domain
from ...residents.selectors import household_id_of
from .. import calculations, workflow
from ..configuration import wage_subsidy_rules
from ..models import Assignment, Budget, Commitment, CostBasis, Expenditure, Instrument, SpendingLine
from ..selectors import ACTIVITY
from ._shared import _lock, _not_in_future, _raise


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
