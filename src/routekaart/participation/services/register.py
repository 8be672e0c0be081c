"""What UWV reports in the target-group register, and exemptions from an obligation (the tegenprestatie)."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from ...audit import services as audit
from ...organisations.roles import Domain
from ...residents.models import Resident
from ...residents.selectors import household_id_of
from ..models import Exemption, Instrument, RegisterStatus, TargetGroupRegistration
from ..selectors import ACTIVITY
from ._shared import _not_before_birth, _not_in_future, _raise


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
    _not_before_birth(resident, as_of, "as_of", errors)
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
    _not_before_birth(resident, valid_from, "valid_from", errors)
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
