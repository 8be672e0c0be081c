"""Demo data for `setup_demo`: enforcement at the Dienst Werk en Inkomen Weidebeek, worked by the account
`handhaving` (klantbeheer): the signals the scan finds in the demo file, an investigation with findings of which the
resident was informed (waiting for the hearing), and one closed with a warning. Idempotent: a second run finds the
investigations of the Dienst and adds nothing (the scan adds nothing either: once per origin).

Everything goes through the services, so the events, the processing log and the investigator's involvement are as
in real use.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from ..income import selectors_signals as income_signals
from ..residents import selectors as residents_selectors
from .enforcement_rules import client_admin_organisations
from .models import EnforcementSignal, Investigation, SignalSource
from .services import enforcement as services
from .services.enforcement_scan import enforcement_scan

ACCOUNT = "handhaving"


def _say(stdout, text: str) -> None:
    if stdout is not None:
        stdout.write(text)


def _households(organisation_id: int, on, count: int) -> list[int]:
    """Benefit households of the Dienst with members today and no signal yet, oldest benefit first."""
    taken = set(
        EnforcementSignal.objects.filter(organisation_id=organisation_id).values_list("household_id", flat=True)
    )
    candidates = [
        b.household_id
        for b in income_signals.running_benefits(on=on)
        if b.organisation_id == organisation_id and b.household_id not in taken
    ]
    members = residents_selectors.members_of(household_ids=candidates, on=on)
    return [household for household in candidates if members.get(household)][:count]


def demo_enforcement_ensure(*, stdout=None) -> dict[str, int]:
    """The scan's signals, one investigation informed and waiting for the hearing, one closed with a warning."""
    user = get_user_model().objects.filter(username=ACCOUNT).first()
    organisations = client_admin_organisations(user) if user is not None else set()
    if not organisations:
        _say(stdout, "Handhaving: geen account 'handhaving' bij klantbeheer; overgeslagen.")
        return {}
    organisation_id = min(organisations)
    today = timezone.localdate()
    scanned = enforcement_scan(on=today)
    if Investigation.objects.filter(organisation_id=organisation_id).exists():
        return {"signals": scanned.total, "investigations": 0}
    households = _households(organisation_id, today, 3)
    if len(households) < 2:
        _say(stdout, "Handhaving: te weinig huishoudens met een uitkering; geen onderzoeken aangemaakt.")
        return {"signals": scanned.total, "investigations": 0}
    created = {"signals": scanned.total, "investigations": 0}
    if not EnforcementSignal.objects.filter(organisation_id=organisation_id, source__in=services.SCAN_SOURCES).exists():
        services.signal_record(  # a new signal to assess, when the demo file gave the scan nothing
            actor=user,
            household_id=households[-1],
            source=SignalSource.DATA_MATCH,
            received_on=today - timedelta(days=2),
            description="Het Inlichtingenbureau meldt een bankrekening die niet bekend is bij de Dienst.",
        )
        created["signals"] += 1

    signal = services.signal_record(
        actor=user,
        household_id=households[0],
        source=SignalSource.TIP,
        received_on=today - timedelta(days=30),
        description="Een buurtbewoner meldt dat er al maanden een tweede volwassene op het adres woont.",
    )
    informed = services.signal_assess(
        actor=user,
        signal=signal,
        decision="investigate",
        assessed_on=today - timedelta(days=28),
        assessment="Concrete melding; het adres is niet eerder onderzocht.",
        question="Woont er een partner of kostendeler op het adres die de uitkering niet kent?",
        investigator=user,
    )
    services.investigation_findings_record(
        actor=user,
        investigation=informed,
        findings="Huisbezoek: een tweede slaapkamer in gebruik; post op een andere naam. Gesprek volgt.",
    )
    services.investigation_inform_resident(actor=user, investigation=informed, informed_on=today - timedelta(days=14))

    warned = services.investigation_open(
        actor=user,
        household_id=households[1],
        question="Zijn de inkomsten uit de bijbaan in september op tijd doorgegeven?",
        investigator=user,
        opened_on=today - timedelta(days=40),
    )
    services.investigation_findings_record(
        actor=user,
        investigation=warned,
        findings="De inkomsten van september zijn een maand te laat doorgegeven.",
        harm_amount=Decimal("120.00"),
        harm_from=(today - timedelta(days=90)).replace(day=1),
        harm_to=(today - timedelta(days=60)),
        culpability="ordinary",
    )
    services.investigation_inform_resident(actor=user, investigation=warned, informed_on=today - timedelta(days=30))
    services.investigation_close(
        actor=user,
        investigation=warned,
        outcome="warning",
        closed_on=today - timedelta(days=10),
        outcome_reasoning=(
            "U hebt uw inkomsten van september te laat doorgegeven. Daardoor kreeg u € 120 te veel. Omdat het om een "
            "klein bedrag gaat en het de eerste keer is, krijgt u een schriftelijke waarschuwing en geen boete."
        ),
    )
    created["investigations"] = 2
    _say(stdout, f"Handhaving: {created['signals']} signalen, 2 onderzoeken.")
    return created
