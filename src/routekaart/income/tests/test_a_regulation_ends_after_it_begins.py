"""A regulation in use never ends before it began: its end is refused the day before its start, allowed on and
after it; the refusal says in Dutch which date to fill in (the one rule of dates in order) and changes nothing."""

import datetime
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from routekaart.income import services
from routekaart.income.models import Regulation, UseStatus
from routekaart.testing import database_fingerprint

from .factories import RegulationUseFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("march_2026")]

GRANTED_FROM = datetime.date(2025, 2, 1)


@pytest.fixture
def granted():
    return RegulationUseFactory(
        regulation=Regulation.objects.get(code="cer_allowance"), status=UseStatus.GRANTED, valid_from=GRANTED_FROM
    )


@pytest.mark.parametrize(("shift", "accepted"), [(-1, False), (0, True), (1, True)])
def test_a_regulation_ends_on_or_after_its_start(granted, shift, accepted):
    ends = GRANTED_FROM + timedelta(days=shift)

    def end():
        return services.regulation_use_decide(actor=None, use=granted, status=UseStatus.ENDED, valid_to=ends)

    if accepted:
        assert end().valid_to == ends
        return
    before = database_fingerprint()
    with pytest.raises(ValidationError) as refused:
        end()
    assert refused.value.message_dict["valid_to"] == [
        "Deze datum ligt vóór de ingangsdatum van de regeling (1 februari 2025). "
        "Vul 1 februari 2025 of een latere datum in."
    ]
    assert database_fingerprint() == before
