"""Every step of the integrale toegang: one transaction, one event, one processing-log entry per step.

Bad input raises Django's ValidationError with Dutch messages per field, and nothing is saved. The household's
access check is the caller's (views and API ask it before they call a service). Events carry references, codes,
dates and the law domain, never names, BSNs or free text: the event stream is append-only and cannot be
anonymised later, so what people said stays in this app's tables, where retention can reach it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ..audit import services as audit
from ..catalog.models import BuildingBlock, BuildingBlockVersion, ZoneCode
from ..core.periods import valid_on
from ..organisations.models import Organisation
from ..organisations.roles import Domain, Role
from ..residents import services as residents
from ..residents.access import DOMAIN_ACTIVITY, HOUSEHOLD_FILE
from ..residents.life_phase import age_on
from ..residents.models import Household, Involvement, InvolvementKind, Membership, Resident
from . import workflow
from .models import (
    OPEN_STATUSES,
    Agreement,
    AgreementParty,
    AgreementStatus,
    Assessment,
    Case,
    CaseStatus,
    ClosureReason,
    Deadline,
    DeadlineChange,
    DeadlineChangeRule,
    DeadlineRule,
    Decision,
    Gatekeeping,
    GatekeepingOutcome,
    Goal,
    Intake,
    LegalBasis,
    LifeDomain,
    LifeDomainScore,
    Plan,
    PlanStatus,
    Policy,
    ProvisionOutcome,
    ReferralSource,
    ResidentAgreement,
    Review,
    Signal,
    SignalKind,
    SpecialistAdvice,
    TailoredProvision,
    WarmHandover,
)

PLAN_REVIEW = "plan_review"
YOUTH_SEARCH_PERIOD = "youth_search_period"
MIN_HANDOVER_NOTE = 20
MANUAL_MET_BY = {"advance_granted"}


# --- helpers ------------------------------------------------------------------------------------------------------


def _today() -> date:
    return timezone.localdate()


def _d(value: date) -> str:
    return date_format(value, "j F Y")


def policy_get() -> Policy:
    policy = Policy.objects.order_by("pk").first()
    if policy is None:
        raise ValidationError(_("De regels van de toegang zijn niet geladen: voer `manage.py load_configuration` uit."))
    return policy


def _member_ids(household_id: int, on: date) -> set[int]:
    return set(Membership.objects.filter(valid_on(on), household_id=household_id).values_list("resident_id", flat=True))


def _lock_case(case: Case) -> Case:
    """Serialise the steps of one case (PostgreSQL row lock; SQLite serialises writes anyway)."""
    return Case.objects.select_for_update(of=("self",)).get(pk=case.pk)


def _not_in_future(value: date | None, field_name: str) -> None:
    if value is not None and value > _today():
        raise ValidationError({field_name: _("Deze datum ligt in de toekomst.")})


def _not_before_case(case: Case, value: date, field_name: str) -> None:
    if value < case.opened_on:
        raise ValidationError(
            {field_name: _("Deze datum ligt vóór de opening van de casus (%(date)s).") % {"date": _d(case.opened_on)}}
        )


def _term_end(start: date, rule: DeadlineRule) -> date:
    return start + relativedelta(weeks=rule.term_weeks, months=rule.term_months)


def _meet_deadlines(*, case: Case, met_by: str, on: date, laws: Iterable[str] | None = None) -> list[Deadline]:
    """Mark the case's open deadlines that `met_by` meets (optionally only those of `laws`) as met on `on`."""
    rules = [r.pk for r in DeadlineRule.objects.all() if met_by in r.met_by]
    open_deadlines = Deadline.objects.filter(case=case, rule_id__in=rules, met_on__isnull=True, lapsed_on__isnull=True)
    if laws is not None:
        open_deadlines = open_deadlines.filter(law__in=list(laws))
    met = list(open_deadlines)
    for deadline in met:
        deadline.met_on = on
        deadline.met_by = met_by
        deadline.save(update_fields=["met_on", "met_by"])
    return met


def _lapse_deadlines(*, case: Case, on: date) -> None:
    Deadline.objects.filter(case=case, met_on__isnull=True, lapsed_on__isnull=True).update(lapsed_on=on)


def _scores_check(scores: dict[str, tuple[int | None, str]]) -> list[tuple[LifeDomain, int, str]]:
    """Every life domain needs a score 1 to 5 ("op alle leefgebieden"); errors per field `score_<code>`."""
    domains = list(LifeDomain.objects.order_by("order"))
    if not domains:
        raise ValidationError(_("De leefgebieden zijn niet geladen: voer `manage.py load_configuration` uit."))
    errors: dict[str, str] = {}
    rows = []
    for domain in domains:
        score, note = scores.get(domain.code, (None, ""))
        if score in (None, ""):
            errors[f"score_{domain.code}"] = _("Geef een score van 1 tot en met 5 voor %(domain)s.") % {
                "domain": domain.name
            }
            continue
        try:
            value = int(score)
        except (TypeError, ValueError):
            value = 0
        if not 1 <= value <= 5:
            errors[f"score_{domain.code}"] = _("Zelfredzaamheid is een score van 1 tot en met 5.")
            continue
        rows.append((domain, value, (note or "").strip()[:500]))
    unknown = set(scores) - {d.code for d in domains}
    if unknown:
        errors["scores"] = _("Onbekend leefgebied: %(codes)s.") % {"codes": ", ".join(sorted(unknown))}
    if errors:
        raise ValidationError(errors)
    return rows


