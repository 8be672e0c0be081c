"""Bezwaar in the demo (`setup_demo`, last): the `jurist` handles up to four objections against the demo's decisions
(the regisseur's and the portal resident's; one objection per decision), each in another state, all through the
services:

- one received a few days ago, its receipt confirmed;
- one after an unresolved phone call, with a hearing planned next week;
- one heard and decided upheld, which changed the provision (one day part more a week);
- one received after the objection term, waiting for the judgement of its lateness.

Idempotent: a second run finds the jurist's objections and adds nothing. Without the jurist or decisions it skips.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ..access import selectors_legal as access_legal
from . import terms
from .models import Objection
from .services import objections as services

JURIST = "jurist"


def _in_time(decision, today: date, days_ago: int) -> date | None:
    """A receipt about `days_ago` days back, but within the decision's objection term and not before it was sent."""
    ends = terms.objection_term_end(decision.sent_on, decision.objection_weeks)
    received = max(decision.sent_on, min(today - timedelta(days=days_ago), ends))
    return received if received <= today else None


def _register(jurist, decision, received_on: date, grounds: str, **extra) -> Objection:
    return services.objection_register(
        actor=jurist,
        decision_kind=decision.kind,
        decision_id=decision.id,
        objector_id=decision.addressee_id,
        channel=extra.pop("channel", "letter"),
        received_on=received_on,
        grounds=grounds,
        handler=jurist,
        **extra,
    )


def _acknowledged(jurist, decision, today: date) -> bool:
    received = _in_time(decision, today, 3)
    if received is None:
        return False
    objection = _register(jurist, decision, received, "Ik krijg minder uren begeleiding dan ik nodig heb.")
    services.objection_acknowledge(actor=jurist, objection=objection, on=min(received + timedelta(days=1), today))
    return True


def _hearing_planned(jurist, decision, today: date) -> bool:
    received = _in_time(decision, today, 20)
    if received is None:
        return False
    objection = _register(jurist, decision, received, "De einddatum is te vroeg; mijn situatie verandert niet.")
    services.objection_acknowledge(actor=jurist, objection=objection, on=received)
    services.objection_informal_contact(
        actor=jurist,
        objection=objection,
        on=today,
        note="Gebeld en het besluit uitgelegd; de indiener wil gehoord worden.",
        resolved=False,
    )
    at = timezone.make_aware(datetime.combine(today + timedelta(days=7), time(10, 0)))
    services.hearing_plan(actor=jurist, objection=objection, invited_on=today, scheduled_at=at, location="Stadskantoor")
    return True


def _decided_upheld(jurist, decision, today: date) -> bool:
    provision = next(
        (p for p in decision.provisions if p.outcome == "granted" and p.ends_on and p.ends_on >= today), None
    )
    received = _in_time(decision, today, 30)
    if provision is None or received is None:
        return False
    objection = _register(jurist, decision, received, "Twee dagdelen is te weinig om de dag door te komen.")
    services.objection_acknowledge(actor=jurist, objection=objection, on=received)
    invited = max(received, today - timedelta(days=10))
    hearing = services.hearing_plan(
        actor=jurist,
        objection=objection,
        invited_on=invited,
        scheduled_at=timezone.make_aware(datetime.combine(invited, time(14, 0))),
        location="Stadskantoor",
    )
    services.hearing_record(
        actor=jurist,
        hearing=hearing,
        held_on=invited,
        attendees="Indiener, jurist, regisseur",
        report="De indiener legde uit dat twee dagdelen niet genoeg zijn; de regisseur bevestigt dat.",
    )
    services.objection_decide(
        actor=jurist,
        objection=objection,
        on=today,
        outcome="upheld",
        effect="change",
        reasoning="Uit de hoorzitting blijkt dat meer begeleiding nodig is: één dagdeel per week erbij.",
        changes=[
            {
                "provision_id": provision.id,
                "action": "change",
                "volume": (provision.volume or Decimal("0")) + 1,
                "ends_on": provision.ends_on,
            }
        ],
    )
    return True


def _late(jurist, decision, today: date) -> bool:
    if terms.objection_term_end(decision.sent_on, decision.objection_weeks) >= today:
        return False
    _register(
        jurist,
        decision,
        today,
        "Ik ben het niet eens met de afwijzing.",
        late_reason="De brief kwam binnen tijdens een opname in het ziekenhuis.",
    )
    return True


@transaction.atomic
def demo_objections_ensure(*, stdout=None) -> dict[str, int]:
    """For `setup_demo`: the jurist's objections in four states (see the module's docstring)."""
    jurist = get_user_model().objects.filter(username=JURIST).first()
    if jurist is None:
        return {"objections": 0}
    if Objection.objects.filter(handler=jurist).exists():
        if stdout is not None:
            stdout.write("Bezwaar: de jurist heeft al bezwaren.")
        return {"objections": 0}
    today = timezone.localdate()
    decisions = access_legal.decisions_for_objection(limit=200)
    used: set[int] = set()
    made = 0
    # As many as the demo's decisions allow, the fullest first: the decision that changed the provision, the hearing
    # with its days left, the receipt confirmed, and the late one (which needs a decision past its term).
    for scenario in (_decided_upheld, _hearing_planned, _acknowledged, _late):
        for decision in decisions:
            if decision.id in used:
                continue
            try:
                with transaction.atomic():
                    done = scenario(jurist, decision, today)
            except ValidationError:  # this decision does not fit the scenario (e.g. its provision ended): next
                continue
            if done:
                used.add(decision.id)
                made += 1
                break
    if stdout is not None:
        stdout.write(f"Bezwaar: {made} bezwaren van de jurist in verschillende fasen.")
    return {"objections": made}
