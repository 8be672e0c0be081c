"""The demo region's market: provider profiles with locations, and contracts for the main Wmo and Jeugdwet products.

For `setup_demo` (settings.ROUTEKAART_DEMO_GENERATORS), after the residents generator and before the toegang's
demo, so the regisseur's decision for begeleiding by De Linde finds its contract and becomes an assignment. Why:
without contracts no decision has a provider to choose and the `aanbieder` and `markt` accounts have nothing to do.

Fictional on purpose: provider names, AGB codes and KvK numbers are made up. Terms are relative to today (from 1
January of last year to 31 December of next year), so the demo's decisions of the last months fall inside them.
Idempotent: a contract whose reference exists is left as it is; a profile or location that exists is not added
again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from ..organisations import selectors as organisation_selectors
from ..organisations import services as organisation_services
from . import selectors
from .configuration import products_load
from .models import Contract, Product, ProviderProfile
from .services import market as services

REGION = "demo-weidebeek"
MUNICIPALITIES = ("gemeente-weidebeek", "gemeente-zandhoven")
ACTOR = "markt"


@dataclass(frozen=True)
class DemoProvider:
    code: str
    name: str
    agb_code: str
    kvk_number: str
    location: tuple[str, str, str, str, str]  # name, street, postcode, city, wijk


@dataclass(frozen=True)
class DemoContract:
    reference: str
    provider: str
    route: str
    steering: str
    budget: Decimal
    # (law, product code, tariff per unit, reported wait in weeks, wijken)
    products: tuple[tuple[str, str, Decimal, int | None, tuple[str, ...]], ...]


PROVIDERS = [
    DemoProvider(
        "de-linde",
        "Zorg- en dagbestedingsaanbieder De Linde",
        "98000101",
        "90000101",
        ("De Linde dagcentrum", "Lindelaan 12", "9901 AB", "Weidebeek", "WK990101"),
    ),
    DemoProvider(
        "zorggroep-het-anker",
        "Zorggroep Het Anker",
        "98000102",
        "90000102",
        ("Het Anker wijkkantoor", "Havenstraat 3", "9902 CD", "Zandhoven", ""),
    ),
    DemoProvider(
        "jeugdhulp-kompas",
        "Jeugdhulp Kompas",
        "98000103",
        "90000103",
        ("Kompas jeugdhulp", "Schoolweg 40", "9901 EF", "Weidebeek", "WK990102"),
    ),
    DemoProvider(
        "thuishulp-de-berk",
        "Thuishulp De Berk",
        "98000104",
        "90000104",
        ("De Berk", "Berkenhof 7", "9901 GH", "Weidebeek", "WK990103"),
    ),
]

CONTRACTS = [
    DemoContract(
        "RW-2025-001",
        "de-linde",
        "open_house",
        "private",
        Decimal("850000.00"),
        (
            ("W", "02A01", Decimal("62.40"), 2, ()),
            ("W", "03A01", Decimal("58.10"), 2, ()),
            ("W", "07A01", Decimal("49.75"), 4, ()),
            ("W", "08L01", Decimal("14.20"), None, ()),
            ("J", "45A02", Decimal("71.30"), 3, ()),
        ),
    ),
    DemoContract(
        "RW-2025-002",
        "zorggroep-het-anker",
        "tender",
        "private",
        Decimal("1200000.00"),
        (
            ("W", "01A01", Decimal("31.90"), 1, ()),
            ("W", "02A01", Decimal("60.80"), 6, ()),
            ("W", "07A01", Decimal("47.50"), 8, ("WK990101", "WK990102")),
            ("W", "04A01", Decimal("142.00"), 10, ()),
        ),
    ),
    DemoContract(
        "RJ-2025-001",
        "jeugdhulp-kompas",
        "tender",
        "public",
        Decimal("2400000.00"),
        (
            ("J", "45A01", Decimal("84.20"), 5, ()),
            ("J", "41A01", Decimal("118.00"), 7, ()),
            ("J", "44A01", Decimal("39.60"), None, ()),
            ("J", "46A01", Decimal("310.00"), 0, ()),
        ),
    ),
    DemoContract(
        "RW-2025-003",
        "thuishulp-de-berk",
        "subsidy",
        "public",
        Decimal("300000.00"),
        (("W", "01A01", Decimal("30.50"), 3, ()), ("W", "01A02", Decimal("33.00"), 3, ())),
    ),
]


def _term(today: date) -> tuple[date, date]:
    return date(today.year - 1, 1, 1), date(today.year + 1, 12, 31)


def _profiles(actor, region) -> dict[str, object]:
    """Each demo provider as an organisation of the network with its profile and one location."""
    organisations = {}
    for provider in PROVIDERS:
        organisation = organisation_services.organisation_ensure(
            kind="provider", code=provider.code, name=provider.name, region=region
        )
        organisations[provider.code] = organisation
        if ProviderProfile.objects.filter(organisation=organisation).exists():
            continue
        profile = services.provider_profile_register(
            actor=actor, organisation=organisation, agb_code=provider.agb_code, kvk_number=provider.kvk_number
        )
        name, street, postcode, city, wijk = provider.location
        services.location_add(
            actor=actor, profile=profile, name=name, street=street, postcode=postcode, city=city, wijk=wijk
        )
    return organisations


def _contract(actor, spec: DemoContract, *, provider, region, municipalities, products, term) -> bool:
    if Contract.objects.filter(reference=spec.reference).exists():
        return False
    starts_on, ends_on = term
    contract = services.contract_create(
        actor=actor,
        reference=spec.reference,
        provider=provider,
        region=region,
        municipalities=municipalities,
        purchasing_route=spec.route,
        steering=spec.steering,
        starts_on=starts_on,
        ends_on=ends_on,
        budget=spec.budget,
    )
    for law, code, amount, wait, wijken in spec.products:
        product = products[(law, code)]
        item = services.contract_product_add(
            actor=actor, contract=contract, product=product, wijken=wijken, reported_wait_weeks=wait
        )
        services.tariff_add(actor=actor, contract_product=item, amount=amount, valid_from=starts_on, valid_to=ends_on)
    return True


@transaction.atomic
def demo_market_ensure(*, stdout=None) -> dict[str, int]:
    """For `setup_demo`: the demo region's providers and contracts (see the module's docstring)."""
    region = organisation_selectors.region_list().filter(code=REGION).first()
    if region is None:
        return {"contracts": 0}
    if not Product.objects.exists():
        products_load()
    actor = get_user_model().objects.filter(username=ACTOR).first()
    organisations = _profiles(actor, region)
    municipalities = list(organisation_selectors.organisation_list().filter(code__in=MUNICIPALITIES))
    products = {(p.law, p.code): p for p in selectors.product_list()}
    term = _term(timezone.localdate())
    made = sum(
        _contract(
            actor,
            spec,
            provider=organisations[spec.provider],
            region=region,
            municipalities=municipalities,
            products=products,
            term=term,
        )
        for spec in CONTRACTS
    )
    if stdout is not None:
        stdout.write(f"Beheer markt: {len(PROVIDERS)} aanbieders, {made} nieuwe contracten.")
    return {"contracts": made}
