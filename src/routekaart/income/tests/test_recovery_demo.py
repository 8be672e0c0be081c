"""The demo's recovery: for `handhaving`, a claim after a late income report settled against the benefit within
the beslagvrije voet, and one under a payment plan with a first transfer; a second run changes nothing."""

from datetime import date
from decimal import Decimal

import pytest

from routekaart.income.demo_recovery import demo_recovery_ensure
from routekaart.income.models import ArrangementKind, Claim
from routekaart.income.services import recovery
from routekaart.residents.tests.factories import ResidentFactory

from .factories import DienstFactory, SocialAssistanceFactory
from .factories_recovery import client_admin_at

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("march_2026")]


def test_the_demo_makes_a_settled_claim_and_a_payment_plan_once():
    dienst = DienstFactory()
    client_admin_at(dienst, username="handhaving")
    benefits = [
        SocialAssistanceFactory(organisation=dienst, client=ResidentFactory(birth_date=date(1980, 1, 1)))
        for _ in range(3)
    ]
    assert demo_recovery_ensure() == {"claims": 2}
    settled, planned = Claim.objects.order_by("pk")
    assert settled.reason == "income_report" and settled.principal > 0
    assert settled.arrangements.get().kind == ArrangementKind.SETTLEMENT
    assert planned.arrangements.get().kind == ArrangementKind.PAYMENT_PLAN
    assert recovery.claim_balance(planned) == Decimal("1810.00")
    due = recovery.settlements_due(
        benefit_ids=[b.pk for b in benefits],
        month=date(2026, 4, 1),
        amounts_due={settled.benefit_id: Decimal("1407.65")},
    )
    assert due == {settled.benefit_id: (settled.pk, min(Decimal("50.00"), settled.principal))}
    assert demo_recovery_ensure() == {"claims": 0}
    assert Claim.objects.count() == 2
