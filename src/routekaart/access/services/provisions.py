"""A granted provision after its decision: ended early or changed (a new decision of the same provision), and the
assignment its provider delivers follows in the same transaction (providers.services.assignments).

Rules (the same for both): only a granted provision that is still in force or yet to start; the new end date lies
within the provision's own period (from its start date up to its current end date: a longer period is a new
decision, not a change) and not before today, because care already delivered is declared by the provider and
cannot be taken back by an end date in the past. Events carry the provision's id, dates and volume, never the
reasoning (free text stays in this app's tables: the provision's own reasoning gets it appended; the assignment
gets no free-text reason either, its 301 says shortened or extended).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ...audit import services as audit
from ...providers.services import assignments as provider_assignments
from ...residents.access import DOMAIN_ACTIVITY, HOUSEHOLD_FILE
from ..models import ProvisionOutcome, TailoredProvision
from ._shared import _d, _today
from .decisions import ASSIGNED_LAWS


def _lock(provision: TailoredProvision) -> TailoredProvision:
    return TailoredProvision.objects.select_for_update(of=("self",)).select_related("decision").get(pk=provision.pk)


def _check(provision: TailoredProvision, ends_on: date | None, reasoning: str) -> dict[str, str]:
    """The rules both steps share (see the module's docstring); errors per field."""
    errors: dict[str, str] = {}
    today = _today()
    if provision.outcome != ProvisionOutcome.GRANTED:
        errors["provision"] = _("Alleen een toegekende voorziening kan worden beëindigd of gewijzigd.")
        return errors
    if provision.ends_on < today:
        errors["provision"] = _("Deze voorziening is op %(ends_on)s al geëindigd.") % {"ends_on": _d(provision.ends_on)}
        return errors
    if ends_on is None:
        errors["ends_on"] = _("Geef de einddatum.")
    elif ends_on < provision.starts_on:
        errors["ends_on"] = _("De einddatum ligt vóór de ingangsdatum van de voorziening (%(starts_on)s).") % {
            "starts_on": _d(provision.starts_on)
        }
    elif ends_on > provision.ends_on:
        errors["ends_on"] = _(
            "De einddatum ligt na de huidige einddatum (%(ends_on)s); "
            "een langere periode vraagt een nieuwe beschikking."
        ) % {"ends_on": _d(provision.ends_on)}
    elif ends_on < today:
        errors["ends_on"] = _(
            "De einddatum ligt in het verleden; geleverde zorg is al verantwoord. Kies vandaag of later."
        )
    if not (reasoning or "").strip():
        errors["reasoning"] = _("Motiveer het besluit in gewone taal.")
    return errors


def _reasoning_append(provision: TailoredProvision, heading: str, reasoning: str) -> str:
    """The provision keeps its whole reasoning: the first decision's, then each change's (too long: refused)."""
    return f"{provision.reasoning}\n\n{heading}: {reasoning.strip()}"


@transaction.atomic
def provision_end(
    *, actor, provision: TailoredProvision, ends_on: date, reasoning: str, channel: str | None = None
) -> TailoredProvision:
    """End a granted provision early (a decision to end it); its provider's assignment ends on the same day."""
    provision = _lock(provision)
    errors = _check(provision, ends_on, reasoning)
    if not errors and ends_on == provision.ends_on:
        errors["ends_on"] = _("De voorziening eindigt al op deze dag; kies een eerdere einddatum.")
    if errors:
        raise ValidationError(errors)
    before = provision.ends_on
    provision.ends_on = ends_on
    provision.reasoning = _reasoning_append(
        provision, _("Beëindigd per %(ends_on)s") % {"ends_on": _d(ends_on)}, reasoning
    )
    provision.full_clean(exclude=["decision", "building_block", "provider"])
    provision.save(update_fields=["ends_on", "reasoning"])
    assignment = None
    if provision.law in ASSIGNED_LAWS and provision.provider_id is not None:
        assignment = provider_assignments.assignment_end(
            actor=actor, provision_id=provision.pk, ends_on=ends_on, channel=channel
        )
    audit.action_record(
        actor=actor,
        action="provision.ended",
        subject=provision,
        household_id=provision.decision.household_id,
        before={"ends_on": before.isoformat()},
        after={
            "decision": provision.decision.reference,
            "ends_on": ends_on.isoformat(),
            "assignment": getattr(assignment, "number", None),
        },
        purpose=DOMAIN_ACTIVITY.get(provision.law, HOUSEHOLD_FILE),
        channel=channel,
    )
    return provision


@transaction.atomic
def provision_change(
    *,
    actor,
    provision: TailoredProvision,
    volume: Decimal | None,
    ends_on: date,
    reasoning: str,
    channel: str | None = None,
) -> TailoredProvision:
    """Change a granted provision's volume or end date (a decision to change it); its provider gets the changed
    assignment (a new 301 with the reason of the change)."""
    provision = _lock(provision)
    errors = _check(provision, ends_on, reasoning)
    if volume is None or volume <= 0:
        errors.setdefault("volume", _("Geef de omvang: een getal groter dan nul."))
    if not errors and volume == provision.volume and ends_on == provision.ends_on:
        errors["volume"] = _("Er verandert niets: geef een andere omvang of einddatum.")
    if errors:
        raise ValidationError(errors)
    before = {"volume": str(provision.volume), "ends_on": provision.ends_on.isoformat()}
    provision.volume = volume
    provision.ends_on = ends_on
    provision.reasoning = _reasoning_append(
        provision, _("Gewijzigd per %(today)s") % {"today": _d(_today())}, reasoning
    )
    provision.full_clean(exclude=["decision", "building_block", "provider"])
    provision.save(update_fields=["volume", "ends_on", "reasoning"])
    assignment = None
    if provision.law in ASSIGNED_LAWS and provision.provider_id is not None:
        assignment = provider_assignments.assignment_change(
            actor=actor,
            provision_id=provision.pk,
            volume=volume,
            ends_on=ends_on,
            channel=channel,
            provision_unit=provision.unit,
        )
    audit.action_record(
        actor=actor,
        action="provision.changed",
        subject=provision,
        household_id=provision.decision.household_id,
        before=before,
        after={
            "decision": provision.decision.reference,
            "volume": str(volume),
            "ends_on": ends_on.isoformat(),
            "assignment": getattr(assignment, "number", None),
        },
        purpose=DOMAIN_ACTIVITY.get(provision.law, HOUSEHOLD_FILE),
        channel=channel,
    )
    return provision
