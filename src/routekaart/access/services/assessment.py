"""Vraaggestuurd onderzoek and the specialist advice asked for it."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ...audit import services as audit
from ...residents.access import HOUSEHOLD_FILE
from .. import workflow
from ..models import Assessment, Case, SpecialistAdvice
from ..urgency import urgency_refresh
from ._shared import _lock_case, _not_before_case, _not_in_future, _today
from .deadlines import _meet_deadlines


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
    urgency_refresh(case)
    return assessment


@transaction.atomic
def specialist_advice_request(
    *,
    actor,
    case: Case,
    adviser_kind: str,
    adviser: str,
    question: str,
    independent: bool = False,
    independence_required: bool = False,
    requested_on: date | None = None,
    channel: str | None = None,
) -> SpecialistAdvice:
    """Ask a doctor, psychologist or labour expert; where the law requires it, only an independent one.

    One action of the caseworker: the question joins the case's open assessment, or starts one, in one transaction
    with one event, so a refused question leaves no assessment behind.
    """
    case = _lock_case(case)
    workflow.transition(case, "assessment_record")
    requested_on = requested_on or _today()
    assessment = Assessment.objects.filter(case=case, completed_on__isnull=True).order_by("-pk").first()
    started = assessment is None
    if started:
        assessment = Assessment(case=case, started_on=requested_on, assessed_by=actor)
        _not_before_case(case, assessment.started_on, "requested_on")
    advice = SpecialistAdvice(
        assessment=assessment,
        adviser_kind=adviser_kind,
        adviser=(adviser or "").strip(),
        question=(question or "").strip(),
        independent=independent,
        independence_required=independence_required,
        requested_on=requested_on,
        requested_by=actor,
    )
    if independence_required and not independent:
        raise ValidationError(
            {"independent": _("Waar de wet onafhankelijk advies eist, moet de adviseur onafhankelijk zijn.")}
        )
    _not_in_future(advice.requested_on, "requested_on")
    advice.full_clean(exclude=["assessment", "requested_by"])
    if started:
        assessment.save()
        advice.assessment = assessment
    advice.save()
    audit.action_record(
        actor=actor,
        action="specialist_advice.requested",
        subject=advice,
        household_id=case.household_id,
        after={
            "case": case.pk,
            "assessment": assessment.pk,
            "assessment_started": started,
            "adviser_kind": adviser_kind,
            "independent": independent,
            "independence_required": independence_required,
        },
        purpose=HOUSEHOLD_FILE,
        channel=channel,
    )
    urgency_refresh(case)
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
    urgency_refresh(advice.assessment.case_id)
    return advice
