"""Factories for the payment run: a Dienst's client_admin, and a benefit with a valid account to pay to."""

import datetime

import factory
from schwifty import IBAN

from routekaart.organisations.roles import Role
from routekaart.organisations.tests.factories import AffiliationFactory, UserFactory

from .factories import DienstFactory, SocialAssistanceFactory


def client_admin_at(organisation, **kwargs):
    """A user with the klantbeheer role (client_admin) at `organisation`."""
    user = UserFactory(**kwargs)
    AffiliationFactory(user=user, organisation=organisation, role=Role.CLIENT_ADMIN)
    return user


def test_iban(number: int) -> str:
    """A valid Dutch IBAN for tests (schwifty computes the check digits); no real account."""
    return str(IBAN.generate("NL", bank_code="RABO", account_code=f"{3_000_000_000 + number:010d}"))


class PaidBenefitFactory(SocialAssistanceFactory):
    """A running benefit with a valid IBAN and account holder: a line in the payment run."""

    organisation = factory.SubFactory(DienstFactory)
    started_on = datetime.date(2022, 3, 1)
    iban = factory.Sequence(test_iban)
    account_holder = factory.Sequence(lambda n: f"Rekeninghouder {n}")
