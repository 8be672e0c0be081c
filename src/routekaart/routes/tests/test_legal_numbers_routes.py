"""The routes app's fixed ages are data with a source, and each rule turns on the birthday itself.

Each boundary is tested the day before, on and the day after the birthday of age N, N read from
data/legal_numbers.yaml and the birth date derived from it by date arithmetic; the whole years either side (N-1,
N+1) follow from the same rule. The test follows the data and fails when the rule is changed.
"""

from datetime import date, timedelta

import pytest
from dateutil.relativedelta import relativedelta
from django.utils import timezone

from routekaart.routes import rules_data, selectors, services

from .test_invariants_are_refused_and_change_nothing import refused, start, to_waitlist

pytestmark = [pytest.mark.django_db]
REGIE_AGE = rules_data.value("youth_regie_age")
ASSISTANCE_AGE = rules_data.value("social_assistance_while_waiting_min_age")


def birthday_of(age: float) -> date:
    """The birth date of someone who turns `age` (years and half years, as the seeds count) today."""
    years = int(age)
    return timezone.localdate() - relativedelta(years=years, months=round((age - years) * 12))


def test_every_number_has_a_value_and_a_source_and_the_file_a_version():
    numbers = rules_data.NUMBERS
    assert numbers.version and isinstance(numbers.effective_from, date)
    assert set(numbers.names()) == {"youth_regie_age", "social_assistance_while_waiting_min_age"}
    assert "seed 004" in numbers.source("youth_regie_age")
    assert "seed 004" in numbers.source("social_assistance_while_waiting_min_age")


@pytest.mark.parametrize(
    ("birth_date", "shown"),
    [
        (birthday_of(REGIE_AGE - 1), False),
        (birthday_of(REGIE_AGE) + timedelta(days=1), False),
        (birthday_of(REGIE_AGE), True),
        (birthday_of(REGIE_AGE) - timedelta(days=1), True),
        (birthday_of(REGIE_AGE + 1), True),
    ],
)
def test_the_dienst_dashboard_shows_youth_from_the_regie_age(network, pupil_factory, birth_date, shown):
    resident = pupil_factory(17)
    start(network, resident, code="work", school_kind="pro")
    resident.birth_date = birth_date
    resident.save()
    dashboard = selectors.dienst_dashboard(user=network.dienst_user)
    assert [t.resident for t in dashboard.page] == ([resident] if shown else [])


@pytest.mark.parametrize(
    ("birth_date", "allowed"),
    [
        (birthday_of(ASSISTANCE_AGE - 1), False),
        (birthday_of(ASSISTANCE_AGE) + timedelta(days=1), False),
        (birthday_of(ASSISTANCE_AGE), True),
        (birthday_of(ASSISTANCE_AGE + 1), True),
    ],
)
def test_social_assistance_while_waiting_from_its_minimum_age(network, pupil, birth_date, allowed):
    trajectory = start(network, pupil)
    services.regie_handover_accept(actor=network.dienst_user, handover=trajectory.handovers.get())
    entry = to_waitlist(network, trajectory)
    pupil.birth_date = birth_date
    pupil.save()

    def meanwhile():
        return services.waitlist_meanwhile_set(
            actor=network.dienst_user, entry=entry, social_assistance=True, day_activities=False
        )

    if allowed:
        assert meanwhile().receives_social_assistance
    else:
        refused(meanwhile, f"De Dienst verstrekt bijstand tijdens de wachttijd vanaf {ASSISTANCE_AGE} jaar")
        entry.refresh_from_db()
        assert not entry.receives_social_assistance


def test_the_rules_read_their_ages_from_the_data(network, pupil_factory, monkeypatch):
    resident = pupil_factory(17)
    start(network, resident, code="work", school_kind="pro")
    resident.birth_date = birthday_of(REGIE_AGE)
    resident.save()
    numbers = {"youth_regie_age": REGIE_AGE + 0.5, "social_assistance_while_waiting_min_age": ASSISTANCE_AGE}
    monkeypatch.setattr(rules_data, "value", numbers.__getitem__)
    assert list(selectors.dienst_dashboard(user=network.dienst_user).page) == []
