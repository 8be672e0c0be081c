"""Factories of recovery: a claim (with its "established" movement, as the service leaves it), its arrangements
and movements, and klantbeheer's user at a Dienst."""

import datetime
from decimal import Decimal

import factory

from routekaart.organisations.roles import Role
from routekaart.organisations.tests.factories import AffiliationFactory, UserFactory

from ..models import (
    ArrangementKind,
    Claim,
    ClaimArrangement,
    ClaimKind,
    ClaimMovement,
    ClaimReason,
    ClaimStatus,
    MovementKind,
)
from .factories import SocialAssistanceFactory


def client_admin_at(organisation, **kwargs):
    """A user with klantbeheer's role (rechtmatigheid, terugvordering en betalingen) at `organisation`."""
    user = UserFactory(**kwargs)
    AffiliationFactory(user=user, organisation=organisation, role=Role.CLIENT_ADMIN)
    return user


class ClaimFactory(factory.django.DjangoModelFactory):
    """An open claim against the benefit's client, with its "established" movement for the principal."""

    class Meta:
        model = Claim
        skip_postgeneration_save = True

    benefit = factory.SubFactory(SocialAssistanceFactory)
    household = factory.SelfAttribute("benefit.household")
    debtor = factory.SelfAttribute("benefit.client")
    organisation = factory.SelfAttribute("benefit.organisation")
    reference = factory.Sequence(lambda n: f"VO-F-{n:06d}")
    kind = ClaimKind.RECOVERY
    reason = ClaimReason.INCOME_REPORT
    explanation = "Inkomsten uit werk te laat doorgegeven."
    period_from = datetime.date(2025, 10, 1)
    period_to = datetime.date(2025, 12, 31)
    principal = Decimal("1000.00")
    established_on = datetime.date(2026, 1, 15)
    status = ClaimStatus.OPEN
    created_by = factory.LazyAttribute(lambda o: client_admin_at(o.organisation))

    @factory.post_generation
    def established(self, create, extracted, **kwargs):
        if create and extracted is not False:
            ClaimMovement.objects.create(
                claim=self, on=self.established_on, kind=MovementKind.ESTABLISHED, amount=self.principal
            )


class ClaimArrangementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClaimArrangement

    claim = factory.SubFactory(ClaimFactory)
    kind = ArrangementKind.SETTLEMENT
    monthly_amount = Decimal("50.00")
    protected_income = Decimal("1337.27")
    starts_on = datetime.date(2026, 2, 1)
    agreed_on = datetime.date(2026, 1, 20)
    recorded_by = factory.SelfAttribute("claim.created_by")


class ClaimMovementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClaimMovement

    claim = factory.SubFactory(ClaimFactory)
    on = datetime.date(2026, 2, 1)
    kind = MovementKind.PAYMENT
    amount = Decimal("-50.00")
