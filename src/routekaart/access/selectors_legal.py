"""What the legal app may read of a decision of the toegang when someone objects to it (Awb chapter 6 and 7).

Legal sits above access and may not import its models: it gets plain frozen values, one or two queries, no access
check here (the legal services check who acts; the pages check the household before they show anything).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .models import Decision, ProvisionUnit, TailoredProvision

# The units a provision's volume may be given in, for the form that grants a refused provision after an objection.
PROVISION_UNITS: list[tuple[str, str]] = list(ProvisionUnit.choices)


@dataclass(frozen=True)
class ProvisionForObjection:
    """One provision of the decision: what the decision on the objection may change, end or grant."""

    id: int
    name: str
    outcome: str  # granted / refused
    law: str
    volume: Decimal | None
    unit: str
    starts_on: date | None
    ends_on: date | None
    provider_id: int | None


@dataclass(frozen=True)
class DecisionForObjection:
    """A decision as an objection names it: kind "access", the reference, the law, the day it was sent (the
    decision's date: the letter goes out that day), its objection term in weeks and whom it is for."""

    kind: str
    id: int
    reference: str
    law: str
    sent_on: date
    objection_weeks: int
    addressee_id: int
    household_id: int
    organisation_id: int | None  # the organisation of who decided (the bestuursorgaan's desk)
    provisions: tuple[ProvisionForObjection, ...] = ()


def _as_value(decision: Decision) -> DecisionForObjection:
    affiliation = next(iter(decision.decided_by.affiliations.all()), None)
    return DecisionForObjection(
        kind="access",
        id=decision.pk,
        reference=decision.reference,
        law=decision.law,
        sent_on=decision.decided_on,
        objection_weeks=decision.objection_weeks,
        addressee_id=decision.addressee_id,
        household_id=decision.household_id,
        organisation_id=affiliation.organisation_id if affiliation else None,
        provisions=tuple(
            ProvisionForObjection(
                id=p.pk,
                name=p.name,
                outcome=p.outcome,
                law=p.law,
                volume=p.volume,
                unit=p.unit,
                starts_on=p.starts_on,
                ends_on=p.ends_on,
                provider_id=p.provider_id,
            )
            for p in decision.provisions.all()
        ),
    )


def _decisions():
    return Decision.objects.select_related("decided_by").prefetch_related("provisions", "decided_by__affiliations")


def decision_for_objection(*, decision_id: int) -> DecisionForObjection | None:
    """The decision with id `decision_id`, or None."""
    decision = _decisions().filter(pk=decision_id).first()
    return _as_value(decision) if decision is not None else None


def decision_for_objection_by_reference(*, reference: str) -> DecisionForObjection | None:
    """The decision with this reference (kenmerk) as printed on its letter, or None."""
    reference = (reference or "").strip()
    if not reference:
        return None
    decision = _decisions().filter(reference__iexact=reference).first()
    return _as_value(decision) if decision is not None else None


def provision_for_objection(*, provision_id: int) -> TailoredProvision | None:
    """The provision object the access services take (change, end, grant); legal passes it on, never reads it."""
    return TailoredProvision.objects.select_related("decision").filter(pk=provision_id).first()


def decisions_for_objection(*, limit: int = 50) -> list[DecisionForObjection]:
    """The latest decisions, newest first (the legal demo objects to a few of them): three queries."""
    return [_as_value(decision) for decision in _decisions().order_by("-decided_on", "-id")[:limit]]
