"""Beroep: an appeal to the court against a decision on an objection, registered with its dates and outcome, and the
end of the legal team's view of a household once its matter is closed.

Same rules as the objection steps: one transaction, one event `appeal.<step>` (purpose objection-handling), Dutch
refusals per field that change nothing, and no free text in the events.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ...audit import services as audit
from ...core.dates import After, not_before
from .. import terms
from ..models import Appeal, AppealLevel, AppealOutcome, Objection, ObjectionStatus
from ._objection_shared import PURPOSE, _involvements_end, _locked, _may_handle, _raise_if, _today

__all__ = ["appeal_judgment", "appeal_register", "appeal_update", "objection_involvements_close"]

UPDATABLE = ("case_number", "defence_due_on", "defence_sent_on", "session_on", "notes", "court")


def _record(*, actor, appeal: Appeal, action: str, after: dict) -> None:
    objection = appeal.objection
    audit.action_record(
        actor=actor,
        action=action,
        subject=appeal,
        household_id=objection.household_id,
        after={"objection": objection.reference, "level": appeal.level, **after},
        purpose=PURPOSE,
        residents=[objection.objector],
    )


def _clean(appeal: Appeal, errors: dict[str, str], exclude: tuple[str, ...] = ()) -> None:
    if errors:
        return
    try:
        appeal.full_clean(exclude=["objection", "recorded_by", *exclude])
    except ValidationError as error:
        errors.update({name: messages[0] for name, messages in error.message_dict.items()})


@transaction.atomic
def appeal_register(
    *, actor, objection: Objection, court: str, lodged_on: date, case_number: str = "", level: str = "court"
) -> Appeal:
    """An appeal lodged with the court (or a higher appeal) against the decision on the objection."""
    objection = _locked(objection)
    _may_handle(actor, objection, "lodged_on")
    if objection.status != ObjectionStatus.DECIDED:
        _raise_if({"lodged_on": _("Beroep kan alleen tegen een beslissing op bezwaar.")})
    errors: dict[str, str] = {}
    if level not in AppealLevel.values:
        errors["level"] = _("Kies beroep bij de rechtbank of hoger beroep.")
    if lodged_on is None:
        errors["lodged_on"] = _("Vul de datum in waarop het beroep is ingesteld.")
    elif lodged_on > _today():
        errors["lodged_on"] = _("Vul een datum in die niet na vandaag ligt; dit is nog niet gebeurd.")
    else:
        errors.update(not_before(lodged_on, "lodged_on", After(objection.decided_on, _("de beslissing op bezwaar"))))
    appeal = Appeal(
        objection=objection,
        level=level,
        court=(court or "").strip(),
        case_number=(case_number or "").strip(),
        lodged_on=lodged_on,
        recorded_by=actor,
    )
    if not appeal.court:
        errors["court"] = _("Vul de rechtbank in.")
    _clean(appeal, errors)
    _raise_if(errors)
    appeal.save()
    _record(
        actor=actor,
        appeal=appeal,
        action="appeal.registered",
        after={
            "lodged_on": lodged_on,
            "in_time": lodged_on <= terms.appeal_term_end(objection.decided_on),
        },
    )
    return appeal


@transaction.atomic
def appeal_update(*, actor, appeal: Appeal, **fields) -> Appeal:
    """The appeal's course: case number, the defence due and sent, the session, notes."""
    appeal = Appeal.objects.select_for_update(of=("self",)).select_related("objection").get(pk=appeal.pk)
    _may_handle(actor, appeal.objection, "notes")
    errors: dict[str, str] = {}
    unknown = set(fields) - set(UPDATABLE)
    if unknown:
        errors["__all__"] = _("Deze gegevens van een beroep kunt u hier niet wijzigen: %(names)s.") % {
            "names": ", ".join(sorted(unknown))
        }
    if appeal.judgment_on is not None:
        errors["__all__"] = _("Er is al uitspraak gedaan; het beroep is afgesloten.")
    _raise_if(errors)
    for name, value in fields.items():
        setattr(appeal, name, (value or "").strip() if isinstance(value, str) else value)
    if appeal.defence_sent_on is not None:
        if appeal.defence_sent_on > _today():
            errors["defence_sent_on"] = _("Vul een datum in die niet na vandaag ligt; dit is nog niet gebeurd.")
        else:
            errors.update(
                not_before(appeal.defence_sent_on, "defence_sent_on", After(appeal.lodged_on, _("het beroep")))
            )
    for name in ("defence_due_on", "session_on"):
        errors.update(not_before(getattr(appeal, name), name, After(appeal.lodged_on, _("het beroep"))))
    if not appeal.court:
        errors["court"] = _("Vul de rechtbank in.")
    _clean(appeal, errors)
    _raise_if(errors)
    appeal.save(update_fields=list(fields))
    changed = {name: getattr(appeal, name) for name in fields if name != "notes"}
    _record(actor=actor, appeal=appeal, action="appeal.updated", after=changed)
    return appeal


@transaction.atomic
def appeal_judgment(*, actor, appeal: Appeal, judgment_on: date, outcome: str, notes: str = "") -> Appeal:
    """The court's judgment, with its date and outcome."""
    appeal = Appeal.objects.select_for_update(of=("self",)).select_related("objection").get(pk=appeal.pk)
    _may_handle(actor, appeal.objection, "judgment_on")
    if appeal.judgment_on is not None:
        _raise_if({"judgment_on": _("De uitspraak is al vastgelegd.")})
    errors: dict[str, str] = {}
    if judgment_on is None:
        errors["judgment_on"] = _("Vul de datum van de uitspraak in.")
    elif judgment_on > _today():
        errors["judgment_on"] = _("Vul een datum in die niet na vandaag ligt; dit is nog niet gebeurd.")
    else:
        errors.update(not_before(judgment_on, "judgment_on", After(appeal.lodged_on, _("het beroep"))))
    if outcome not in AppealOutcome.values:
        errors["outcome"] = _("Kies de uitkomst van de uitspraak.")
    appeal.judgment_on, appeal.outcome = judgment_on, outcome
    if notes:
        appeal.notes = f"{appeal.notes}\n{notes.strip()}".strip()
    _clean(appeal, errors)
    _raise_if(errors)
    appeal.save(update_fields=["judgment_on", "outcome", "notes"])
    _record(actor=actor, appeal=appeal, action="appeal.judged", after={"judgment_on": judgment_on, "outcome": outcome})
    return appeal


def objection_involvements_close(*, actor=None, on: date | None = None) -> int:
    """End the legal involvements of decided objections whose appeal term passed without an appeal: the legal team
    no longer sees the household. Meant for a daily job (the jobs registry); idempotent, one transaction per
    objection. Objections with an appeal keep the involvement until the judgment's matter is closed by hand."""
    on = on or _today()
    ended = 0
    decided = Objection.objects.filter(status=ObjectionStatus.DECIDED, appeals__isnull=True).select_related(
        "household", "organisation", "objector"
    )
    for objection in decided.iterator():
        if terms.appeal_term_end(objection.decided_on) >= on:
            continue
        with transaction.atomic():
            ended += _involvements_end(actor=actor, objection=objection)
    return ended