# --- signals and cases --------------------------------------------------------------------------------------------


def _coordinator_for(
    *, household: Household, actor, coordinator, coordinator_organisation: Organisation | None, on: date
) -> tuple[object, Organisation, bool]:
    """Who will coordinate: the household's present coordinator, else the one named, else the actor.

    Returns (user, organisation, whether a coordinator involvement must be started).
    """
    present = (
        Involvement.objects.filter(valid_on(on), household=household, kind=InvolvementKind.COORDINATOR)
        .select_related("user", "organisation")
        .first()
    )
    if present is not None:
        if coordinator is not None and coordinator.pk != present.user_id:
            raise ValidationError(
                {
                    "coordinator": _(
                        "Dit huishouden heeft al een regisseur. Kies die regisseur, of draag over met een warme "
                        "overdracht."
                    )
                }
            )
        return present.user, present.organisation, False
    candidate = coordinator
    if candidate is None and Role.COORDINATOR in getattr(actor, "roles", []):
        candidate = actor
    if candidate is None:
        raise ValidationError(
            {"coordinator": _("Een huishouden met een open casus heeft precies één regisseur. Kies de regisseur.")}
        )
    affiliations = candidate.affiliations.filter(role=Role.COORDINATOR)
    if coordinator_organisation is not None:
        affiliations = affiliations.filter(organisation=coordinator_organisation)
    affiliation = affiliations.select_related("organisation").order_by("pk").first()
    if affiliation is None:
        raise ValidationError({"coordinator": _("Alleen een regisseur kan regisseur van een huishouden zijn.")})
    return candidate, affiliation.organisation, True


def _signal_check(
    *,
    household: Household,
    kind: str,
    topic: str,
    source: str,
    domain: str,
    resident: Resident | None,
    received_on: date,
) -> None:
    errors: dict[str, str] = {}
    if kind not in SignalKind.values:
        errors["kind"] = _("Kies de soort signaal.")
    if kind == SignalKind.REPORT and not topic:
        errors["topic"] = _("Kies waar de melding over gaat: hulpvraag, veiligheid, zorg of overlast.")
    if kind == SignalKind.REFERRAL and not source:
        errors["source"] = _("Kies wie verwijst.")
    if kind == SignalKind.APPLICATION:
        if domain not in (Domain.YOUTH, Domain.SUPPORT, Domain.PARTICIPATION):
            errors["domain"] = _("Een aanvraag valt onder de Jeugdwet, de Wmo 2015 of de Participatiewet.")
        if resident is None:
            errors["resident"] = _("Kies voor wie de aanvraag is.")
    if resident is not None and resident.pk not in _member_ids(household.pk, received_on):
        errors["resident"] = _("Deze inwoner hoorde op de ontvangstdatum niet bij het huishouden.")
    if received_on > _today():
        errors["received_on"] = _("Deze datum ligt in de toekomst.")
    if errors:
        raise ValidationError(errors)


def _deadlines_open(*, case: Case, signal: Signal) -> list[Deadline]:
    opened = []
    for rule in DeadlineRule.objects.filter(domain=signal.domain).order_by("code"):
        if signal.kind not in rule.signal_kinds:
            continue
        if rule.under_age is not None and (
            signal.resident is None or age_on(signal.resident.birth_date, signal.received_on) >= rule.under_age
        ):
            continue
        due = _term_end(signal.received_on, rule)
        opened.append(
            Deadline.objects.create(
                case=case,
                rule=rule,
                signal=signal,
                law=rule.law,
                name=rule.name,
                basis=rule.basis,
                starts_on=signal.received_on,
                original_due_on=due,
                due_on=due,
            )
        )
    return opened


