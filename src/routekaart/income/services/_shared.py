"""What several aggregates of the income services share: the processing activities, today, the benefit lock."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from ..models import SocialAssistance

ACTIVITY = "social-assistance"
CHECK_ACTIVITY = "entitlement-check"


def _today() -> date:
    return timezone.localdate()


def _first_of_month(day: date) -> date:
    return day.replace(day=1)


def _coordinator_recipient(*, household_id: int, actor):
    """Whom a coordinator's reminder names: no one while the household has a coordinator (the reminder is the
    household coordinator's, whoever that is: a warm handover moves it), else the one who made it."""
    from ...residents.selectors import household_coordinator

    return None if household_coordinator(household_id=household_id) is not None else actor


def _lock_benefit(benefit: SocialAssistance) -> SocialAssistance:
    """The benefit, locked for this transaction: two changes to one benefit run one after the other."""
    return SocialAssistance.objects.select_for_update(of=("self",)).select_related("organisation").get(pk=benefit.pk)
