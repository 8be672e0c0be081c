"""The satisfaction survey: sent once per resident and occasion, N days after it (data/survey.yaml), expired after
six weeks; answered once with a score of 1 to 5 for every question. A refused answer says why in Dutch and changes
nothing; the events hold no scores and no comment."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from freezegun import freeze_time
from hypothesis import given, settings
from hypothesis import strategies as st

from routekaart.access.models import Case, CaseStatus
from routekaart.access.selectors_quality import SurveyOccasion, survey_occasions
from routekaart.audit.models import Event, ProcessingLogEntry
from routekaart.residents.tests.factories import HouseholdFactory, MembershipFactory
from routekaart.testing import database_fingerprint

from ..models import Survey, SurveyStatus
from ..services import surveys as service
from ..survey_config import survey_config
from .factories_complaints import SurveyFactory

pytestmark = [pytest.mark.django_db]

TODAY = date(2026, 12, 1)
ALL_FOUR = {code: 4 for code in survey_config().codes}


@pytest.fixture(autouse=True)
def frozen():
    with freeze_time("2026-12-01 10:00:00"):
        yield


@pytest.fixture
def member():
    return MembershipFactory()


def _occasion(member, *, id=1, on=date(2026, 11, 24), kind="decision"):
    return SurveyOccasion(
        kind=kind,
        id=id,
        on=on,
        household_id=member.household_id,
        resident_id=member.resident_id,
        law="W",
        team_id=None,
        building_block_code="guidance",
    )


def _refused(call, field: str) -> str:
    before = database_fingerprint()
    with pytest.raises(ValidationError) as error:
        call()
    assert database_fingerprint() == before
    return error.value.message_dict[field][0]


def test_the_survey_has_four_or_five_questions_and_is_sent_a_week_after(member, monkeypatch):
    config = survey_config()
    assert 4 <= len(config.questions) <= 5 and config.send_after_days == 7 and config.expire_after_weeks == 6
    asked = {}

    def occasions(*, start, end):
        asked.update(start=start, end=end)
        return [_occasion(member)]

    monkeypatch.setattr(service, "survey_occasions", occasions)
    run = service.surveys_send(on=TODAY)
    assert run.sent == 1 and asked == {"start": date(2026, 11, 10), "end": date(2026, 11, 24)}
    survey = Survey.objects.get()
    assert (survey.status, survey.sent_on, survey.expires_on) == (SurveyStatus.SENT, TODAY, date(2027, 1, 12))
    assert (survey.law, survey.building_block_code, survey.questionnaire_version) == ("W", "guidance", 1)
    assert Event.objects.filter(action="survey.sent").count() == 1
    assert ProcessingLogEntry.objects.filter(activity_id="client-satisfaction").exists()


def test_a_second_run_sends_nothing_twice(member, monkeypatch):
    monkeypatch.setattr(service, "survey_occasions", lambda **_: [_occasion(member), _occasion(member, id=2)])
    assert service.surveys_send(on=TODAY).sent == 2
    assert service.surveys_send(on=TODAY).sent == 0
    assert service.surveys_send(on=TODAY + timedelta(days=1)).sent == 0
    assert Survey.objects.count() == 2


def test_a_closed_case_is_an_occasion_for_its_first_member(member):
    case = Case.objects.create(
        household=member.household, status=CaseStatus.CLOSED, opened_on=date(2026, 1, 5), closed_on=date(2026, 11, 20)
    )
    Case.objects.create(
        household=HouseholdFactory(), status=CaseStatus.CLOSED, opened_on=date(2026, 1, 5), closed_on=date(2026, 11, 9)
    )
    (occasion,) = survey_occasions(start=date(2026, 11, 10), end=date(2026, 11, 24))
    assert (occasion.kind, occasion.id, occasion.resident_id) == ("case_closed", case.pk, member.resident_id)


@pytest.mark.parametrize(("days", "expired"), [(41, False), (42, False), (43, True)])
def test_a_survey_expires_after_its_six_weeks(member, days, expired):
    sent_on = TODAY - timedelta(days=days)
    SurveyFactory(
        resident=member.resident, household=member.household, sent_on=sent_on, expires_on=sent_on + timedelta(weeks=6)
    )
    assert service.surveys_expire(on=TODAY) == (1 if expired else 0)
    assert Survey.objects.get().status == (SurveyStatus.EXPIRED if expired else SurveyStatus.SENT)


def test_an_answer_scores_every_question_once(member):
    survey = SurveyFactory(resident=member.resident, household=member.household)
    survey = service.survey_answer(resident=member.resident, survey=survey, scores=ALL_FOUR, comment="Prima geholpen.")
    assert (survey.status, survey.answered_on, survey.scores) == (SurveyStatus.ANSWERED, TODAY, ALL_FOUR)
    event = Event.objects.get(action="survey.answered")
    assert "Prima" not in str(event.after) and "scores" not in event.after
    message = _refused(
        lambda: service.survey_answer(resident=member.resident, survey=survey, scores=ALL_FOUR), "survey"
    )
    assert message == "U heeft deze vragenlijst al ingevuld. Dank u wel!"


@pytest.mark.parametrize("score", [0, 6, "x", None])
def test_a_score_outside_one_to_five_is_refused(member, score):
    survey = SurveyFactory(resident=member.resident, household=member.household)
    scores = {**ALL_FOUR, "clear": score}
    message = _refused(lambda: service.survey_answer(resident=member.resident, survey=survey, scores=scores), "clear")
    assert message == "Kies een cijfer van 1 tot en met 5."


def test_another_residents_survey_and_an_expired_one_are_refused(member):
    other = MembershipFactory()
    survey = SurveyFactory(resident=member.resident, household=member.household)
    assert (
        _refused(lambda: service.survey_answer(resident=other.resident, survey=survey, scores=ALL_FOUR), "survey")
        == "Deze vragenlijst is niet gevonden."
    )
    late = SurveyFactory(resident=member.resident, household=member.household, expires_on=TODAY - timedelta(days=1))
    assert "verlopen" in _refused(
        lambda: service.survey_answer(resident=member.resident, survey=late, scores=ALL_FOUR), "survey"
    )


@settings(max_examples=30, deadline=None)
@given(st.dictionaries(st.sampled_from(survey_config().codes), st.integers(min_value=-3, max_value=9)))
def test_only_a_full_set_of_scores_from_one_to_five_is_taken(scores):
    clean, errors = service._score_errors(scores)
    valid = set(scores) == set(survey_config().codes) and all(1 <= v <= 5 for v in scores.values())
    assert (not errors) == valid
    if valid:
        assert clean == scores