@transaction.atomic
def signal_receive(
    *,
    actor,
    household: Household,
    kind: str,
    summary: str,
    received_on: date | None = None,
    domain: str = Domain.GENERAL,
    topic: str = "",
    source: str = "",
    resident: Resident | None = None,
    referrer_organisation: Organisation | None = None,
    urgent: bool = False,
    coordinator=None,
    coordinator_organisation: Organisation | None = None,
    channel: str | None = None,
) -> Signal:
    """A melding, aanvraag, verwijzing or review arrives: it joins the open case, reopens a recent one, or opens one.

    "Eén huishouden, één plan, één regisseur": a household never has two open cases, and an open case always has
    exactly one coordinator (the household's present one, the one named, or the actor).
    """
    received_on = received_on or _today()
    summary = (summary or "").strip()
    if not summary:
        raise ValidationError({"summary": _("Beschrijf kort wat er aan de hand is.")})
    _signal_check(
        household=household,
        kind=kind,
        topic=topic,
        source=source,
        domain=domain,
        resident=resident,
        received_on=received_on,
    )
    Household.objects.select_for_update(of=("self",)).filter(pk=household.pk).first()
    case = Case.objects.select_for_update(of=("self",)).filter(household=household, status__in=OPEN_STATUSES).first()
    effect = "joined"
    if case is None:
        policy = policy_get()
        recent = (
            Case.objects.select_for_update(of=("self",))
            .filter(
                household=household,
                status=CaseStatus.CLOSED,
                closed_on__gte=received_on - relativedelta(days=policy.reopen_within_days),
            )
            .order_by("-closed_on", "-pk")
            .first()
        )
        user, organisation, start_involvement = _coordinator_for(
            household=household,
            actor=actor,
            coordinator=coordinator,
            coordinator_organisation=coordinator_organisation,
            on=_today(),
        )
        if start_involvement:
            residents.involvement_start(
                actor=actor,
                household=household,
                organisation=organisation,
                user=user,
                kind=InvolvementKind.COORDINATOR,
                reason=_("Regisseur van de casus"),
                valid_from=_today(),
            )
        if recent is not None:
            case = recent
            workflow.transition(case, "reopen")
            case.closed_on = None
            case.closure_reason = ""
            case.save(update_fields=["status", "closed_on", "closure_reason"])
            effect = "reopened"
        else:
            case = Case(household=household, opened_on=received_on)
            case.save()
            effect = "opened"
        audit.action_record(
            actor=actor,
            action=f"case.{effect}",
            subject=case,
            household_id=household.pk,
            after={"status": case.status, "coordinator": user.pk, "organisation": organisation.code},
        )
    else:
        if coordinator is not None and coordinator.pk != case.coordinator_id:
            raise ValidationError(
                {
                    "coordinator": _(
                        "Dit huishouden heeft al een open casus met een regisseur; het signaal komt daarbij."
                    )
                }
            )
        workflow.transition(case, "signal_join")
    signal = Signal(
        case=case,
        household=household,
        kind=kind,
        topic=topic if kind == SignalKind.REPORT else "",
        source=source if kind == SignalKind.REFERRAL else "",
        domain=domain,
        resident=resident,
        referrer_organisation=referrer_organisation,
        received_on=received_on,
        urgent=urgent,
        summary=summary,
        effect=effect,
        recorded_by=actor,
    )
    signal.full_clean(exclude=["case", "household", "recorded_by", "resident", "referrer_organisation"])
    signal.save()
    deadlines = _deadlines_open(case=case, signal=signal)
    audit.action_record(
        actor=actor,
        action="signal.received",
        subject=signal,
        household_id=household.pk,
        after={
            "case": case.pk,
            "kind": kind,
            "topic": signal.topic,
            "source": signal.source,
            "domain": domain,
            "urgent": urgent,
            "effect": effect,
            "deadlines": [d.rule.code for d in deadlines],
        },
        purpose=DOMAIN_ACTIVITY.get(domain, HOUSEHOLD_FILE),
        channel=channel,
    )
    return signal


@transaction.atomic
def case_close(*, actor, case: Case, reason: str, closed_on: date | None = None, channel: str | None = None) -> Case:
    """Close the case: its plan ends, running deadlines lapse. The coordinator stays the household's contact."""
    case = _lock_case(case)
    closed_on = closed_on or _today()
    if reason not in ClosureReason.values:
        raise ValidationError({"reason": _("Kies waarom de casus wordt afgesloten.")})
    _not_in_future(closed_on, "closed_on")
    _not_before_case(case, closed_on, "closed_on")
    _close(actor=actor, case=case, reason=reason, on=closed_on)
    audit.action_record(actor=actor, purpose=HOUSEHOLD_FILE, household_id=case.household_id, channel=channel)
    return case


def _close(*, actor, case: Case, reason: str, on: date) -> None:
    before = {"status": case.status}
    workflow.transition(case, "close")
    case.closed_on = on
    case.closure_reason = reason
    case.save(update_fields=["status", "closed_on", "closure_reason"])
    Plan.objects.filter(case=case, status__in=[PlanStatus.ACTIVE, PlanStatus.DRAFT]).update(
        status=PlanStatus.CLOSED, ended_on=on
    )
    _lapse_deadlines(case=case, on=on)
    audit.action_record(
        actor=actor,
        action="case.closed",
        subject=case,
        household_id=case.household_id,
        before=before,
        after={"status": case.status, "reason": reason, "closed_on": on},
    )


# --- intake, gatekeeping, assessment ------------------------------------------------------------------------------


