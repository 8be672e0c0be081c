"""The client satisfaction survey (klanttevredenheid): sent a few days after a decision or a closed case, once per
resident and occasion; answered in the portal with a score of 1 to 5 per question and an optional comment;
expired after six weeks. The numbers and questions are data (data/survey.yaml).

The events hold no scores and no comment: only the survey's id, occasion and version. Results are read only as
aggregates over at least ten answers (legal.selectors_quality).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ...access.selectors_quality import survey_occasions
from ...audit import services as audit
from ..models import Survey, SurveyStatus
from ..survey_config import SCORES, survey_config

PURPOSE = "client-satisfaction"


@dataclass(frozen=True)
class SendRun:
    sent: int
    expired: int


def _send_one(*, occasion, on: date, actor=None) -> Survey:
    config = survey_config()
    survey = Survey.objects.create(
        household_id=occasion.household_id,
        resident_id=occasion.resident_id,
        occasion=occasion.kind,
        occasion_id=occasion.id,
        law=occasion.law,
        team_id=occasion.team_id,
        building_block_code=occasion.building_block_code,
        questionnaire_version=config.version,
        status=SurveyStatus.SENT,
        sent_on=on,
        expires_on=on + timedelta(weeks=config.expire_after_weeks),
        sent_by=actor,
    )
    audit.action_record(
        actor=actor,
        action="survey.sent",
        subject=survey,
        household_id=survey.household_id,
        after={"occasion": survey.occasion, "occasion_id": survey.occasion_id, "version": config.version},
        purpose=PURPOSE,
        residents=[survey.resident],
    )
    return survey


@transaction.atomic
def surveys_expire(*, on: date | None = None, actor=None) -> int:
    """Surveys not answered by their last day can no longer be answered: one event for the run, no one named."""
    on = on or timezone.localdate()
    count = Survey.objects.filter(status=SurveyStatus.SENT, expires_on__lt=on).update(status=SurveyStatus.EXPIRED)
    if count:
        audit.action_record(
            actor=actor, action="survey.expired", subject=("survey", on.isoformat()), after={"count": count}
        )
    return count


@transaction.atomic
def surveys_send(*, on: date | None = None, actor=None) -> SendRun:
    """Send the surveys due on `on`: one per resident and occasion (a decision, a closed case) that happened
    `send_after_days` ago, catching up `look_back_days` further back; a second run on the same day sends nothing
    new. Surveys past their last day expire in the same run."""
    on = on or timezone.localdate()
    config = survey_config()
    end = on - timedelta(days=config.send_after_days)
    occasions = [
        o for o in survey_occasions(start=end - timedelta(days=config.look_back_days), end=end) if o.resident_id
    ]
    done = set(
        Survey.objects.filter(occasion_id__in={o.id for o in occasions}).values_list(
            "resident_id", "occasion", "occasion_id"
        )
    )
    sent = 0
    for occasion in occasions:
        if (occasion.resident_id, occasion.kind, occasion.id) in done:
            continue
        _send_one(occasion=occasion, on=on, actor=actor)
        done.add((occasion.resident_id, occasion.kind, occasion.id))
        sent += 1
    return SendRun(sent=sent, expired=surveys_expire(on=on, actor=actor))


def _score_errors(scores: dict | None) -> tuple[dict[str, int], dict[str, str]]:
    codes = survey_config().codes
    scores = scores or {}
    clean: dict[str, int] = {}
    errors: dict[str, str] = {}
    unknown = set(scores) - set(codes)
    if unknown:
        errors["scores"] = _("Deze vraag hoort niet bij de vragenlijst.")
    for code in codes:
        value = scores.get(code)
        try:
            number = int(value)
        except (TypeError, ValueError):
            number = None
        if number not in SCORES or (isinstance(value, float) and value != number):
            errors[code] = _("Kies een cijfer van 1 tot en met 5.")
        else:
            clean[code] = number
    return clean, errors


@transaction.atomic
def survey_answer(*, resident, survey: Survey, scores: dict, comment: str = "", actor=None) -> Survey:
    """The resident's answers: a score of 1 to 5 for every question and an optional comment, once, before the
    survey expires. Another resident's survey is refused as not found."""
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    today = timezone.localdate()
    if survey.resident_id != getattr(resident, "pk", None):
        raise ValidationError({"survey": _("Deze vragenlijst is niet gevonden.")})
    if survey.status == SurveyStatus.ANSWERED:
        raise ValidationError({"survey": _("U heeft deze vragenlijst al ingevuld. Dank u wel!")})
    if survey.status == SurveyStatus.EXPIRED or survey.expires_on < today:
        raise ValidationError({"survey": _("Deze vragenlijst is verlopen; invullen kan niet meer.")})
    clean, errors = _score_errors(scores)
    survey.comment = (comment or "").strip()
    if not errors:
        try:
            survey.clean_fields(exclude=[f.name for f in Survey._meta.fields if f.name != "comment"])
        except ValidationError as error:
            errors.update({name: messages[0] for name, messages in error.message_dict.items()})
    if errors:
        raise ValidationError(errors)
    survey.scores = clean
    survey.status = SurveyStatus.ANSWERED
    survey.answered_on = today
    survey.save(update_fields=["scores", "comment", "status", "answered_on"])
    audit.action_record(
        actor=actor or getattr(resident, "user", None),
        action="survey.answered",
        subject=survey,
        household_id=survey.household_id,
        after={"version": survey.questionnaire_version},
        purpose=PURPOSE,
        residents=[resident],
    )
    return survey
