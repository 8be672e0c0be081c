"""Beschikkingen: one law per decision, granting or refusing building blocks of the maatwerk zone."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ...audit import services as audit
from ...catalog.models import BuildingBlock
from ...core import limits
from ...core.dates import not_before
from ...organisations.models import Organisation
from ...providers.services import assignments as provider_assignments
from ...residents.access import DOMAIN_ACTIVITY, HOUSEHOLD_FILE
from ...residents.models import Resident
from .. import selectors, workflow
from ..models import Case, Decision, LegalBasis, Plan, PlanStatus, ProvisionOutcome, ReferralSource, TailoredProvision
from ..urgency import urgency_refresh
from ._shared import _case_opened, _lock_case, _today
from .deadlines import _meet_deadlines

# The laws whose provisions a provider delivers under an assignment (iWmo, iJw); "P" has no assignment.
ASSIGNED_LAWS = ("W", "J")


@dataclass(frozen=True)
class Place:
    """Where a household lives, as the market's contracts name it: the municipality and the wijk (CBS code)."""

    municipality_id: int | None
    wijk: str


def household_place(*, resident_ids: list[int], prefer: int | None = None) -> Place:
    """The municipality and wijk of `prefer` (the decision's addressee), else of the first member with a known
    wijk: one query. Contracts are per municipality and wijk, so the providers offered depend on it."""
    rows = {
        pk: (municipality_id, code)
        for pk, municipality_id, code in Resident.objects.filter(
            pk__in=resident_ids, address__district__isnull=False
        ).values_list("pk", "address__district__municipality_id", "address__district__code")
    }
    if not rows:
        return Place(None, "")
    found = rows.get(prefer) or next(iter(rows[pk] for pk in resident_ids if pk in rows), None)
    if found is None:
        return Place(None, "")
    return Place(found[0], found[1] or "")


@dataclass(frozen=True)
class ProvisionSpec:
    building_block: BuildingBlock
    outcome: str
    reasoning: str
    law: str = ""
    starts_on: date | None = None
    ends_on: date | None = None
    volume: Decimal | None = None
    unit: str = ""
    provider: Organisation | None = None


@dataclass
class DecisionResult:
    decision: Decision
    clusters: list[str] = field(default_factory=list)
    needs_process_coordinator: bool = False