@transaction.atomic
def intake_record(
    *,
    actor,
    case: Case,
    question: str,
    scores: dict[str, tuple[int | None, str]],
    held_on: date | None = None,
    resident: Resident | None = None,
    wishes: str = "",
    talents: str = "",
    possibilities: str = "",
    channel: str | None = None,
) -> Intake:
    """The broad intake: a self-reliance score 1 to 5 on every life domain, with wishes, talents and possibilities."""
    case = _lock_case(case)
    held_on = held_on or _today()
    errors: dict[str, str] = {}
    if not (question or "").strip():
        errors["question"] = _("Beschrijf de hulpvraag in de woorden van de inwoner.")
    if not any((x or "").strip() for x in (wishes, talents, possibilities)):
        errors["talents"] = _("Begin bij wat wél lukt: noteer wensen, talenten of mogelijkheden.")
    if held_on > _today():
        errors["held_on"] = _("Deze datum ligt in de toekomst.")
    elif held_on < case.opened_on:
        errors["held_on"] = _("Deze datum ligt vóór de opening van de casus (%(date)s).") % {"date": _d(case.opened_on)}
    if resident is not None and resident.pk not in _member_ids(case.household_id, held_on):
        errors["resident"] = _("Deze inwoner hoort niet bij het huishouden.")
    try:
        rows = _scores_check(scores)
    except ValidationError as error:
        errors.update({k: v[0] for k, v in error.message_dict.items()})
    if errors:
        raise ValidationError(errors)
    before = case.status
    workflow.transition(case, "intake_record")
    case.save(update_fields=["status"])
    intake = Intake.objects.create(
        case=case,
        resident=resident,
        held_on=held_on,
        question=question.strip(),
        wishes=wishes.strip(),
        talents=talents.strip(),
        possibilities=possibilities.strip(),
        held_by=actor,
    )
    LifeDomainScore.objects.bulk_create(
        LifeDomainScore(
            case=case,
            household_id=case.household_id,
            intake=intake,
            life_domain=domain,
            scored_on=held_on,
            self_reliance=value,
            note=note,
        )
        for domain, value, note in rows
    )
    audit.action_record(
        actor=actor,
        action="intake.recorded",
        subject=intake,
        household_id=case.household_id,
        before={"status": before},
        after={"case": case.pk, "status": case.status, "held_on": held_on, "life_domains": len(rows)},
        purpose=HOUSEHOLD_FILE,
        channel=channel,
    )
    return intake


def general_provisions_queryset():
    """The voorveld building blocks the poortwachter may refer back to (clusters named in decisions.yaml)."""
    clusters = Policy.objects.order_by("pk").values_list("general_provision_clusters", flat=True).first() or []
    return (
        BuildingBlock.objects.filter(cluster__zone__code=ZoneCode.FRONT, cluster__code__in=clusters)
        .select_related("cluster")
        .order_by("cluster__order", "order")
    )


@transaction.atomic
def gatekeeping_record(
    *,
    actor,
    case: Case,
    outcome: str,
    decided_on: date | None = None,
    general_provisions: Sequence[BuildingBlock] = (),
    note: str = "",
    job_search: str = "",
    job_applications: int | None = None,
    search_period_exempt: bool = False,
    channel: str | None = None,
) -> Gatekeeping:
    """Poortwachter: continue to the assessment, or refer back to named general provisions of the voorveld.

    For a Participatiewet application the resident's own job search is recorded; a young person under 27 first
    searches four weeks (Participatiewet art. 41 lid 4) unless exempted with a reason.
    """
    case = _lock_case(case)
    decided_on = decided_on or _today()
    errors: dict[str, str] = {}
    if outcome not in GatekeepingOutcome.values:
        errors["outcome"] = _("Kies: doorgaan naar onderzoek of terugverwijzen.")
    allowed = {b.pk for b in general_provisions_queryset()}
    if outcome == GatekeepingOutcome.REFER_BACK:
        if not general_provisions:
            errors["general_provisions"] = _("Noem de algemene voorzieningen waarnaar u terugverwijst.")
        elif any(b.pk not in allowed for b in general_provisions):
            errors["general_provisions"] = _("Verwijs alleen terug naar algemene voorzieningen uit het voorveld.")
    participation = case.signals.filter(domain=Domain.PARTICIPATION, kind=SignalKind.APPLICATION).exists()
    if participation and not (job_search or "").strip():
        errors["job_search"] = _(
            "Leg bij een aanvraag voor de Participatiewet vast wat de inwoner zelf heeft gedaan om werk te vinden."
        )
    search_period = (
        Deadline.objects.filter(case=case, rule__code=YOUTH_SEARCH_PERIOD, met_on__isnull=True, lapsed_on__isnull=True)
        .order_by("due_on")
        .first()
    )
    if (
        outcome == GatekeepingOutcome.CONTINUE
        and search_period is not None
        and decided_on < search_period.due_on
        and not search_period_exempt
    ):
        errors["outcome"] = _(
            "De zoekperiode van vier weken voor jongeren onder 27 loopt nog tot %(date)s (Participatiewet art. 41 "
            "lid 4). Wacht die af, of leg een vrijstelling met reden vast."
        ) % {"date": _d(search_period.due_on)}
    if search_period_exempt and not (note or "").strip():
        errors["note"] = _("Geef de reden van de vrijstelling van de zoekperiode.")
    if decided_on > _today():
        errors["decided_on"] = _("Deze datum ligt in de toekomst.")
    step = "gatekeeping_continue" if outcome == GatekeepingOutcome.CONTINUE else "gatekeeping_refer_back"
    if not errors and not workflow.allowed(case, step):
        errors["outcome"] = workflow.refusal(case, step)
    if errors:
        raise ValidationError(errors)
    gatekeeping = Gatekeeping.objects.create(
        case=case,
        decided_on=decided_on,
        outcome=outcome,
        note=(note or "").strip(),
        job_search=(job_search or "").strip(),
        job_applications=job_applications,
        search_period_exempt=search_period_exempt,
        decided_by=actor,
    )
    gatekeeping.general_provisions.set(general_provisions)
    _meet_deadlines(case=case, met_by="gatekeeping_recorded", on=decided_on)
    audit.action_record(
        actor=actor,
        action="gatekeeping.recorded",
        subject=gatekeeping,
        household_id=case.household_id,
        after={
            "case": case.pk,
            "outcome": outcome,
            "general_provisions": [b.key for b in general_provisions],
            "search_period_exempt": search_period_exempt,
        },
    )
    if outcome == GatekeepingOutcome.CONTINUE:
        workflow.transition(case, "gatekeeping_continue")
        case.save(update_fields=["status"])
    else:
        _close(actor=actor, case=case, reason=ClosureReason.REFERRED_BACK, on=decided_on)
    audit.action_record(actor=actor, purpose=HOUSEHOLD_FILE, household_id=case.household_id, channel=channel)
    return gatekeeping


