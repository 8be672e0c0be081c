"""The demo's conduct complaints and answered surveys: one complaint open, one decided, a team with eleven answers
shown on the quality page and a group of four suppressed; a second run adds nothing."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from routekaart.organisations.demo import demo_accounts_ensure, demo_network_ensure
from routekaart.residents.tests.factories import InvolvementFactory, MembershipFactory
from routekaart.testing import database_fingerprint

from ..demo_complaints import demo_complaints_ensure
from ..models import StaffComplaint, StaffComplaintStatus
from ..selectors_quality import Period, survey_results

pytestmark = [pytest.mark.django_db]


def test_the_demo_has_two_complaints_and_a_shown_and_a_suppressed_group_and_runs_once():
    demo_network_ensure()
    demo_accounts_ensure()
    regisseur = get_user_model().objects.get(username="regisseur")
    team = regisseur.affiliations.get().organisation
    for _ in range(16):
        member = MembershipFactory()
        InvolvementFactory(household=member.household, user=regisseur, organisation=team, kind="coordinator")
    created = demo_complaints_ensure()
    assert created["complaints"] == 2 and created["surveys_answered"] == 15
    assert sorted(StaffComplaint.objects.values_list("status", flat=True)) == [
        StaffComplaintStatus.ACKNOWLEDGED,
        StaffComplaintStatus.DECIDED,
    ]
    today = timezone.localdate()
    teams = next(d for d in survey_results(period=Period(date(today.year - 1, 1, 1), today)) if d.code == "team")
    shown = {g.label: g for g in teams.groups}
    assert shown[team.name].answered == 11 and not shown[team.name].suppressed
    assert sum(g.suppressed for g in teams.groups) == 1
    before = database_fingerprint()
    assert demo_complaints_ensure() == {"complaints": 0, "surveys_sent": 0, "surveys_answered": 0}
    assert database_fingerprint() == before