def _assignments_send(
    *, actor, decision: Decision, plan: Plan | None, provisions: list[TailoredProvision], channel: str | None
) -> None:
    """Each granted Wmo or Jeugdwet provision with a provider becomes that provider's assignment (and its 301), in
    the decision's transaction: a provider without a contract for it is refused on the provision's provider field
    (`provisions-<i>-provider`) and nothing of the decision is saved. A provision without a provider is delivered by
    the municipality itself: no assignment."""
    wanted = [
        (index, provision)
        for index, provision in enumerate(provisions)
        if provision.outcome == ProvisionOutcome.GRANTED
        and provision.law in ASSIGNED_LAWS
        and provision.provider_id is not None
    ]
    if not wanted:
        return
    goals = tuple({"id": goal.pk, "text": goal.description} for goal in plan.goals.order_by("pk")) if plan else ()
    members = sorted(selectors.household_member_ids(household_id=decision.household_id, on=decision.decided_on))
    place = household_place(resident_ids=members, prefer=decision.addressee_id)
    errors: dict[str, list[str]] = {}
    for index, provision in wanted:
        field_name = f"provisions-{index}-provider"
        if place.municipality_id is None:
            errors[field_name] = [
                _(
                    "Het adres van het huishouden ligt in geen bekende wijk van een gemeente; zonder gemeente is er "
                    "geen contract met een aanbieder. Leg de voorziening vast zonder aanbieder of pas het adres aan."
                )
            ]
            continue
        try:
            provider_assignments.assignment_send(
                actor=actor,
                provision=provider_assignments.ProvisionToAssign(
                    provision_id=provision.pk,
                    decision_reference=decision.reference,
                    municipality_id=place.municipality_id,
                    provider_id=provision.provider_id,
                    building_block_id=provision.building_block_id,
                    law=provision.law,
                    resident_id=decision.addressee_id,
                    household_id=decision.household_id,
                    volume=provision.volume,
                    provision_unit=provision.unit,
                    starts_on=provision.starts_on,
                    ends_on=provision.ends_on,
                    goals=goals,
                ),
                channel=channel,
            )
        except ValidationError as error:
            errors[field_name] = error.messages
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def decision_record(
    *,
    actor,
    case: Case,
    addressee: Resident,
    provisions: Sequence[ProvisionSpec],
    decided_on: date | None = None,
    urgent: bool = False,
    channel: str | None = None,
) -> DecisionResult:
    """A beschikking under one law: grant or refuse building blocks of the maatwerk zone.

    It needs the household's active plan, except urgent help after an AMHK/Crisis signal (seed 003 §3.3.2:
    "Besluit inzet spoedhulp"; the structural solution follows through the integrale toegang).
    """
    case = _lock_case(case)
    decided_on = decided_on or _today()
    errors: dict[str, str] = {}
    plan = Plan.objects.filter(case=case, status=PlanStatus.ACTIVE).first()
    if urgent:
        if not case.signals.filter(source=ReferralSource.AMHK_CRISIS).exists():
            errors["urgent"] = _(
                "Spoedhulp zonder plan van aanpak kan alleen na een melding of verwijzing van AMHK/Crisis."
            )
        step = "urgent_decision_record"
    else:
        step = "decision_record"
        if plan is None:
            errors["plan"] = _(
                "Een beschikking vraagt om een actief plan van aanpak, "
                "behalve spoedhulp na een melding bij AMHK/Crisis."
            )
    if not workflow.allowed(case, step) and "plan" not in errors:
        errors["plan"] = workflow.refusal(case, step)
    if decided_on > _today():
        errors["decided_on"] = _("Deze datum ligt in de toekomst.")
    errors = not_before(decided_on, "decided_on", _case_opened(case)) | errors
    if addressee is None or addressee.pk not in selectors.household_member_ids(
        household_id=case.household_id, on=decided_on
    ):
        errors["addressee"] = _("De beschikking gaat aan een lid van het huishouden.")
    if not provisions:
        errors["provisions"] = _("Een beschikking kent ten minste één voorziening toe of wijst haar af.")
    tailored = set(selectors.tailored_provisions_queryset().values_list("pk", flat=True))
    laws = set()
    rows = []
    for index, spec in enumerate(provisions):
        prefix = f"provisions-{index}-"
        block = spec.building_block
        version = selectors.building_block_version_on(block=block, on=decided_on) if block is not None else None
        if block is None or block.pk not in tailored or version is None or not version.is_active:
            errors[f"{prefix}building_block"] = _("Kies een maatwerkvoorziening uit de catalogus.")
            continue
        law = spec.law or (version.domains if len(version.domains) == 1 else "")
        if law not in ("J", "W", "P"):
            errors[f"{prefix}law"] = _("Kies de wet waaronder de voorziening valt.")
            continue
        if law not in version.domains:
            errors[f"{prefix}law"] = _("%(name)s valt niet onder deze wet; kies uit %(domains)s.") % {
                "name": version.name,
                "domains": ", ".join(version.domains),
            }
            continue
        laws.add(law)
        if spec.outcome not in ProvisionOutcome.values:
            errors[f"{prefix}outcome"] = _("Kies: toekennen of afwijzen.")
        if not (spec.reasoning or "").strip():
            errors[f"{prefix}reasoning"] = _("Motiveer het besluit in gewone taal.")
        if spec.outcome == ProvisionOutcome.GRANTED:
            if spec.starts_on is None:
                errors[f"{prefix}starts_on"] = _("Geef de ingangsdatum.")
            if spec.ends_on is None:
                errors[f"{prefix}ends_on"] = _("Geef de einddatum.")
            if spec.starts_on and spec.ends_on and spec.ends_on < spec.starts_on:
                errors[f"{prefix}ends_on"] = _("De einddatum ligt vóór de ingangsdatum.")
            if spec.volume is None or spec.volume <= 0:
                errors[f"{prefix}volume"] = _("Geef de omvang: een getal groter dan nul.")
            if not spec.unit:
                errors[f"{prefix}unit"] = _("Kies de eenheid.")
        elif spec.starts_on and spec.ends_on and spec.ends_on < spec.starts_on:
            errors[f"{prefix}ends_on"] = _("De einddatum ligt vóór de ingangsdatum.")
        rows.append((spec, version, law))
    if len(laws) > 1:
        errors["provisions"] = _("Eén beschikking valt onder één wet; maak per wet een eigen beschikking.")
    basis = LegalBasis.objects.filter(law=next(iter(laws))).first() if len(laws) == 1 else None
    if len(laws) == 1 and basis is None:
        raise ValidationError(
            _("De regels van de toegang zijn nog niet geladen; vraag functioneel beheer ze te laden.")
        )
    if urgent and basis is not None and not basis.urgent_basis:
        errors["urgent"] = _("Onder de %(law)s is geen spoedbesluit zonder plan mogelijk.") % {"law": basis.name}
    if errors:
        raise ValidationError(errors)
    workflow.transition(case, step)
    law = basis.law
    number = Decision.objects.filter(case=case).count() + 1
    application = case.signals.filter(domain=law).order_by("-received_on").values_list("received_on", flat=True).first()
    decision = Decision.objects.create(
        case=case,
        household_id=case.household_id,
        plan=plan,
        law=law,
        reference=f"{decided_on.year}-{case.pk:06d}-{number:02d}",
        addressee=addressee,
        decided_on=decided_on,
        urgent=urgent,
        application_on=application,
        decided_by=actor,
        objection_weeks=basis.objection_weeks,
        objection_basis=basis.objection_basis,
    )
    legal_basis = basis.urgent_basis if urgent else basis.decision_basis
    created = TailoredProvision.objects.bulk_create(
        limits.checked(
            TailoredProvision(
                decision=decision,
                building_block=spec.building_block,
                name=version.name,
                cluster_code=spec.building_block.cluster.code,
                outcome=spec.outcome,
                law=law,
                legal_basis=legal_basis,
                starts_on=spec.starts_on,
                ends_on=spec.ends_on,
                volume=spec.volume if spec.outcome == ProvisionOutcome.GRANTED else None,
                unit=spec.unit if spec.outcome == ProvisionOutcome.GRANTED else "",
                provider=spec.provider,
                reasoning=spec.reasoning.strip(),
            )
            for spec, version, law in rows
        )
    )
    _assignments_send(actor=actor, decision=decision, plan=plan, provisions=created, channel=channel)
    _meet_deadlines(case=case, met_by="decision_issued", on=decided_on, laws=[law])
    clusters = selectors.clusters_in_force(case=case, on=decided_on)
    audit.action_record(
        actor=actor,
        action="decision.recorded",
        subject=decision,
        household_id=case.household_id,
        after={
            "case": case.pk,
            "reference": decision.reference,
            "domain": law,
            "urgent": urgent,
            "provisions": [
                {"building_block": spec.building_block.key, "outcome": spec.outcome} for spec, _v, _l in rows
            ],
        },
        purpose=DOMAIN_ACTIVITY.get(law, HOUSEHOLD_FILE),
        channel=channel,
    )
    urgency_refresh(case)
    return DecisionResult(
        decision=decision,
        clusters=clusters,
        needs_process_coordinator=len(clusters) > 1 and case.process_coordinator_id is None,
    )
