"""The demo's werkgeversdienstverlening: fictional employers, openings and profiles; a second run adds nothing."""

import pytest

from routekaart.organisations.demo import demo_accounts_ensure, demo_network_ensure
from routekaart.work.demo import work_demo_ensure
from routekaart.work.models import (
    Arrangement,
    CandidateProfile,
    ContactMoment,
    Employer,
    PostcodeArea,
    SocialReturnContract,
    Vacancy,
)

pytestmark = [pytest.mark.django_db]


def counts():
    return [
        m.objects.count()
        for m in (Employer, Vacancy, Arrangement, ContactMoment, SocialReturnContract, CandidateProfile, PostcodeArea)
    ]


def test_the_demo_runs_twice_to_the_same_state():
    demo_network_ensure()
    demo_accounts_ensure()
    work_demo_ensure()
    first = counts()
    work_demo_ensure()
    assert counts() == first
    assert first[:5] == [6, 3, 1, 2, 1]
    assert Vacancy.objects.filter(via_agency__kind="temp_agency").count() == 1
    assert Arrangement.objects.get().tasks.count() == 3