@transaction.atomic
def assessment_record(
    *,
    actor,
    case: Case,
    report: str = "",
    complete: bool = False,
    started_on: date | None = None,
    completed_on: date | None = None,
    channel: str | None = None,
) -> Assessment:
    """Vraaggestuurd onderzoek: start it or write its report; completing it meets the Wmo research deadline."""
    case = _lock_case(case)
    workflow.transition(case, "assessment_record")
    assessment = Assessment.objects.filter(case=case, completed_on__isnull=True).order_by("-pk").first()
    created = assessment is None
    if created:
        assessment = Assessment(case=case, started_on=started_on or _today(), assessed_by=actor)
    _not_in_future(assessment.started_on, "started_on")
    _not_before_case(case, assessment.started_on, "started_on")
    assessment.report = (report or "").strip() or assessment.report
    if complete:
        completed_on = completed_on or _today()
        _not_in_future(completed_on, "completed_on")
        if not assessment.report:
            raise ValidationError({"report": _("Schrijf het verslag voordat u het onderzoek afrondt.")})
        if completed_on < assessment.started_on:
            raise ValidationError({"completed_on": _("Het onderzoek kan niet eerder af zijn dan het begon.")})
        assessment.completed_on = completed_on
    assessment.save()
    if complete:
        _meet_deadlines(case=case, met_by="assessment_completed", on=assessment.completed_on)
    audit.action_record(
        actor=actor,
        action="assessment.completed" if complete else ("assessment.started" if created else "assessment.updated"),
        subject=assessment,
        household_id=case.household_id,
        after={"case": case.pk, "started_on": assessment.started_on, "completed_on": assessment.completed_on},
        purpose=HOUSEHOLD_FILE,
        channel=channel,
    )
    return assessment


@transaction.atomic
def specialist_advice_request(
    *,
    actor,
    assessment: Assessment,
    adviser_kind: str,
    adviser: str,
    question: str,
    independent: bool = False,
    independence_required: bool = False,
    requested_on: date | None = None,
    channel: str | None = None,
) -> SpecialistAdvice:
    """Ask a doctor, psychologist or labour expert; where the law requires it, only an independent one."""
    case = _lock_case(assessment.case)
    workflow.transition(case, "assessment_record")
    if assessment.completed_on is not None:
        raise ValidationError(_("Dit onderzoek is al afgerond."))
    advice = SpecialistAdvice(
        assessment=assessment,
        adviser_kind=adviser_kind,
        adviser=(adviser or "").strip(),
        question=(question or "").strip(),
        independent=independent,
        independence_required=independence_required,
        requested_on=requested_on or _today(),
        requested_by=actor,
    )
    if independence_required and not independent:
        raise ValidationError(
            {"independent": _("Waar de wet onafhankelijk advies eist, moet de adviseur onafhankelijk zijn.")}
        )
    _not_in_future(advice.requested_on, "requested_on")
    advice.full_clean(exclude=["assessment", "requested_by"])
    advice.save()
    audit.action_record(
        actor=actor,
        action="specialist_advice.requested",
        subject=advice,
        household_id=case.household_id,
        after={
            "adviser_kind": adviser_kind,
            "independent": independent,
            "independence_required": independence_required,
        },
        purpose=HOUSEHOLD_FILE,
        channel=channel,
    )
    return advice


@transaction.atomic
def specialist_advice_receive(
    *, actor, advice: SpecialistAdvice, text: str, received_on: date | None = None, channel: str | None = None
) -> SpecialistAdvice:
    advice = (
        SpecialistAdvice.objects.select_related("assessment__case").select_for_update(of=("self",)).get(pk=advice.pk)
    )
    if advice.received_on is not None:
        raise ValidationError(_("Dit advies is al ontvangen."))
    advice.received_on = received_on or _today()
    advice.advice = (text or "").strip()
    if not advice.advice:
        raise ValidationError({"advice": _("Neem het advies over.")})
    _not_in_future(advice.received_on, "received_on")
    advice.full_clean(exclude=["assessment", "requested_by"])
    advice.save(update_fields=["received_on", "advice"])
    audit.action_record(
        actor=actor,
        action="specialist_advice.received",
        subject=advice,
        household_id=advice.assessment.case.household_id,
        after={"received_on": advice.received_on},
        purpose=HOUSEHOLD_FILE,
        channel=channel,
    )
    return advice


