"""Signals and cases: a signal joins the open case, reopens a recent one or opens one; closing a case."""

from __future__ import annotations

from datetime import date

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Min
from django.utils.translation import gettext as _

from ...audit import services as audit
from ...core import limits
from ...core.dates import After, not_before
from ...organisations.models import Organisation
from ...organisations.roles import Domain, Role
from ...residents import services as residents
from ...residents.access import DOMAIN_ACTIVITY, HOUSEHOLD_FILE
from ...residents.models import Household, InvolvementKind, Resident
from .. import selectors, workflow
from ..models import OPEN_STATUSES, Case, CaseStatus, ClosureReason, Plan, PlanStatus, Signal, SignalKind
from ..urgency import urgency_refresh
from ._shared import _lock_case, _not_before_case, _not_in_future, _today
from .deadlines import _deadlines_open, _lapse_deadlines


def _coordinator_for(
    *, household: Household, actor, coordinator, coordinator_organisation: Organisation | None, on: date
) -> tuple[object, Organisation, bool]:
    """Who will coordinate: the household's present coordinator, else the one named, else the actor.

    Returns (user, organisation, whether a coordinator involvement must be started).
    """
    present = residents.coordinator_named_check(household_id=household.pk, user=coordinator, on=on)
    if present is not None:
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
    if resident is not None and resident.pk not in selectors.household_member_ids(
        household_id=household.pk, on=received_on
    ):
        errors["resident"] = _("Deze inwoner hoorde op de ontvangstdatum niet bij het huishouden.")
    if received_on > _today():
        errors["received_on"] = _("Deze datum ligt in de toekomst.")
    if resident is not None:
        born = After(resident.birth_date, _("de geboorte van de inwoner"), private=True)
    else:
        eldest = Resident.objects.filter(memberships__household=household).aggregate(born=Min("birth_date"))["born"]
        born = After(eldest, _("de geboorte van het oudste lid van het huishouden"), private=True)
    errors = not_before(received_on, "received_on", born) | errors
    if errors:
        raise ValidationError(errors)


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
    limits.check_fields(Signal, received_on=received_on, summary=summary)  # before the case takes the date
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
        policy = selectors.policy_get()
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
        residents.coordinator_named_check(household_id=household.pk, user=coordinator)
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
    urgency_refresh(case)
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
    urgency_refresh(case)
    return case


def _close(*, actor, case: Case, reason: str, on: date) -> None:
    before = {"status": case.status}
    workflow.transition(case, "close")
    case.closed_on = on
    case.closure_reason = reason
    case.save(update_fields=["status", "closed_on", "closure_reason"])
    # One update for the draft and the active version, each state checked by the plan machine (both end closed).
    closing = [PlanStatus.ACTIVE, PlanStatus.DRAFT]
    (closed,) = {workflow.PLAN_MACHINE.check(state, "close") for state in closing}
    Plan.objects.filter(case=case, status__in=closing).update(status=closed, ended_on=on)
    _lapse_deadlines(case=case, on=on)
    audit.action_record(
        actor=actor,
        action="case.closed",
        subject=case,
        household_id=case.household_id,
        before=before,
        after={"status": case.status, "reason": reason, "closed_on": on},
    )
