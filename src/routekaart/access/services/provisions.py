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
from .decisions import ASSIGNED_LAWS, _assignments_send


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


@transaction.atomic
def provision_grant(
    *,
    actor,
    provision: TailoredProvision,
    starts_on: date,
    ends_on: date,
    volume: Decimal,
    unit: str = "",
    reasoning: str,
    channel: str | None = None,
) -> TailoredProvision:
    """Grant a refused provision after all (an upheld objection against the refusal, Awb 7:11): it gets its
    period and volume, and a provision the decision names a provider for goes to that provider (the 301) in the
    same transaction, as any granted provision does."""
    provision = _lock(provision)
    errors: dict[str, str] = {}
    today = _today()
    if provision.outcome != ProvisionOutcome.REFUSED:
        errors["provision"] = _("Alleen een afgewezen voorziening kan alsnog worden toegekend.")
        raise ValidationError(errors)
    if starts_on is None:
        errors["starts_on"] = _("Geef de ingangsdatum.")
    if ends_on is None:
        errors["ends_on"] = _("Geef de einddatum.")
    elif starts_on is not None and ends_on < starts_on:
        errors["ends_on"] = _("De einddatum ligt vóór de ingangsdatum.")
    elif ends_on < today:
        errors["ends_on"] = _("De einddatum ligt in het verleden; kies vandaag of later.")
    if volume is None or volume <= 0:
        errors["volume"] = _("Geef de omvang: een getal groter dan nul.")
    unit = unit or provision.unit
    if not unit:
        errors["unit"] = _("Kies de eenheid van de omvang.")
    if not (reasoning or "").strip():
        errors["reasoning"] = _("Motiveer het besluit in gewone taal.")
    if errors:
        raise ValidationError(errors)
    provision.outcome = ProvisionOutcome.GRANTED
    provision.starts_on, provision.ends_on, provision.volume, provision.unit = starts_on, ends_on, volume, unit
    provision.reasoning = _reasoning_append(
        provision, _("Alsnog toegekend per %(starts_on)s") % {"starts_on": _d(starts_on)}, reasoning
    )
    try:
        provision.full_clean(exclude=["decision", "building_block", "provider"])
    except ValidationError as error:
        raise ValidationError({name: messages[0] for name, messages in error.message_dict.items()}) from error
    provision.save(update_fields=["outcome", "starts_on", "ends_on", "volume", "unit", "reasoning"])
    try:
        _assignments_send(
            actor=actor,
            decision=provision.decision,
            plan=provision.decision.plan,
            provisions=[provision],
            channel=channel,
        )
    except ValidationError as error:
        raise ValidationError({"provider": error.messages[0]}) from error
    audit.action_record(
        actor=actor,
        action="provision.granted",
        subject=provision,
        household_id=provision.decision.household_id,
        before={"outcome": ProvisionOutcome.REFUSED},
        after={
            "decision": provision.decision.reference,
            "outcome": ProvisionOutcome.GRANTED,
            "starts_on": starts_on.isoformat(),
            "ends_on": ends_on.isoformat(),
            "volume": str(volume),
            "unit": unit,
        },
        purpose=DOMAIN_ACTIVITY.get(provision.law, HOUSEHOLD_FILE),
        channel=channel,
    )
    return provision
