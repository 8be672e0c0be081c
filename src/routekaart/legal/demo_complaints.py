"""Demo data for `setup_demo`: conduct complaints handled by the account `jurist` (klantbeheer, Dienst Weidebeek)
and answered satisfaction surveys, so the quality page shows a real figure and a suppressed one.

- two complaints about the regisseur: one open (acknowledged, its term running), one decided (partly founded);
- the surveys the decisions and closed cases of the demo give today (the real job), and eleven answered surveys
  for the regisseur's team (shown) and four for the Dienst (under ten: shown as "minder dan 10 antwoorden"). These
  demo answers stand for occasions outside the demo's file: their occasion ids start at DEMO_OCCASION_BASE.

Idempotent: a second run finds the Dienst's complaints and the demo answers and adds nothing.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from ..organisations.roles import Role
from ..residents.access import households_visible
from ..residents.selectors import members_of
from .models import StaffComplaint, StaffComplaintOutcome, Survey, SurveyOccasion, SurveyStatus
from .services import complaints as services
from .services.surveys import survey_answer, surveys_send
from .survey_config import survey_config

JURIST = "jurist"
COLLEAGUE = "regisseur"
DEMO_OCCASION_BASE = 9_000_000_000
SHOWN, SUPPRESSED = 11, 4
# The demo's answers per question, one list per respondent: a plausible spread around "goed".
PATTERN = (5, 4, 4, 3, 5, 4, 2, 4, 5, 3, 4)


def _say(stdout, text: str) -> None:
    if stdout is not None:
        stdout.write(text)


def _complaints(jurist, colleague, today) -> int:
    organisation_id = next((a.organisation_id for a in jurist.affiliations_held() if a.role == Role.LEGAL), None)
    if StaffComplaint.objects.filter(organisation_id=organisation_id).exists():
        return 0
    open_one = services.conduct_complaint_register(
        actor=jurist,
        complainant_name="M. de Boer",
        complainant_contact="06 11223344",
        received_on=today - timedelta(days=10),
        conduct_on=today - timedelta(days=14),
        subject="Tijdens het huisbezoek werd ik steeds onderbroken en niet serieus genomen.",
        about_user=colleague,
    )
    services.conduct_complaint_acknowledge(actor=jurist, complaint=open_one, acknowledged_on=today - timedelta(days=9))
    decided = services.conduct_complaint_register(
        actor=jurist,
        complainant_name="A. Yilmaz",
        complainant_contact="a.yilmaz@example.nl",
        received_on=today - timedelta(days=45),
        conduct_on=today - timedelta(days=50),
        subject="Ik werd drie keer niet teruggebeld terwijl dat wel was afgesproken.",
        about_user=colleague,
    )
    services.conduct_complaint_acknowledge(actor=jurist, complaint=decided, acknowledged_on=today - timedelta(days=44))
    services.conduct_complaint_hear(actor=jurist, complaint=decided, heard_on=today - timedelta(days=30))
    services.conduct_complaint_decide(
        actor=jurist,
        complaint=decided,
        decided_on=today - timedelta(days=25),
        outcome=StaffComplaintOutcome.PARTLY_FOUNDED,
        conclusions="Het terugbellen is twee keer vergeten; de toon was wel correct. Excuses aangeboden.",
    )
    return 2


def _answers(colleague, jurist, today) -> int:
    if Survey.objects.filter(occasion_id__gte=DEMO_OCCASION_BASE).exists():
        return 0
    team_id = next((a.organisation_id for a in colleague.affiliations_held() if a.role == Role.COORDINATOR), None)
    dienst_id = next((a.organisation_id for a in jurist.affiliations_held() if a.role == Role.LEGAL), None)
    household_ids = list(households_visible(user=colleague).order_by("pk").values_list("pk", flat=True)[:40])
    members = members_of(household_ids=household_ids, on=today)
    people = [(household, residents[0]) for household, residents in members.items() if residents]
    if len(people) < SHOWN + SUPPRESSED:
        return 0
    config = survey_config()
    sent_on = today - timedelta(days=3)
    surveys, scores = [], []
    for n, (household_id, resident) in enumerate(people[: SHOWN + SUPPRESSED]):
        score = PATTERN[n % len(PATTERN)]
        surveys.append(
            Survey(
                household_id=household_id,
                resident=resident,
                occasion=SurveyOccasion.DECISION,
                occasion_id=DEMO_OCCASION_BASE + n,
                law="W",
                team_id=team_id if n < SHOWN else dienst_id,
                building_block_code="guidance" if n < SHOWN else "household_help",
                questionnaire_version=config.version,
                status=SurveyStatus.SENT,
                sent_on=sent_on,
                expires_on=sent_on + timedelta(weeks=config.expire_after_weeks),
            )
        )
        scores.append({code: max(1, min(5, score - (i % 2))) for i, code in enumerate(config.codes)})
    for survey, answer in zip(Survey.objects.bulk_create(surveys), scores, strict=True):
        survey_answer(resident=survey.resident, survey=survey, scores=answer)  # as the resident does in the portal
    return len(surveys)


def demo_complaints_ensure(*, stdout=None) -> dict[str, int]:
    """Two conduct complaints (open, decided), today's surveys and the demo's answered surveys."""
    users = {u.username: u for u in get_user_model().objects.filter(username__in=[JURIST, COLLEAGUE])}
    jurist, colleague = users.get(JURIST), users.get(COLLEAGUE)
    if jurist is None or colleague is None:
        _say(stdout, "Klachten: geen account 'jurist' of 'regisseur'; overgeslagen.")
        return {}
    today = timezone.localdate()
    created = {"complaints": _complaints(jurist, colleague, today)}
    created["surveys_sent"] = surveys_send(on=today).sent
    created["surveys_answered"] = _answers(colleague, jurist, today)
    return created
