"""Reads of the market: products, providers, contracts, and the contracted offers a coordinator chooses from.

Every selector runs a fixed number of queries whatever the size of the market. None reads a resident: the market
knows organisations, products and counts (the measured waiting time is a median of dates, never a person).
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from ..catalog import selectors as catalog_selectors
from ..organisations import selectors as organisation_selectors
from .models import (
    Assignment,
    Complaint,
    ComplaintStatus,
    Contract,
    ContractProduct,
    Product,
    ProviderProfile,
    Tariff,
)
from .standard import UNITS

PROVIDER = "provider"  # organisations' OrganisationKind values
MUNICIPALITY = "municipality"
MEASURED_WAIT_DAYS = 180  # the window of the measured waiting time: assignments started in the last 180 days


@dataclass(frozen=True)
class ContractedOffer:
    """One provider's contracted product for a provision: what the coordinator compares and chooses from."""

    provider_id: int
    provider_name: str
    contract_reference: str
    product_id: int
    product_label: str
    tariff: Decimal | None
    unit_label: str
    wait_weeks_reported: int | None
    wait_days_measured: int | None  # whole days: the median rounded
    contract_product_id: int = 0
    wijken: tuple[str, ...] = ()


def _in_wijk(wijken: list, wijk: str) -> bool:
    """A product without wijken is contracted everywhere; with them only there. No wijk asked: every product."""
    return not wijk or not wijken or wijk.strip().upper() in {str(w).upper() for w in wijken}


def measured_waits(*, contract_product_ids, on: date | None = None) -> dict[int, int]:
    """Median days from sending to start of the assignments started in the MEASURED_WAIT_DAYS before `on`, per
    contract product: one query."""
    on = on or timezone.localdate()
    rows = Assignment.objects.filter(
        contract_product_id__in=list(contract_product_ids),
        started_on__isnull=False,
        started_on__gt=on - timedelta(days=MEASURED_WAIT_DAYS),
        started_on__lte=on,
    ).values_list("contract_product_id", "sent_at", "started_on")
    days: dict[int, list[int]] = {}
    for contract_product_id, sent_at, started_on in rows:
        sent_on = timezone.localtime(sent_at).date() if timezone.is_aware(sent_at) else sent_at.date()
        days.setdefault(contract_product_id, []).append(max((started_on - sent_on).days, 0))
    return {key: round(statistics.median(values)) for key, values in days.items()}


def _offered_products(*, on: date, municipality_id: int | None) -> QuerySet[ContractProduct]:
    items = ContractProduct.objects.filter(contract__starts_on__lte=on, contract__ends_on__gte=on)
    if municipality_id is not None:
        items = items.filter(contract__municipalities=municipality_id)
    return items.select_related("contract__provider", "product").prefetch_related(
        Prefetch(
            "tariffs",
            queryset=Tariff.objects.filter(valid_from__lte=on, valid_to__gte=on).order_by("valid_from"),
            to_attr="tariffs_on",
        )
    )


def _offers(items: list[ContractProduct], measured_on: date | None) -> list[ContractedOffer]:
    waits = measured_waits(contract_product_ids=[i.pk for i in items], on=measured_on) if items else {}
    offers = []
    for item in items:
        tariff = item.tariffs_on[0] if item.tariffs_on else None
        unit = tariff.unit if tariff else item.product.unit
        offers.append(
            ContractedOffer(
                provider_id=item.contract.provider_id,
                provider_name=item.contract.provider.name,
                contract_reference=item.contract.reference,
                product_id=item.product_id,
                product_label=f"{item.product.code} {item.product.name}",
                tariff=tariff.amount if tariff else None,
                unit_label=str(UNITS.get(unit, unit)),
                wait_weeks_reported=item.reported_wait_weeks,
                wait_days_measured=waits.get(item.pk),
                contract_product_id=item.pk,
                wijken=tuple(item.wijken or ()),
            )
        )
    return sorted(offers, key=lambda o: (o.provider_name, o.product_label, o.contract_reference))


def contracted_offers(
    *,
    building_block_id: int,
    municipality_id: int | None,
    wijk: str = "",
    on: date,
    measured_on: date | None = None,
) -> list[ContractedOffer]:
    """The providers contracted for a building block in a municipality (and wijk) on a day, with their tariff and
    waiting times: the choice in the decision form. Three queries whatever the number of contracts."""
    items = _offered_products(on=on, municipality_id=municipality_id)
    items = items.filter(product__building_block_id=building_block_id)
    return _offers([i for i in items.distinct() if _in_wijk(i.wijken, wijk)], measured_on)


