"""The demo has a team leader: `teamleider`, a coordinator of Wijkteam Noord whose affiliation leads the team (and
so sees the work of `regisseur`, who does not lead it). Setting up the accounts twice changes nothing."""

import pytest

from routekaart.organisations.demo import demo_accounts_ensure, demo_network_ensure
from routekaart.organisations.models import Organisation, User
from routekaart.organisations.selectors import teams_led
from routekaart.testing import database_fingerprint

pytestmark = pytest.mark.django_db


def test_the_demo_team_leader_leads_wijkteam_noord_and_a_second_run_changes_nothing():
    demo_network_ensure()
    demo_accounts_ensure()
    noord = Organisation.objects.get(code="wijkteam-noord")
    assert teams_led(user=User.objects.get(username="teamleider")) == [noord.pk]
    assert teams_led(user=User.objects.get(username="regisseur")) == []
    before = database_fingerprint()
    demo_accounts_ensure()
    assert database_fingerprint() == before
