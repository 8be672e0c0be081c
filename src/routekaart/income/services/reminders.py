"""Reminders to the coordinator or the client (from conversations, applications, the switch to work): done."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ...audit import services as audit
from ...organisations.roles import Domain
from ..models import Reminder


@transaction.atomic
def reminder_done(*, actor, reminder: Reminder) -> Reminder:
    """Mark a reminder done, once: a second click says it was already handled and changes nothing."""
    reminder = Reminder.objects.select_for_update(of=("self",)).get(pk=reminder.pk)
    if reminder.done_at is not None:
        raise ValidationError(_("Deze herinnering is al afgehandeld."))
    reminder.done_at = timezone.now()
    reminder.recipient_id = reminder.recipient_id or getattr(actor, "pk", None)  # done: who handled it stays
    reminder.save(update_fields=["done_at", "recipient"])
    audit.action_record(
        actor=actor,
        action="reminder.done",
        subject=reminder,
        household_id=reminder.household_id,
        after={"kind": reminder.kind},
        domain=Domain.PARTICIPATION,
    )
    return reminder
