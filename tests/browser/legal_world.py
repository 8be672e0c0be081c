"""Klantbeheer's journey world: Mijn Routekaart's resident (portal_world: Kim de Vries, the `inwoner` account, whose
coordinator is the `regisseur`) with a fresh decision of the toegang to object to, and the `jurist` of Dienst
Weidebeek's afdeling bezwaar (the demo accounts) who handles it.

The portal demo's own decision is 58 days old, past its six-week objection term; the journey's decision is ten days
old, so her objection is in time. It grants two day parts a week of Begeleiding, made through the toegang's own
service (decision_record) by her coordinator, as the regisseur does on screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from routekaart.access import selectors as access_selectors
from routekaart.access import services as access_services
from routekaart.access.models import Case, ProvisionOutcome, ProvisionUnit
from routekaart.organisations.models import User

JURIST = "jurist"
VOLUME = Decimal("2")
NEW_VOLUME = 4
GROUNDS = "Met twee dagdelen begeleiding per week red ik het niet; ik heb er minstens vier nodig."


@dataclass(frozen=True)
class LegalWorld:
    portal: object  # portal_world.World
    decision: object
    provision: object
    jurist: User


def legal_world_make(portal) -> LegalWorld:
    """Kim's ten-day-old decision (Begeleiding, two day parts a week) on her case with its active plan."""
    today = timezone.localdate()
    case = Case.objects.filter(household_id=portal.household_id).order_by("-pk").first()
    block = access_selectors.tailored_provisions_queryset().get(cluster__code="care_and_support", code="guidance")
    decided_on = today - timedelta(days=10)
    result = access_services.decision_record(
        actor=portal.coordinator,
        case=case,
        addressee=portal.resident,
        decided_on=decided_on,
        provisions=[
            access_services.ProvisionSpec(
                building_block=block,
                outcome=ProvisionOutcome.GRANTED,
                law="W",
                starts_on=decided_on,
                ends_on=decided_on + timedelta(days=365),
                volume=VOLUME,
                unit=ProvisionUnit.DAY_PARTS_PER_WEEK,
                reasoning="Begeleiding bij de administratie en de dagstructuur, twee dagdelen per week.",
            )
        ],
    )
    decision = result.decision
    return LegalWorld(
        portal=portal,
        decision=decision,
        provision=decision.provisions.get(),
        jurist=User.objects.get(username=JURIST),
    )


@dataclass(frozen=True)
class KlantbeheerWorld:
    """Dienst Weidebeek's klantbeheer with one of each: a conduct complaint, a signal with its investigation, a
    claim, and two paid benefits for the payment run; `handhaving` prepares, `administratie` approves."""

    dienst: object
    benefit: object
    complaint: object
    signal: object
    investigation: object
    claim: object
    jurist: User
    preparer: User
    approver: User


def klantbeheer_world_make() -> KlantbeheerWorld:
    """The loaders, the demo network and accounts, and klantbeheer's records made by factories and services."""
    from django.conf import settings
    from django.utils.module_loading import import_string

    from routekaart.core.complaint_terms import decision_term_end
    from routekaart.income.services import recovery
    from routekaart.income.tests.factories_payments import PaidBenefitFactory
    from routekaart.legal.tests.factories_complaints import StaffComplaintFactory
    from routekaart.legal.tests.factories_enforcement import EnforcementSignalFactory, InvestigationFactory
    from routekaart.organisations.demo import demo_accounts_ensure, demo_network_ensure
    from routekaart.organisations.models import Organisation
    from routekaart.residents.tests.factories import ResidentFactory

    for dotted in settings.ROUTEKAART_CONFIGURATION_LOADERS:
        import_string(dotted)()
    demo_network_ensure()
    demo_accounts_ensure()
    today = timezone.localdate()
    dienst = Organisation.objects.get(code="dienst-weidebeek")
    preparer, approver = User.objects.get(username="handhaving"), User.objects.get(username="administratie")
    benefit = PaidBenefitFactory(organisation=dienst, client=ResidentFactory(given_names="Sanne", family_name="Bos"))
    PaidBenefitFactory(organisation=dienst)
    received = today - timedelta(days=3)
    complaint = StaffComplaintFactory(
        organisation=dienst,
        about_team=Organisation.objects.get(code="wijkteam-noord"),
        received_on=received,
        decision_due_on=decision_term_end(received_on=received, committee=False, extended=False),
    )
    signal = EnforcementSignalFactory(
        household=benefit.household, resident=benefit.client, organisation=dienst, received_on=today - timedelta(days=2)
    )
    investigation = InvestigationFactory(
        household=benefit.household,
        resident=benefit.client,
        signal=signal,
        organisation=dienst,
        investigator=preparer,
        opened_on=today - timedelta(days=1),
    )
    claim = recovery.claim_establish(
        actor=preparer,
        household_id=benefit.household_id,
        debtor_id=benefit.client_id,
        benefit_id=benefit.pk,
        kind="recovery",
        reason="household_change",
        explanation="Samenwonen niet gemeld.",
        period_from=date(today.year - 1, 6, 1),
        period_to=date(today.year - 1, 12, 31),
        principal=Decimal("2400.00"),
        established_on=today - timedelta(days=1),
    )
    return KlantbeheerWorld(
        dienst=dienst,
        benefit=benefit,
        complaint=complaint,
        signal=signal,
        investigation=investigation,
        claim=claim,
        jurist=User.objects.get(username=JURIST),
        preparer=preparer,
        approver=approver,
    )


@dataclass(frozen=True)
class ResidentRecords:
    investigation: object
    claim: object
    survey: object


def resident_records_make(portal) -> ResidentRecords:
    """For Mijn Routekaart's pages: an investigation Kim has been informed of, a claim on her benefit and an open
    satisfaction survey about her decision."""
    from routekaart.income import selectors as income_selectors
    from routekaart.income.services import recovery
    from routekaart.legal.tests.factories_complaints import SurveyFactory
    from routekaart.legal.tests.factories_enforcement import InvestigationFactory

    today = timezone.localdate()
    benefit = income_selectors.benefit_for_household(household_id=portal.household_id, on=today)
    admin = User.objects.get(username="handhaving")
    investigation = InvestigationFactory(
        household_id=portal.household_id,
        resident=portal.resident,
        organisation=benefit.organisation,
        investigator=admin,
        opened_on=today - timedelta(days=5),
        resident_informed_on=today - timedelta(days=4),
    )
    claim = recovery.claim_establish(
        actor=admin,
        household_id=portal.household_id,
        debtor_id=portal.resident.pk,
        benefit_id=benefit.pk,
        kind="recovery",
        reason="income_report",
        explanation="Inkomsten uit werk te laat doorgegeven.",
        period_from=date(today.year - 1, 10, 1),
        period_to=date(today.year - 1, 12, 31),
        principal=Decimal("640.00"),
        established_on=today - timedelta(days=2),
    )
    decision = Case.objects.filter(household_id=portal.household_id).order_by("-pk").first().decisions.first()
    survey = SurveyFactory(
        household_id=portal.household_id,
        resident=portal.resident,
        occasion_id=decision.pk,
        sent_on=today - timedelta(days=2),
        expires_on=today + timedelta(days=40),
    )
    return ResidentRecords(investigation=investigation, claim=claim, survey=survey)
