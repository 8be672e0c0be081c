"""The integrale toegang's steps in the order a caseworker takes them, through the services, for tests."""

import datetime
from decimal import Decimal

from django.utils import timezone

from routekaart.access import services
from routekaart.access.models import (
    AgreementParty,
    GatekeepingOutcome,
    LifeDomain,
    ProvisionOutcome,
    ProvisionUnit,
    ResidentAgreement,
    SignalKind,
)
from routekaart.catalog.models import BuildingBlock
from routekaart.organisations.models import OrganisationKind
from routekaart.organisations.roles import Domain
from routekaart.organisations.tests.factories import OrganisationFactory


def scores(value: int = 3, **overrides: int) -> dict:
    """A score for every life domain (the same `value`, except the overrides)."""
    return {d.code: (overrides.get(d.code, value), "") for d in LifeDomain.objects.all()}


def block(key: str) -> BuildingBlock:
    cluster, _sep, code = key.partition(".")
    return BuildingBlock.objects.select_related("cluster").get(cluster__code=cluster, code=code)


def melding(actor, household, *, domain=Domain.SUPPORT, kind=SignalKind.REPORT, received_on=None, **extra):
    defaults = {"topic": "care"} if kind == SignalKind.REPORT else {}
    if kind == SignalKind.APPLICATION:
        defaults["resident"] = household.mother
    defaults.update(extra)
    return services.signal_receive(
        actor=actor,
        household=household,
        kind=kind,
        domain=domain,
        received_on=received_on or timezone.localdate(),
        summary="Moeder meldt dat het thuis niet meer lukt.",
        **defaults,
    )


def intake(actor, case, **score_overrides):
    return services.intake_record(
        actor=actor,
        case=case,
        question="Hulp bij de dag en bij de opvoeding",
        talents="Goed met kinderen, kookt graag",
        scores=scores(3, **score_overrides),
    )


def agreements(provider=None) -> list[services.AgreementSpec]:
    today = timezone.localdate()
    provider = provider or OrganisationFactory(kind=OrganisationKind.PROVIDER, name="Zorg De Linde")
    return [
        services.AgreementSpec(
            "Noor zoekt een vrijwilligersplek", AgreementParty.RESIDENT, today + datetime.timedelta(days=30)
        ),
        services.AgreementSpec(
            "Zus Anna past op woensdag op Sem",
            AgreementParty.NETWORK,
            today + datetime.timedelta(days=14),
            party_name="Anna",
        ),
        services.AgreementSpec(
            "Begeleiding thuis, twee dagdelen",
            AgreementParty.PROVIDER,
            today + datetime.timedelta(days=60),
            provider=provider,
        ),
    ]


def to_active_plan(actor, household):
    case = melding(actor, household).case
    intake(actor, case)
    services.gatekeeping_record(actor=actor, case=case, outcome=GatekeepingOutcome.CONTINUE)
    plan = services.plan_draft(
        actor=actor,
        case=case,
        goals=[
            services.GoalSpec("daily_living", "Noor redt het huishouden weer zelf"),
            services.GoalSpec("parenting", "Rust in de opvoeding van Sem"),
        ],
        agreements=agreements(),
    )
    services.plan_activate(actor=actor, plan=plan, resident_agreement=ResidentAgreement.AGREED)
    case.refresh_from_db()
    return case


def guidance(**overrides) -> services.ProvisionSpec:
    today = timezone.localdate()
    values = {
        "building_block": block("care_and_support.guidance"),
        "outcome": ProvisionOutcome.GRANTED,
        "law": Domain.SUPPORT,
        "starts_on": today,
        "ends_on": today + datetime.timedelta(days=365),
        "volume": Decimal("4"),
        "unit": ProvisionUnit.DAY_PARTS_PER_WEEK,
        "reasoning": "Noor heeft hulp nodig om de dag te structureren; haar zus helpt al op woensdag.",
    }
    values.update(overrides)
    return services.ProvisionSpec(**values)
