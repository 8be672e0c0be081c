"""What the legal app may read of a benefit decision (the grant of social assistance) when someone objects to it.

The grant has no reference of its own; its letter and the objection name it "BIJ-<id>" (bijstand, the benefit's
id), which is what `benefit_for_objection_by_reference` reads. The sending day is the day the grant was recorded
(the letter goes out that day); the objection term is the Awb's six weeks. A benefit has no provisions: a decision
on an objection against it keeps it or is carried out by income's own services.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from .models import SocialAssistance

REFERENCE_PREFIX = "BIJ-"
OBJECTION_WEEKS = 6  # Awb art. 6:7; a benefit decision names no other term
_REFERENCE = re.compile(r"^BIJ-(\d{1,12})$", re.IGNORECASE)


@dataclass(frozen=True)
class BenefitForObjection:
    kind: str
    id: int
    reference: str
    law: str
    sent_on: date
    objection_weeks: int
    addressee_id: int
    household_id: int
    organisation_id: int | None
    provisions: tuple = ()


def benefit_reference(benefit_id: int) -> str:
    return f"{REFERENCE_PREFIX}{benefit_id}"


def _as_value(benefit: SocialAssistance) -> BenefitForObjection:
    return BenefitForObjection(
        kind="benefit",
        id=benefit.pk,
        reference=benefit_reference(benefit.pk),
        law="P",
        sent_on=timezone.localdate(benefit.created_at),
        objection_weeks=OBJECTION_WEEKS,
        addressee_id=benefit.client_id,
        household_id=benefit.household_id,
        organisation_id=benefit.organisation_id,
    )


def benefit_for_objection(*, benefit_id: int) -> BenefitForObjection | None:
    """The benefit decision with id `benefit_id`, or None."""
    benefit = SocialAssistance.objects.filter(pk=benefit_id).first()
    return _as_value(benefit) if benefit is not None else None


def benefit_for_objection_by_reference(*, reference: str) -> BenefitForObjection | None:
    """The benefit decision named "BIJ-<id>" on its letter, or None."""
    match = _REFERENCE.match((reference or "").strip())
    return benefit_for_objection(benefit_id=int(match.group(1))) if match else None
