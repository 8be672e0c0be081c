"""The broad intake (self-reliance on every life domain) and the poortwachter (continue or refer back)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ...audit import services as audit
from ...catalog.models import BuildingBlock
from ...core.dates import not_before
from ...organisations.roles import Domain
from ...residents.access import HOUSEHOLD_FILE
from ...residents.models import Resident
from .. import selectors, workflow
from ..models import Case, ClosureReason, Deadline, Gatekeeping, GatekeepingOutcome, Intake, SignalKind
from ..urgency import urgency_refresh
from ._shared import _case_opened, _d, _lock_case, _scores_check, _scores_record, _today
from .cases import _close
from .deadlines import YOUTH_SEARCH_PERIOD, _meet_deadlines


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
    if resident is not None and resident.pk not in selectors.household_member_ids(
        household_id=case.household_id, on=held_on
    ):
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
    _scores_record(case=case, rows=rows, on=held_on, intake=intake)
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
    urgency_refresh(case)
    return intake


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
    allowed = {b.pk for b in selectors.general_provisions_queryset()}
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
    errors = not_before(decided_on, "decided_on", _case_opened(case)) | errors
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
    urgency_refresh(case)
    return gatekeeping