# --- plan van aanpak ----------------------------------------------------------------------------------------------


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
    if plan.status != PlanStatus.DRAFT:
        errors["plan"] = _("Alleen een concept kan actief worden.")
    if resident_agreement not in ResidentAgreement.values:
        errors["resident_agreement"] = _("Leg vast of de inwoner instemt met het plan.")
    elif resident_agreement != ResidentAgreement.AGREED and not (resident_agreement_note or "").strip():
        errors["resident_agreement_note"] = _("Noteer waarmee de inwoner het niet eens is.")
    if resident_agreement_on > _today():
        errors["resident_agreement_on"] = _("Deze datum ligt in de toekomst.")
    if activated_on > _today():
        errors["activated_on"] = _("Deze datum ligt in de toekomst.")
    rule = DeadlineRule.objects.filter(code=PLAN_REVIEW).first()
    if rule is None:
        raise ValidationError(_("De regels van de toegang zijn niet geladen: voer `manage.py load_configuration` uit."))
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
        previous.status = PlanStatus.SUPERSEDED
        previous.ended_on = activated_on
        previous.save(update_fields=["status", "ended_on"])
        Deadline.objects.filter(plan=previous, met_on__isnull=True, lapsed_on__isnull=True).update(
            lapsed_on=activated_on
        )
    plan.status = PlanStatus.ACTIVE
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
    if status == agreement.status:
        raise ValidationError({"status": _("De afspraak heeft deze status al.")})
    before = {"status": agreement.status}
    agreement.status = status
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
    return agreement


# --- decisions ----------------------------------------------------------------------------------------------------


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


def tailored_provisions_queryset():
    """The building blocks a decision can grant or refuse: those of the maatwerk zone (seed 003 §3.5)."""
    return (
        BuildingBlock.objects.filter(cluster__zone__code=ZoneCode.TAILORED)
        .select_related("cluster")
        .order_by("cluster__order", "order")
    )


def _block_version(block: BuildingBlock, on: date) -> BuildingBlockVersion | None:
    return block.versions.filter(effective_from__lte=on).order_by("-effective_from", "-number").first()


@dataclass
class DecisionResult:
    decision: Decision
    clusters: list[str] = field(default_factory=list)
    needs_process_coordinator: bool = False