def offer_list(
    *,
    on: date,
    building_block_id: int | None = None,
    product_id: int | None = None,
    municipality_id: int | None = None,
    wijk: str = "",
) -> list[ContractedOffer]:
    """The market's list of contracted providers per provision (the offers page): the same offers, filtered by
    building block or product. Three queries."""
    items = _offered_products(on=on, municipality_id=municipality_id)
    if building_block_id:
        items = items.filter(product__building_block_id=building_block_id)
    if product_id:
        items = items.filter(product_id=product_id)
    return _offers([i for i in items.distinct() if _in_wijk(i.wijken, wijk)], None)


# --- products and providers -------------------------------------------------------------------------------------


def product_list() -> QuerySet[Product]:
    return Product.objects.select_related("building_block__cluster").order_by("law", "category_code", "code")


def building_block_choices() -> list[tuple[int, str]]:
    """The building blocks in force that a product delivers, by their name, for the offers filter: two queries."""
    used = set(Product.objects.values_list("building_block_id", flat=True).distinct())
    choices = {
        (v.building_block_id, f"{v.name} ({v.building_block.cluster.name})")
        for v in catalog_selectors.building_block_version_list()
        if v.building_block_id in used
    }
    return sorted(choices, key=lambda choice: choice[1])


def provider_organisations() -> QuerySet:
    """Every organisation of the kind provider, with its profile and locations (two queries)."""
    return (
        organisation_selectors.organisation_list()
        .filter(kind=PROVIDER)
        .select_related("provider_profile")
        .prefetch_related(None)
        .prefetch_related("provider_profile__locations")
        .order_by("name")
    )


def municipalities() -> QuerySet:
    return organisation_selectors.organisation_list().filter(kind=MUNICIPALITY).prefetch_related(None).order_by("name")


def regions() -> QuerySet:
    return organisation_selectors.region_list().order_by("name")


def provider_profile_get(*, organisation_id: int) -> ProviderProfile:
    profile = ProviderProfile.objects.select_related("organisation").filter(organisation_id=organisation_id).first()
    if profile is None:
        raise Http404
    return profile


def provider_get(*, organisation_id: int):
    provider = provider_organisations().filter(pk=organisation_id).first()
    if provider is None:
        raise Http404
    return provider


# --- contracts --------------------------------------------------------------------------------------------------


def contract_list(*, on: date | None = None, provider_id: int | None = None) -> QuerySet[Contract]:
    """Contracts, newest first, with their provider and number of products; `running` says whether `on` (today)
    falls in the term. Two queries (the municipalities prefetched)."""
    on = on or timezone.localdate()
    contracts = (
        Contract.objects.select_related("provider", "region")
        .prefetch_related("municipalities")
        .annotate(product_count=Count("products", distinct=True))
        .annotate(
            running=Q(starts_on__lte=on, ends_on__gte=on),
        )
        .order_by("-starts_on", "reference")
    )
    if provider_id:
        contracts = contracts.filter(provider_id=provider_id)
    return contracts


def contract_get(*, contract_id: int) -> Contract:
    """A contract with its municipalities, products and every tariff period: four queries."""
    contract = (
        Contract.objects.select_related("provider", "region")
        .prefetch_related(
            "municipalities",
            Prefetch(
                "products",
                queryset=ContractProduct.objects.select_related("product").prefetch_related(
                    Prefetch("tariffs", queryset=Tariff.objects.order_by("valid_from"))
                ),
            ),
        )
        .filter(pk=contract_id)
        .first()
    )
    if contract is None:
        raise Http404
    return contract


def contract_product_get(*, contract_id: int, contract_product_id: int) -> ContractProduct:
    item = (
        ContractProduct.objects.select_related("contract", "product")
        .filter(contract_id=contract_id, pk=contract_product_id)
        .first()
    )
    if item is None:
        raise Http404
    return item


def products_not_in(*, contract: Contract) -> QuerySet[Product]:
    return product_list().exclude(pk__in=ContractProduct.objects.filter(contract=contract).values("product_id"))


# --- the home page ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MarketCounts:
    contracts_running: int
    assignments_this_month: int
    complaints_open: int


def market_home_counts(*, on: date | None = None) -> MarketCounts:
    """What beheer markt's home counts: three counts, no person."""
    on = on or timezone.localdate()
    return MarketCounts(
        contracts_running=Contract.objects.filter(starts_on__lte=on, ends_on__gte=on).count(),
        assignments_this_month=Assignment.objects.filter(
            sent_at__date__gte=on.replace(day=1), sent_at__date__lte=on
        ).count(),
        complaints_open=Complaint.objects.exclude(
            status__in=[ComplaintStatus.DECIDED, ComplaintStatus.WITHDRAWN]
        ).count(),
    )
