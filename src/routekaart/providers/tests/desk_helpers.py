"""Two providers, each with a user in the role aanbieder and its own assignments: the desk's and the API's tests."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

import factory
from knox.models import AuthToken
from rest_framework.test import APIClient

from ...organisations.roles import Role
from ...organisations.tests.factories import AffiliationFactory, UserFactory
from ...residents.tests.factories import MunicipalityFactory
from ..models import AssignmentStatus, Declaration, DeclarationLine, DeclarationStatus
from .factories import AssignmentFactory, ContractProductFactory, ProviderFactory, ProviderProfileFactory

GOALS = [
    {"id": 11, "text": "Zelfstandig de post en rekeningen bijhouden"},
    {"id": 12, "text": "Twee dagdelen per week naar de dagbesteding"},
]


@dataclass
class Provider:
    organisation: object
    profile: object
    user: object
    contract_product: object


def provider_make(name: str = "De Linde") -> Provider:
    organisation = ProviderFactory(name=name)
    profile = ProviderProfileFactory(organisation=organisation)
    user = UserFactory(is_demo=True)
    AffiliationFactory(user=user, organisation=organisation, role=Role.PROVIDER)
    contract_product = ContractProductFactory(contract__provider=organisation)
    return Provider(organisation=organisation, profile=profile, user=user, contract_product=contract_product)


def assignment_make(provider: Provider, status: str = AssignmentStatus.SENT, **kwargs):
    if status in (AssignmentStatus.STARTED, AssignmentStatus.STOPPED):
        kwargs.setdefault("started_on", datetime.date(2026, 11, 2))
    if status == AssignmentStatus.STOPPED:
        kwargs.setdefault("stopped_on", datetime.date(2026, 11, 20))
        kwargs.setdefault("stop_reason", "19")
    return AssignmentFactory(contract_product=provider.contract_product, status=status, goals=GOALS, **kwargs)


def api_for(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {AuthToken.objects.create(user=user)[1]}")
    return client


def progress_data(**overrides) -> dict:
    data = {
        "reported_on": "2026-11-20",
        "summary": "Het gaat goed; de post wordt elke week samen doorgenomen.",
        "rating_0": "on_track",
        "text_0": "Samen elke maandag.",
        "rating_1": "achieved",
        "text_1": "",
    }
    data.update(overrides)
    return data


class DeclarationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Declaration

    number = factory.Sequence(lambda n: f"D{n:06d}")
    provider = factory.SubFactory(ProviderFactory)
    municipality = factory.SubFactory(MunicipalityFactory)
    period_start = datetime.date(2026, 11, 1)
    period_end = datetime.date(2026, 11, 30)
    claimed = Decimal("1000.00")
    approved = Decimal("750.00")
    status = DeclarationStatus.APPROVED


class DeclarationLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DeclarationLine

    declaration = factory.SubFactory(DeclarationFactory)
    reference = factory.Sequence(lambda n: f"L{n:06d}")
    starts_on = datetime.date(2026, 11, 1)
    ends_on = datetime.date(2026, 11, 30)
    volume = Decimal("4")
    unit = "04"
    tariff = Decimal("62.50")
    amount = Decimal("250.00")
    approved = True