def clusters_in_force(*, case: Case, on: date | None = None) -> list[str]:
    """The clusters of the provisions granted and not yet ended: more than one asks for a procesregisseur."""
    on = on or _today()
    return sorted(
        set(
            TailoredProvision.objects.filter(
                decision__case=case, outcome=ProvisionOutcome.GRANTED, ends_on__gte=on
            ).values_list("cluster_code", flat=True)
        )
    )


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
    if addressee is None or addressee.pk not in _member_ids(case.household_id, decided_on):
        errors["addressee"] = _("De beschikking gaat aan een lid van het huishouden.")
    if not provisions:
        errors["provisions"] = _("Een beschikking kent ten minste één voorziening toe of wijst haar af.")
    tailored = set(tailored_provisions_queryset().values_list("pk", flat=True))
    laws = set()
    rows = []
    for index, spec in enumerate(provisions):
        prefix = f"provisions-{index}-"
        block = spec.building_block
        version = _block_version(block, decided_on) if block is not None else None
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
        raise ValidationError(_("De regels van de toegang zijn niet geladen: voer `manage.py load_configuration` uit."))
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
    TailoredProvision.objects.bulk_create(
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
    _meet_deadlines(case=case, met_by="decision_issued", on=decided_on, laws=[law])
    clusters = clusters_in_force(case=case, on=decided_on)
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
    return DecisionResult(
        decision=decision,
        clusters=clusters,
        needs_process_coordinator=len(clusters) > 1 and case.process_coordinator_id is None,
    )


# --- coordination, review, deadlines ------------------------------------------------------------------------------


@transaction.atomic
def coordinator_transfer(
    *,
    actor,
    case: Case,
    to_user,
    to_organisation: Organisation,
    note: str,
    resident_informed_on: date | None,
    handed_over_on: date | None = None,
    channel: str | None = None,
) -> WarmHandover:
    """Warme overdracht: both coordinators named, a handover note, and the resident informed."""
    case = _lock_case(case)
    handed_over_on = handed_over_on or _today()
    errors: dict[str, str] = {}
    if to_user is None:
        errors["to_user"] = _("Kies de nieuwe regisseur.")
    elif to_user.pk == case.coordinator_id:
        errors["to_user"] = _("Een overdracht gaat naar een andere regisseur.")
    elif not to_user.affiliations.filter(organisation=to_organisation, role=Role.COORDINATOR).exists():
        errors["to_user"] = _("Alleen een regisseur kan regisseur van een huishouden zijn.")
    if len((note or "").strip()) < MIN_HANDOVER_NOTE:
        errors["note"] = _(
            "Schrijf een overdrachtsnotitie van ten minste %(n)s tekens: wat moet de nieuwe regisseur weten?"
        ) % {"n": MIN_HANDOVER_NOTE}
    if resident_informed_on is None:
        errors["resident_informed_on"] = _(
            "Een warme overdracht gebeurt niet buiten de inwoner om: leg vast wanneer de inwoner is geïnformeerd."
        )
    elif resident_informed_on > _today():
        errors["resident_informed_on"] = _("Deze datum ligt in de toekomst.")
    if handed_over_on < case.opened_on:
        errors["handed_over_on"] = _("Deze datum ligt vóór de opening van de casus.")
    if not errors:
        try:
            workflow.transition(case, "coordinator_transfer")
        except ValidationError as error:
            errors["to_user"] = error.messages[0]
    if errors:
        raise ValidationError(errors)
    from_user = case.coordinator
    case.coordinator_involvement = residents.coordinator_hand_over(
        actor=actor,
        household=case.household,
        to_user=to_user,
        organisation=to_organisation,
        on=handed_over_on,
        reason=_("Regisseur na warme overdracht"),
    )
    handover = WarmHandover.objects.create(
        case=case,
        from_user=from_user,
        to_user=to_user,
        to_organisation=to_organisation,
        handed_over_on=handed_over_on,
        note=note.strip(),
        resident_informed_on=resident_informed_on,
        recorded_by=actor,
    )
    audit.action_record(
        actor=actor,
        action="coordinator.transferred",
        subject=handover,
        household_id=case.household_id,
        before={"coordinator": from_user.pk},
        after={
            "case": case.pk,
            "coordinator": to_user.pk,
            "organisation": to_organisation.code,
            "resident_informed_on": resident_informed_on,
        },
        purpose=HOUSEHOLD_FILE,
        channel=channel,
    )
    return handover


@transaction.atomic
def process_coordinator_appoint(*, actor, case: Case, user, channel: str | None = None) -> Case:
    """Procesregisseur for a household with provisions of more than one cluster (seed 003 §3.5)."""
    case = _lock_case(case)
    workflow.transition(case, "process_coordinator_appoint")
    affiliation = (
        user.affiliations.filter(role=Role.COORDINATOR).select_related("organisation").order_by("pk").first()
        if user is not None
        else None
    )
    if affiliation is None:
        raise ValidationError({"user": _("Alleen een regisseur kan procesregisseur zijn.")})
    if case.process_coordinator_id == user.pk:
        raise ValidationError({"user": _("Deze medewerker is al procesregisseur.")})
    before = {"process_coordinator": case.process_coordinator_id}
    case.process_coordinator = user
    case.save(update_fields=["process_coordinator"])
    involved = Involvement.objects.filter(valid_on(_today()), household_id=case.household_id, user=user).exists()
    if not involved:
        residents.involvement_start(
            actor=actor,
            household=case.household,
            organisation=affiliation.organisation,
            user=user,
            kind=InvolvementKind.TEAM_MEMBER,
            reason=_("Procesregisseur"),
        )
    audit.action_record(
        actor=actor,
        action="process_coordinator.appointed",
        subject=case,
        household_id=case.household_id,
        before=before,
        after={"process_coordinator": user.pk, "clusters": clusters_in_force(case=case)},
        purpose=HOUSEHOLD_FILE,
        channel=channel,
    )
    return case


@transaction.atomic
def review_record(
    *,
    actor,
    case: Case,
    note: str,
    scores: dict[str, tuple[int | None, str]],
    next_review_on: date | None = None,
    held_on: date | None = None,
    channel: str | None = None,
) -> Review:
    """The periodic review: the life domains scored again, and the plan's next review date."""
    case = _lock_case(case)
    held_on = held_on or _today()
    errors: dict[str, str] = {}
    plan = Plan.objects.filter(case=case, status=PlanStatus.ACTIVE).first()
    if plan is None or not workflow.allowed(case, "review_record"):
        errors["plan"] = workflow.refusal(case, "review_record")
    if not (note or "").strip():
        errors["note"] = _("Beschrijf wat er sinds de vorige keer is veranderd.")
    if held_on > _today():
        errors["held_on"] = _("Deze datum ligt in de toekomst.")
    rule = DeadlineRule.objects.get(code=PLAN_REVIEW)
    latest = _term_end(held_on, rule)
    next_review_on = next_review_on or latest
    if next_review_on <= held_on:
        errors["next_review_on"] = _("De volgende evaluatie ligt na deze evaluatie.")
    elif next_review_on > latest:
        errors["next_review_on"] = _("Evalueer uiterlijk op %(date)s: ten minste één keer per jaar.") % {
            "date": _d(latest)
        }
    try:
        rows = _scores_check(scores)
    except ValidationError as error:
        errors.update({k: v[0] for k, v in error.message_dict.items()})
    if errors:
        raise ValidationError(errors)
    workflow.transition(case, "review_record")
    review = Review.objects.create(
        case=case, plan=plan, held_on=held_on, note=note.strip(), next_review_on=next_review_on, held_by=actor
    )
    LifeDomainScore.objects.bulk_create(
        LifeDomainScore(
            case=case,
            household_id=case.household_id,
            review=review,
            life_domain=domain,
            scored_on=held_on,
            self_reliance=value,
            note=note_,
        )
        for domain, value, note_ in rows
    )
    _meet_deadlines(case=case, met_by="review_recorded", on=held_on)
    plan.next_review_on = next_review_on
    plan.save(update_fields=["next_review_on"])
    Deadline.objects.create(
        case=case,
        rule=rule,
        plan=plan,
        law=Domain.GENERAL,
        name=rule.name,
        basis=rule.basis,
        starts_on=held_on,
        original_due_on=next_review_on,
        due_on=next_review_on,
    )
    audit.action_record(
        actor=actor,
        action="review.recorded",
        subject=review,
        household_id=case.household_id,
        after={"case": case.pk, "plan": plan.version, "next_review_on": next_review_on, "life_domains": len(rows)},
        purpose=HOUSEHOLD_FILE,
        channel=channel,
    )
    return review


@transaction.atomic
def deadline_change(
    *,
    actor,
    deadline: Deadline,
    change: str,
    days: int,
    reason: str,
    notified_on: date | None = None,
    channel: str | None = None,
) -> DeadlineChange:
    """Extend (Awb 4:14) or suspend (Awb 4:15) a running deadline, only as its rule allows."""
    deadline = Deadline.objects.select_related("rule", "case").select_for_update(of=("self",)).get(pk=deadline.pk)
    case = _lock_case(deadline.case)
    rule = DeadlineChangeRule.objects.filter(code=change).first()
    today = _today()
    errors: dict[str, str] = {}
    if not deadline.is_open:
        errors["deadline"] = _("Deze termijn loopt niet meer.")
    if rule is None or change not in deadline.rule.changes:
        errors["change"] = _("Deze termijn kan op deze manier niet worden gewijzigd.")
    if not days or days < 1:
        errors["days"] = _("Geef een aantal dagen van ten minste 1.")
    if not (reason or "").strip():
        errors["reason"] = _("Geef de reden.")
    if rule is not None and rule.before_due and today > deadline.due_on:
        errors["change"] = _("Dat kan alleen vóór het einde van de termijn (%(date)s).") % {"date": _d(deadline.due_on)}
    if rule is not None and rule.needs_notice:
        if notified_on is None:
            errors["notified_on"] = _("Leg vast wanneer de aanvrager bericht kreeg (%(basis)s).") % {
                "basis": rule.basis
            }
        elif notified_on > deadline.due_on or notified_on > today:
            errors["notified_on"] = _("Het bericht gaat vóór het einde van de termijn en ligt niet in de toekomst.")
    if not errors:
        try:
            workflow.transition(case, "deadline_change")
        except ValidationError as error:
            errors["deadline"] = error.messages[0]
    if errors:
        raise ValidationError(errors)
    previous = deadline.due_on
    deadline.due_on = previous + relativedelta(days=days)
    deadline.save(update_fields=["due_on"])
    record = DeadlineChange.objects.create(
        deadline=deadline,
        rule=rule,
        days=days,
        notified_on=notified_on,
        reason=reason.strip(),
        previous_due_on=previous,
        new_due_on=deadline.due_on,
        recorded_by=actor,
    )
    audit.action_record(
        actor=actor,
        action="deadline.changed",
        subject=deadline,
        household_id=case.household_id,
        before={"due_on": previous},
        after={
            "rule": deadline.rule.code,
            "change": change,
            "days": days,
            "due_on": deadline.due_on,
            "domain": deadline.law,
        },
        purpose=DOMAIN_ACTIVITY.get(deadline.law, HOUSEHOLD_FILE),
        channel=channel,
    )
    return record


@transaction.atomic
def deadline_meet(
    *, actor, deadline: Deadline, met_by: str, met_on: date | None = None, channel: str | None = None
) -> Deadline:
    """Record a step that happens outside this app and meets a deadline (the Participatiewet advance)."""
    deadline = Deadline.objects.select_related("rule", "case").select_for_update(of=("self",)).get(pk=deadline.pk)
    met_on = met_on or _today()
    if met_by not in MANUAL_MET_BY or met_by not in deadline.rule.met_by:
        raise ValidationError({"met_by": _("Deze termijn wordt op een andere manier gehaald.")})
    if not deadline.is_open:
        raise ValidationError({"deadline": _("Deze termijn loopt niet meer.")})
    _not_in_future(met_on, "met_on")
    if met_on < deadline.starts_on:
        raise ValidationError({"met_on": _("Deze datum ligt vóór het begin van de termijn.")})
    deadline.met_on = met_on
    deadline.met_by = met_by
    deadline.save(update_fields=["met_on", "met_by"])
    audit.action_record(
        actor=actor,
        action="deadline.met",
        subject=deadline,
        household_id=deadline.case.household_id,
        after={"rule": deadline.rule.code, "met_by": met_by, "met_on": met_on, "domain": deadline.law},
        purpose=DOMAIN_ACTIVITY.get(deadline.law, HOUSEHOLD_FILE),
        channel=channel,
    )
    return deadline
