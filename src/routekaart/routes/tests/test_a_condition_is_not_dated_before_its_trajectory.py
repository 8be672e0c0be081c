"""A condition of a route (UWV's assessment, the Dienst's decision, …) is not recorded on a day before the trajectory
started: tested the day before, on and after the start; the refusal says in Dutch which date to fill in (the one
rule of dates in order, core.dates) and changes nothing."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format

from routekaart.routes import services
from routekaart.routes.models import RegieHandover
from routekaart.testing import database_fingerprint

from .test_invariants_are_refused_and_change_nothing import complete, record, start

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def started(network, pupil):
    trajectory = start(network, pupil, started_on=timezone.localdate() - timedelta(days=10))
    services.regie_handover_accept(actor=network.dienst_user, handover=RegieHandover.objects.get(trajectory=trajectory))
    complete(network, trajectory, 1)
    complete(network, trajectory, 2)
    return trajectory


@pytest.mark.parametrize(("shift", "accepted"), [(-1, False), (0, True), (1, True)])
def test_a_condition_is_recorded_on_or_after_the_start(network, started, shift, accepted):
    on = started.started_on + timedelta(days=shift)

    def assessed():
        return record(network, started, "uwv_work_capacity_assessment", recorded_on=on)

    if accepted:
        assert assessed().recorded_on == on
        return
    before = database_fingerprint()
    with pytest.raises(ValidationError) as refused:
        assessed()
    day = date_format(started.started_on, "j F Y")
    assert refused.value.message_dict["recorded_on"] == [
        f"Deze datum ligt vóór de start van het traject ({day}). Vul {day} of een latere datum in."
    ]
    assert database_fingerprint() == before
