"""The quality figures on a small fixed set, each equal to a hand-computed value; survey results only for groups of
at least ten answers (9 suppressed, 10 and 11 shown), in the selector, the page, the CSV and the API alike."""

import csv
import io
from datetime import date
from decimal import Decimal
from itertools import count

import pytest
from django.urls import reverse
from freezegun import freeze_time

from routekaart.organisations.models import OrganisationKind
from routekaart.organisations.roles import Role
from routekaart.organisations.tests.factories import OrganisationFactory
from routekaart.residents.tests.factories import MembershipFactory

from ..models import Objection, StaffComplaintStatus, SurveyStatus
from ..selectors_quality import Period, quality_figures, survey_results
from ..survey_config import survey_config
from .factories_complaints import StaffComplaintFactory, SurveyFactory

pytestmark = [pytest.mark.django_db]

PERIOD = Period(date(2026, 1, 1), date(2026, 11, 30))
CODES = survey_config().codes
_numbers = count(1)


@pytest.fixture(autouse=True)
def frozen():
    with freeze_time("2026-12-01 10:00:00"):
        yield


def _objection(member, *, decided_on, due_on, outcome):
    n = next(_numbers)
    return Objection.objects.create(
        reference=f"BZ-2026-{n:06d}",
        household=member.household,
        objector=member.resident,
        decision_kind="access",
        decision_id=n,
        decision_reference=f"B-{n}",
        decision_law="W",
        decision_sent_on=date(2026, 3, 2),
        channel="letter",
        received_on=date(2026, 3, 10),
        objection_term_ends_on=date(2026, 4, 13),
        status="decided",
        decision_due_on=due_on,
        decided_on=decided_on,
        outcome=outcome,
        organisation=OrganisationFactory(kind=OrganisationKind.MUNICIPALITY),
    )


def _complaint(*, decided_on, due_on, outcome):
    return StaffComplaintFactory(
        status=StaffComplaintStatus.DECIDED, decided_on=decided_on, decision_due_on=due_on, outcome=outcome
    )


def _answered(n, *, team, score=4, law="W", block="guidance", sent=None):
    member = MembershipFactory()
    for _ in range(n):
        SurveyFactory(
            household=member.household,
            resident=member.resident,
            team=team,
            law=law,
            building_block_code=block,
            status=SurveyStatus.ANSWERED,
            answered_on=date(2026, 11, 10),
            scores={code: score for code in CODES},
        )
    for _ in range(sent or 0):
        SurveyFactory(
            household=member.household, resident=member.resident, team=team, law=law, building_block_code=block
        )


def _figures():
    return {f.code: (f.part, f.whole, f.percent) for f in quality_figures(period=PERIOD)}


def test_each_figure_equals_its_hand_computed_share():
    member = MembershipFactory()
    due = date(2026, 6, 1)
    _objection(member, decided_on=date(2026, 5, 29), due_on=due, outcome="upheld")  # in time, upheld
    _objection(member, decided_on=due, due_on=due, outcome="partly_upheld")  # on the last day: in time, upheld
    _objection(member, decided_on=date(2026, 6, 2), due_on=due, outcome="dismissed")  # a day late
    _objection(member, decided_on=date(2026, 6, 20), due_on=due, outcome="inadmissible")  # late
    _objection(member, decided_on=date(2025, 6, 20), due_on=date(2025, 6, 1), outcome="upheld")  # other period
    _complaint(decided_on=date(2026, 10, 1), due_on=date(2026, 10, 19), outcome="founded")
    _complaint(decided_on=date(2026, 10, 20), due_on=date(2026, 10, 19), outcome="unfounded")
    _complaint(decided_on=date(2026, 9, 9), due_on=date(2026, 10, 19), outcome="resolved")
    StaffComplaintFactory()  # open: not counted
    figures = _figures()
    assert figures["objections_in_time"] == (2, 4, Decimal("50.0"))
    assert figures["objections_upheld"] == (2, 4, Decimal("50.0"))
    assert figures["complaints_in_time"] == (2, 3, Decimal("66.7"))
    assert figures["complaints_founded"] == (1, 2, Decimal("50.0"))  # the informal resolution is no judgment


