"""Berichten van de inwoner: a resident asks the coordinator a question or objects, from Mijn Routekaart; the
coordinator answers. Each step is one transaction with one event; the event names the kind and what the message is
about, never its text (the event stream cannot be anonymised later)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ...audit import services as audit
from ...core import limits
from ...residents.access import HOUSEHOLD_FILE
from ..models import Agreement, Decision, ResidentMessage, ResidentMessageKind


def _text_check(text: str, field: str, empty: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError({field: empty})
    if len(text) > limits.NOTE:
        raise ValidationError(
            {field: _("Uw bericht is te lang: ten hoogste %(limit)s tekens.") % {"limit": f"{limits.NOTE:,}"}}
        )
    return text


@transaction.atomic
def resident_message_send(
    *,
    actor,
    household_id: int,
    resident,
    kind: str,
    text: str,
    agreement: Agreement | None = None,
    decision: Decision | None = None,
    channel: str | None = None,
) -> ResidentMessage:
    """The resident (or their representative, `actor`) sends a question or an objection to the coordinator.

    The agreement or decision it is about must belong to the household; the caller checks that `resident` is the
    person the portal shows (the portal scope)."""
    if kind not in ResidentMessageKind.values:
        raise ValidationError({"kind": _("Kies of het een vraag of een bezwaar is.")})
    text = _text_check(text, "text", _("Schrijf uw vraag of bezwaar."))
    if (
        agreement is not None
        and not Agreement.objects.filter(pk=agreement.pk, plan__household_id=household_id).exists()
    ):
        raise ValidationError({"agreement": _("Deze afspraak hoort niet bij uw huishouden.")})
    if decision is not None and not Decision.objects.filter(pk=decision.pk, household_id=household_id).exists():
        raise ValidationError({"decision": _("Deze beschikking hoort niet bij uw huishouden.")})
    message = ResidentMessage(
        household_id=household_id,
        resident=resident,
        sender=actor,
        kind=kind,
        agreement=agreement,
        decision=decision,
        text=text,
        sent_at=timezone.now(),
    )
    message.save()
    about = "agreement" if agreement is not None else "decision" if decision is not None else ""
    audit.action_record(
        actor=actor,
        action="resident_message.sent",
        subject=message,
        household_id=household_id,
        after={
            "kind": kind,
            "about": about,
            "agreement": agreement.pk if agreement is not None else None,
            "decision": decision.reference if decision is not None else None,
        },
        purpose=HOUSEHOLD_FILE,
        residents=[resident],
        channel=channel,
    )
    return message


@transaction.atomic
def resident_message_answer(
    *, actor, message: ResidentMessage, answer: str, channel: str | None = None
) -> ResidentMessage:
    """The coordinator answers an open message; the resident reads the answer in Mijn Routekaart."""
    message = ResidentMessage.objects.select_for_update(of=("self",)).get(pk=message.pk)
    if message.answered_at is not None:
        raise ValidationError({"answer": _("Dit bericht is al beantwoord.")})
    message.answer = _text_check(answer, "answer", _("Schrijf het antwoord aan de inwoner."))
    message.answered_at = timezone.now()
    message.answered_by = actor
    message.save(update_fields=["answer", "answered_at", "answered_by"])
    audit.action_record(
        actor=actor,
        action="resident_message.answered",
        subject=message,
        household_id=message.household_id,
        after={"kind": message.kind},
        purpose=HOUSEHOLD_FILE,
        residents=[message.resident_id],
        channel=channel,
    )
    return message
