"""The case's state machine (workflow.py, over core.workflow) refuses a step its state does not allow, in Dutch,
and nothing changes: no status, no event."""

import pytest
from django.core.exceptions import ValidationError

from routekaart.access import services
from routekaart.access.models import Case, CaseStatus, ClosureReason
from routekaart.audit.models import Event

from . import journey

pytestmark = pytest.mark.django_db


def test_closing_a_closed_case_is_refused_and_changes_nothing(coordinator, case):
    services.case_close(actor=coordinator, case=case, reason=ClosureReason.GOALS_REACHED)
    closed = Case.objects.values("status", "closed_on", "closure_reason").get(pk=case.pk)
    events = Event.objects.count()
    with pytest.raises(ValidationError) as refused:
        services.case_close(actor=coordinator, case=case, reason=ClosureReason.MOVED)
    assert refused.value.messages == ["Deze casus is al afgesloten."]
    assert Case.objects.values("status", "closed_on", "closure_reason").get(pk=case.pk) == closed
    assert closed["status"] == CaseStatus.CLOSED
    assert Event.objects.count() == events


def test_an_intake_on_a_closed_case_is_refused_and_changes_nothing(coordinator, case):
    services.case_close(actor=coordinator, case=case, reason=ClosureReason.GOALS_REACHED)
    events = Event.objects.count()
    with pytest.raises(ValidationError) as refused:
        journey.intake(coordinator, case)
    assert refused.value.messages == ["Deze casus is afgesloten; een nieuw signaal heropent hem."]
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    assert not case.intakes.exists()
    assert Event.objects.count() == events
