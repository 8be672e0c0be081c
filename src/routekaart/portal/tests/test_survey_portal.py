"""The satisfaction survey in the portal: the home links an open survey; the resident scores every question and
gets the thanks; another's survey is not found (404) and changes nothing; an incomplete answer is refused in Dutch
and changes nothing; an answered or expired survey shows that instead of the questions."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ...legal.models import Survey, SurveyStatus
from ...legal.survey_config import survey_config
from ...legal.tests.factories_complaints import SurveyFactory
from ...testing import database_fingerprint
from .helpers import family_household, page_queries, portal_login

pytestmark = pytest.mark.django_db

CODES = survey_config().codes


@pytest.fixture
def home():
    household = family_household("Hendriks")
    today = timezone.localdate()
    household.survey = SurveyFactory(
        household=household,
        resident=household.mother,
        sent_on=today - timedelta(days=3),
        expires_on=today + timedelta(weeks=6),
    )
    return household


def test_the_home_links_the_open_survey(client, home):
    portal_login(client, home.mother)
    page = client.get(reverse("portal:home")).content.decode()
    assert reverse("portal:survey", args=[home.survey.pk]) in page and "Hoe vond u het?" in page


def test_the_home_has_no_survey_link_once_answered(client, home):
    home.survey.status = SurveyStatus.ANSWERED
    home.survey.answered_on = timezone.localdate()
    home.survey.save()
    portal_login(client, home.mother)
    assert reverse("portal:survey", args=[home.survey.pk]) not in client.get(reverse("portal:home")).content.decode()


def test_answering_every_question_thanks_the_resident(client, home):
    portal_login(client, home.mother)
    url = reverse("portal:survey", args=[home.survey.pk])
    page = client.get(url).content.decode()
    assert all(q.text in page for q in survey_config().questions) and "rk-form" in page
    response = client.post(url, {**{code: "5" for code in CODES}, "comment": "Fijn geholpen."})
    assert response.status_code == 302 and response["Location"] == reverse("portal:survey_thanks")
    survey = Survey.objects.get()
    assert survey.status == SurveyStatus.ANSWERED and survey.scores == {code: 5 for code in CODES}
    assert "Dank u wel" in client.get(response["Location"]).content.decode()
    assert "al ingevuld" in client.get(url).content.decode()


def test_an_incomplete_answer_is_refused_and_nothing_changes(client, home):
    portal_login(client, home.mother)
    url = reverse("portal:survey", args=[home.survey.pk])
    client.get(url)
    before = database_fingerprint()
    response = client.post(url, {CODES[0]: "4"})
    assert response.status_code == 400 and "Kies een cijfer van 1 tot en met 5." in response.content.decode()
    assert database_fingerprint() == before


def test_another_residents_survey_is_not_found(client, home):
    other = family_household("Jansen")
    portal_login(client, other.mother)
    url = reverse("portal:survey", args=[home.survey.pk])
    before = database_fingerprint()
    assert client.get(url).status_code == 404
    assert client.post(url, {code: "5" for code in CODES}).status_code == 404
    assert database_fingerprint() == before


def test_an_expired_survey_says_so(client, home):
    home.survey.status = SurveyStatus.EXPIRED
    home.survey.save()
    portal_login(client, home.mother)
    assert "verlopen" in client.get(reverse("portal:survey", args=[home.survey.pk])).content.decode()


def test_the_survey_page_runs_a_fixed_number_of_queries(client, home):
    portal_login(client, home.mother)
    assert page_queries(client, reverse("portal:survey", args=[home.survey.pk])) <= 12
