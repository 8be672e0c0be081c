"""The plan van aanpak: versions drafted and activated with the resident's agreement, and its agreements."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from ...audit import services as audit
from ...core.dates import not_before
from ...organisations.models import Organisation
from ...organisations.roles import Domain
from ...residents.access import HOUSEHOLD_FILE
from .. import workflow
from ..models import (
    Agreement,
    AgreementParty,
    AgreementStatus,
    Case,
    Deadline,
    DeadlineRule,
    Goal,
    LifeDomain,
    Plan,
    PlanStatus,
    ResidentAgreement,
)
from ..urgency import urgency_refresh
from ._shared import _case_opened, _d, _lock_case, _not_in_future, _today
from .deadlines import PLAN_REVIEW, _meet_deadlines, _term_end


@dataclass(frozen=True)
class GoalSpec:
    life_domain: str
    description: str


@dataclass(frozen=True)
class AgreementSpec:
    description: str
    party: str
    due_on: date | None
    party_name: str = ""
    provider: Organisation | None = None
    life_domain: str = ""  # links the agreement to the goal on this life domain


def _agreement_check(spec: AgreementSpec, case: Case, prefix: str = "") -> dict[str, str]:
    errors = {}
    if not (spec.description or "").strip():
        errors[f"{prefix}description"] = _("Beschrijf de afspraak.")
    if spec.party not in AgreementParty.values:
        errors[f"{prefix}party"] = _("Kies wie de afspraak uitvoert.")
    if spec.party == AgreementParty.PROVIDER and spec.provider is None:
        errors[f"{prefix}provider"] = _("Kies de aanbieder die de afspraak uitvoert.")
    if spec.party == AgreementParty.NETWORK and not (spec.party_name or "").strip():
        errors[f"{prefix}party_name"] = _("Noem wie uit het netwerk de afspraak uitvoert.")
    if spec.due_on is None:
        errors[f"{prefix}due_on"] = _("Geef de datum waarop de afspraak klaar is.")
    elif spec.due_on < case.opened_on:
        errors[f"{prefix}due_on"] = _("Deze datum ligt vóór de opening van de casus.")
    return errors


@transaction.atomic
def plan_draft(
    *,
    actor,
    case: Case,
    goals: Sequence[GoalSpec] | None = None,
    agreements: Sequence[AgreementSpec] = (),
    summary: str = "",
    channel: str | None = None,
) -> Plan:
    """A new version of the household's plan, as a draft. Without goals it copies the active version's goals and
    open agreements (a revision); the active version stays in force until the draft is activated."""
    case = _lock_case(case)
    workflow.transition(case, "plan_draft")
    if Plan.objects.filter(case=case, status=PlanStatus.DRAFT).exists():
        raise ValidationError(_("Er is al een concept van het plan van aanpak; werk dat bij of activeer het."))
    active = Plan.objects.filter(case=case, status=PlanStatus.ACTIVE).first()
    domains = {d.code: d for d in LifeDomain.objects.all()}
    errors: dict[str, str] = {}
    if goals is None and active is None:
        goals = []
    if goals is not None:
        goals = [g for g in goals if (g.description or "").strip()]
        if not goals:
            errors["goals"] = _("Een plan van aanpak heeft ten minste één doel op een leefgebied.")
        for goal in goals:
            if goal.life_domain not in domains:
                errors["goals"] = _("Onbekend leefgebied: %(code)s.") % {"code": goal.life_domain}
    for index, spec in enumerate(agreements):
        errors.update(_agreement_check(spec, case, prefix=f"agreements-{index}-"))
        if spec.life_domain and goals is not None and spec.life_domain not in {g.life_domain for g in goals}:
            errors[f"agreements-{index}-life_domain"] = _("Er is geen doel op dit leefgebied.")
    if errors:
        raise ValidationError(errors)
    version = (Plan.objects.filter(case=case).order_by("-version").values_list("version", flat=True).first() or 0) + 1
    plan = Plan.objects.create(
        case=case,
        household_id=case.household_id,
        version=version,
        previous=active,
        summary=(summary or (active.summary if active and goals is None else "")).strip(),
        created_by=actor,
    )
    goal_by_domain: dict[str, Goal] = {}
    if goals is None:
        old_goals = {g.pk: g for g in active.goals.select_related("life_domain")}
        for old in old_goals.values():
            goal_by_domain[old.life_domain.code] = Goal.objects.create(
                plan=plan, life_domain=old.life_domain, description=old.description
            )
        for old in active.agreements.filter(status=AgreementStatus.OPEN).select_related("goal__life_domain"):
            Agreement.objects.create(
                plan=plan,
                goal=goal_by_domain.get(old.goal.life_domain.code) if old.goal else None,
                description=old.description,
                party=old.party,
                party_name=old.party_name,
                provider=old.provider,
                due_on=old.due_on,
                origin=old,
            )
    else:
        for spec in goals:
            goal_by_domain.setdefault(
                spec.life_domain,
                Goal.objects.create(
                    plan=plan, life_domain=domains[spec.life_domain], description=spec.description.strip()
                ),
            )
    for spec in agreements:
        Agreement.objects.create(
            plan=plan,
            goal=goal_by_domain.get(spec.life_domain),
            description=spec.description.strip(),
            party=spec.party,
            party_name=(spec.party_name or "").strip(),
            provider=spec.provider if spec.party == AgreementParty.PROVIDER else None,
            due_on=spec.due_on,
        )
    audit.action_record(
        actor=actor,
        action="plan.drafted",
        subject=plan,
        household_id=case.household_id,
        after={
            "case": case.pk,
            "version": version,
            "goals": plan.goals.count(),
            "agreements": plan.agreements.count(),
        },
        purpose=HOUSEHOLD_FILE,
        channel=channel,
    )
    urgency_refresh(case)
    return plan


@transaction.atomic
def plan_activate(
    *,
    actor,
    plan: Plan,
    resident_agreement: str,
    resident_agreement_on: date | None = None,
    resident_agreement_note: str = "",
    next_review_on: date | None = None,
    activated_on: date | None = None,
    channel: str | None = None,
) -> Plan:
    """The draft becomes the household's one active plan, with the resident's agreement recorded and a review date.

    The version it replaces is kept, superseded. Refused when the household has another active plan.
    """
    case = _lock_case(plan.case)
    plan = Plan.objects.select_for_update(of=("self",)).get(pk=plan.pk)
    activated_on = activated_on or _today()
    resident_agreement_on = resident_agreement_on or activated_on
    errors: dict[str, str] = {}
    if not workflow.PLAN_MACHINE.can(plan.status, "activate"):
        errors["plan"] = workflow.PLAN_MACHINE.refusal(plan.status, "activate")
    if resident_agreement not in ResidentAgreement.values:
        errors["resident_agreement"] = _("Leg vast of de inwoner instemt met het plan.")
    elif resident_agreement != ResidentAgreement.AGREED and not (resident_agreement_note or "").strip():
        errors["resident_agreement_note"] = _("Noteer waarmee de inwoner het niet eens is.")
    if resident_agreement_on > _today():
        errors["resident_agreement_on"] = _("Deze datum ligt in de toekomst.")
    if activated_on > _today():
        errors["activated_on"] = _("Deze datum ligt in de toekomst.")
    errors = (
        not_before(resident_agreement_on, "resident_agreement_on", _case_opened(case))
        | not_before(activated_on, "activated_on", _case_opened(case))
        | errors
    )
    rule = DeadlineRule.objects.filter(code=PLAN_REVIEW).first()
    if rule is None:
        raise ValidationError(
            _("De regels van de toegang zijn nog niet geladen; vraag functioneel beheer ze te laden.")
        )
    latest_review = _term_end(activated_on, rule)
    next_review_on = next_review_on or latest_review
    if next_review_on <= activated_on:
        errors["next_review_on"] = _("De evaluatiedatum ligt na de start van het plan.")
    elif next_review_on > latest_review:
        errors["next_review_on"] = _("Evalueer het plan uiterlijk op %(date)s: ten minste één keer per jaar.") % {
            "date": _d(latest_review)
        }
    if not plan.goals.exists():
        errors["goals"] = _("Een plan van aanpak heeft ten minste één doel op een leefgebied.")
    other = (
        Plan.objects.filter(household_id=plan.household_id, status=PlanStatus.ACTIVE)
        .exclude(case=case)
        .values_list("case_id", flat=True)
        .first()
    )
    if other is not None:
        errors["plan"] = _(
            "Dit huishouden heeft al een actief plan van aanpak (casus %(case)s). Eén huishouden, één plan."
        ) % {"case": other}
    if not errors:
        try:
            workflow.transition(case, "plan_activate")
        except ValidationError as error:
            errors["plan"] = error.messages[0]
    if errors:
        raise ValidationError(errors)
    case.save(update_fields=["status"])
    previous = Plan.objects.filter(case=case, status=PlanStatus.ACTIVE).first()
    if previous is not None:
        previous.status = workflow.PLAN_MACHINE.check(previous.status, "supersede")
        previous.ended_on = activated_on
        previous.save(update_fields=["status", "ended_on"])
        Deadline.objects.filter(plan=previous, met_on__isnull=True, lapsed_on__isnull=True).update(
            lapsed_on=activated_on
        )
    plan.status = workflow.PLAN_MACHINE.check(plan.status, "activate")
    plan.activated_on = activated_on
    plan.next_review_on = next_review_on
    plan.resident_agreement = resident_agreement
    plan.resident_agreement_on = resident_agreement_on
    plan.resident_agreement_note = (resident_agreement_note or "").strip()
    try:
        with transaction.atomic():
            plan.save()
    except IntegrityError as error:
        raise ValidationError(
            {"plan": _("Dit huishouden heeft al een actief plan van aanpak. Eén huishouden, één plan.")}
        ) from error
    Deadline.objects.create(
        case=case,
        rule=rule,
        plan=plan,
        law=Domain.GENERAL,
        name=rule.name,
        basis=rule.basis,
        starts_on=activated_on,
        original_due_on=next_review_on,
        due_on=next_review_on,
    )
    _meet_deadlines(case=case, met_by="plan_activated", on=activated_on)
    audit.action_record(
        actor=actor,
        action="plan.activated",
        subject=plan,
        household_id=case.household_id,
        before={"previous": previous.version if previous else None},
        after={
            "case": case.pk,
            "version": plan.version,
            "resident_agreement": resident_agreement,
            "next_review_on": next_review_on,
        },
        purpose=HOUSEHOLD_FILE,
        channel=channel,
    )
    urgency_refresh(case)
    return plan


def _editable_plan(plan: Plan) -> Case:
    case = _lock_case(plan.case)
    workflow.transition(case, "agreement_change")
    if not plan.is_editable:
        raise ValidationError(_("Deze versie van het plan is vervangen of afgesloten en verandert niet meer."))
    return case


@transaction.atomic
def agreement_add(*, actor, plan: Plan, spec: AgreementSpec, channel: str | None = None) -> Agreement:
    """Add an agreement to the draft or active plan: who does what by when."""
    case = _editable_plan(plan)
    errors = _agreement_check(spec, case)
    goal = None
    if spec.life_domain:
        goal = plan.goals.filter(life_domain__code=spec.life_domain).first()
        if goal is None:
            errors["life_domain"] = _("Er is geen doel op dit leefgebied.")
    if errors:
        raise ValidationError(errors)
    agreement = Agreement.objects.create(
        plan=plan,
        goal=goal,
        description=spec.description.strip(),
        party=spec.party,
        party_name=(spec.party_name or "").strip(),
        provider=spec.provider if spec.party == AgreementParty.PROVIDER else None,
        due_on=spec.due_on,
    )
    audit.action_record(
        actor=actor,
        action="agreement.added",
        subject=agreement,
        household_id=case.household_id,
        after={"plan": plan.pk, "party": spec.party, "due_on": spec.due_on},
        purpose=HOUSEHOLD_FILE,
        channel=channel,
    )
    urgency_refresh(case)
    return agreement


@transaction.atomic
def agreement_status_set(
    *, actor, agreement: Agreement, status: str, done_on: date | None = None, channel: str | None = None
) -> Agreement:
    """Procesregie: mark an agreement done or cancelled (or open again)."""
    agreement = Agreement.objects.select_related("plan__case").select_for_update(of=("self",)).get(pk=agreement.pk)
    case = _editable_plan(agreement.plan)
    if status not in AgreementStatus.values:
        raise ValidationError({"status": _("Kies een status.")})
    before = {"status": agreement.status}
    agreement.status = workflow.AGREEMENT_MACHINE.check(agreement.status, status)
    agreement.done_on = (done_on or _today()) if status == AgreementStatus.DONE else None
    _not_in_future(agreement.done_on, "done_on")
    agreement.save(update_fields=["status", "done_on"])
    audit.action_record(
        actor=actor,
        action="agreement.status_changed",
        subject=agreement,
        household_id=case.household_id,
        before=before,
        after={"status": status, "done_on": agreement.done_on},
        purpose=HOUSEHOLD_FILE,
        channel=channel,
    )
    urgency_refresh(case)
    return agreement


@transaction.atomic
def agreement_done_by_resident(
    *, actor, agreement: Agreement, household_id: int, channel: str | None = None
) -> Agreement:
    """Mijn Routekaart: the resident ticks off an agreement they carry out themself ("Ik heb dit gedaan").

    Only an open agreement of party "De inwoner zelf" of the active plan of `household_id` (the household of the
    person the portal shows); the coordinator reads it on the household's timeline."""
    agreement = Agreement.objects.select_related("plan").select_for_update(of=("self",)).get(pk=agreement.pk)
    if agreement.plan.household_id != household_id or agreement.plan.status != PlanStatus.ACTIVE:
        raise ValidationError({"agreement": _("Deze afspraak hoort niet bij uw plan.")})
    if agreement.party != AgreementParty.RESIDENT:
        raise ValidationError(
            {"agreement": _("U kunt alleen uw eigen afspraken afvinken. Deze afspraak doet iemand anders.")}
        )
    if agreement.status != AgreementStatus.OPEN:
        raise ValidationError({"agreement": _("Deze afspraak staat al niet meer open. Er is niets veranderd.")})
    case = _editable_plan(agreement.plan)
    agreement.status = workflow.AGREEMENT_MACHINE.check(agreement.status, AgreementStatus.DONE)
    agreement.done_on = _today()
    agreement.save(update_fields=["status", "done_on"])
    audit.action_record(
        actor=actor,
        action="agreement.done_by_resident",
        subject=agreement,
        household_id=case.household_id,
        before={"status": AgreementStatus.OPEN},
        after={"status": AgreementStatus.DONE, "done_on": agreement.done_on, "plan": agreement.plan_id},
        purpose=HOUSEHOLD_FILE,
        channel=channel,
    )
    urgency_refresh(case)
    return agreement
