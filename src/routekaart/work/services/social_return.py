"""Social return (SROI): municipal contracts with an obligation, and what fulfils it, valued by the rules in force."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ...audit import services as audit
from ...organisations.models import Organisation, OrganisationKind
from .. import selectors
from ..models import (
    Employer,
    FulfilmentKind,
    Placement,
    SocialReturnContract,
    SocialReturnFulfilment,
)
from ._shared import CENT, _raise, _rules


@transaction.atomic
def sroi_contract_create(
    *,
    actor,
    municipality: Organisation,
    contractor: Employer,
    reference: str,
    title: str,
    contract_value: Decimal,
    starts_on: date,
    ends_on: date,
    percentage: Decimal | None = None,
) -> SocialReturnContract:
    """A municipal contract with a social-return obligation: a percentage of the contract value."""
    if percentage is None:
        percentage = Decimal(str(_rules()["social_return"]["default_percentage"]))
    contract = SocialReturnContract(
        municipality=municipality,
        contractor=contractor,
        reference=(reference or "").strip(),
        title=(title or "").strip(),
        contract_value=contract_value,
        percentage=percentage,
        starts_on=starts_on,
        ends_on=ends_on,
        created_by=actor,
    )
    contract.full_clean()
    if municipality.kind != OrganisationKind.MUNICIPALITY:
        raise ValidationError({"municipality": _("Kies een gemeente.")})
    contract.save()
    audit.action_record(
        actor=actor,
        action="sroi_contract.created",
        subject=("sroi_contract", contract.pk),
        after={
            "contractor": contractor.organisation.code,
            "value": contract.contract_value,
            "percentage": contract.percentage,
            "obligation": contract.obligation,
        },
    )
    return contract


def fulfilment_value(
    *,
    kind: str,
    valuation: dict,
    months: int | None = None,
    invoice_amount: Decimal | None = None,
    amount: Decimal | None = None,
    hours: int | None = None,
) -> Decimal:
    """What one fulfilment counts for, in euro, by the valuation in force (rules.yaml, social_return.valuation).

    A placement: the value of an FTE-year x (contract hours / FTE hours) x months / 12. A learn-work place: the
    value per month x months. A purchase from a social firm: the invoice x the share. Anything else: as entered.
    """
    if kind == FulfilmentKind.PLACEMENT:
        fte = Decimal(hours) / Decimal(str(valuation["fte_hours"]))
        value = Decimal(str(valuation["placement_per_fte_year"])) * min(fte, Decimal(1)) * Decimal(months) / 12
    elif kind == FulfilmentKind.LEARN_WORK_PLACE:
        value = Decimal(str(valuation["learn_work_place_per_month"])) * Decimal(months)
    elif kind == FulfilmentKind.SOCIAL_FIRM_PURCHASE:
        value = Decimal(invoice_amount) * Decimal(str(valuation["social_firm_purchase_share"]))
    else:
        value = Decimal(amount)
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@transaction.atomic
def sroi_fulfilment_record(
    *,
    actor,
    contract: SocialReturnContract,
    kind: str,
    occurred_on: date,
    description: str,
    placement: Placement | None = None,
    months: int | None = None,
    invoice_amount: Decimal | None = None,
    amount: Decimal | None = None,
) -> SocialReturnFulfilment:
    """Part of the obligation fulfilled: a placement, a learn-work place, a purchase from a social firm, or other."""
    rules = selectors.rules_get(on=occurred_on)
    errors = {}
    if kind not in FulfilmentKind.values:
        errors["kind"] = _("Kies hoe de social return is ingevuld.")
    if kind in (FulfilmentKind.PLACEMENT, FulfilmentKind.LEARN_WORK_PLACE) and not (months and months > 0):
        errors["months"] = _("Vul het aantal maanden in.")
    if kind == FulfilmentKind.PLACEMENT:
        if placement is None:
            errors["placement"] = _("Kies de plaatsing.")
        elif placement.contract_start is None:
            errors["placement"] = _("Alleen een plaatsing met een contract telt mee.")
        elif placement.employer_id != contract.contractor_id:
            errors["placement"] = _("Deze plaatsing is niet bij de opdrachtnemer van dit contract.")
        elif SocialReturnFulfilment.objects.filter(placement=placement).exists():
            errors["placement"] = _("Deze plaatsing telt al mee.")
    if kind == FulfilmentKind.SOCIAL_FIRM_PURCHASE and not (invoice_amount and invoice_amount > 0):
        errors["invoice_amount"] = _("Vul het factuurbedrag in.")
    if kind == FulfilmentKind.OTHER and not (amount and amount > 0):
        errors["amount"] = _("Vul de waarde in.")
    if not (description or "").strip():
        errors["description"] = _("Omschrijf de invulling.")
    if not contract.starts_on <= occurred_on <= contract.ends_on:
        errors["occurred_on"] = _("De datum ligt buiten de looptijd van het contract.")
    _raise(errors)
    value = fulfilment_value(
        kind=kind,
        valuation=rules.content["social_return"]["valuation"],
        months=months,
        invoice_amount=invoice_amount,
        amount=amount,
        hours=placement.contract_hours if placement else None,
    )
    fulfilment = SocialReturnFulfilment.objects.create(
        contract=contract,
        kind=kind,
        placement=placement,
        occurred_on=occurred_on,
        months=months,
        invoice_amount=invoice_amount,
        amount=value,
        description=description.strip(),
        rules_version=rules.version,
        recorded_by=actor,
    )
    audit.action_record(
        actor=actor,
        action="sroi_fulfilment.recorded",
        subject=("sroi_fulfilment", fulfilment.pk),
        after={"contract": contract.reference, "kind": kind, "amount": value, "rules": rules.version},
    )
    return fulfilment