def test_nothing_decided_gives_no_percentage():
    assert {f.percent for f in quality_figures(period=PERIOD)} == {None}


def test_the_figures_take_two_queries(django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        quality_figures(period=PERIOD)


@pytest.mark.parametrize(("answers", "shown"), [(9, False), (10, True), (11, True)])
def test_a_team_shows_results_only_from_ten_answers(answers, shown):
    team = OrganisationFactory(kind=OrganisationKind.TEAM, team_kind="neighbourhood", name="Team Noord")
    _answered(answers, team=team, sent=5)
    (group,) = next(d for d in survey_results(period=PERIOD) if d.code == "team").groups
    assert group.label == "Team Noord" and group.suppressed is not shown
    if shown:
        assert group.answered == answers and group.sent == answers + 5
        assert group.response_rate == (Decimal(100 * answers) / Decimal(answers + 5)).quantize(Decimal("0.1"))
        assert group.means == tuple(Decimal("4.0") for _ in CODES)
    else:
        assert (group.answered, group.sent, group.response_rate, group.means) == (None, None, None, ())


def test_the_mean_per_question_is_hand_computed():
    team = OrganisationFactory(kind=OrganisationKind.TEAM, team_kind="neighbourhood")
    _answered(6, team=team, score=5)
    _answered(4, team=team, score=2)
    (group,) = next(d for d in survey_results(period=PERIOD) if d.code == "team").groups
    assert group.means == tuple(Decimal("3.8") for _ in CODES)  # (6*5 + 4*2) / 10
    assert group.response_rate == Decimal("100.0")


def test_the_results_take_a_fixed_number_of_queries(django_assert_max_num_queries):
    for n in range(3):
        _answered(10, team=OrganisationFactory(kind=OrganisationKind.TEAM, team_kind="neighbourhood"), block=f"b{n}")
    with django_assert_max_num_queries(7):  # two per dimension, one for the team names
        survey_results(period=PERIOD)


@pytest.fixture
def nine_and_eleven():
    small = OrganisationFactory(kind=OrganisationKind.TEAM, team_kind="neighbourhood", name="Team Klein")
    large = OrganisationFactory(kind=OrganisationKind.TEAM, team_kind="neighbourhood", name="Team Groot")
    _answered(9, team=small, block="small-block", law="J")
    _answered(11, team=large, block="large-block", law="W", score=3)


def test_the_page_and_csv_suppress_a_group_under_ten(staff_client, nine_and_eleven):
    client, _user = staff_client(Role.POLICY)
    page = client.get(reverse("legal:quality"), {"starts_on": "2026-01-01", "ends_on": "2026-11-30"})
    text = page.content.decode()
    assert page.status_code == 200
    assert "Team Klein" in text and "Team Groot" in text and "minder dan 10 antwoorden" in text
    response = client.get(reverse("legal:quality"), {"starts_on": "2026-01-01", "ends_on": "2026-11-30", "csv": "1"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    small = next(r for r in rows if "Team Klein" in r)
    large = next(r for r in rows if "Team Groot" in r)
    assert "minder dan 10 antwoorden" in small and not any(cell.isdigit() for cell in small[2:])
    assert "11" in large and "3,0" in large


def test_the_api_suppresses_a_group_under_ten(staff_client, nine_and_eleven):
    client, _user = staff_client(Role.LEGAL)
    response = client.get(reverse("legal-quality"), {"starts_on": "2026-01-01", "ends_on": "2026-11-30"})
    assert response.status_code == 200
    teams = {g["label"]: g for g in next(d for d in response.json()["surveys"] if d["code"] == "team")["groups"]}
    assert teams["Team Klein"] == {
        "key": teams["Team Klein"]["key"],
        "label": "Team Klein",
        "suppressed": True,
        "note": "minder dan 10 antwoorden",
        "answered": None,
        "sent": None,
        "response_rate": None,
        "means": [],
    }
    assert teams["Team Groot"]["answered"] == 11 and teams["Team Groot"]["means"][0] == "3.0"


def test_a_coordinator_does_not_see_the_quality_page(staff_client):
    client, _user = staff_client(Role.COORDINATOR)
    assert client.get(reverse("legal:quality")).status_code == 403
