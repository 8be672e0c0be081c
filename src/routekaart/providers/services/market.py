"""Beheer markt's actions: provider profiles and locations, contracts, their products and tariffs, waiting times.

Each one transaction and one event (no personal data in it: the market knows organisations, not residents). A
refusal is a Dutch ValidationError per field, and nothing is written.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ...audit.services import action_record
from ..identifiers import validate_agb, validate_kvk
from ..models import Contract, ContractProduct, Location, Product, ProviderProfile, Tariff

WIJK_CODE_MAX = 10
PROVIDER = "provider"  # organisations' OrganisationKind values (providers reads no organisations model)
MUNICIPALITY = "municipality"


def _provider_check(organisation, field: str = "organisation") -> None:
    if organisation is None or organisation.kind != PROVIDER:
        raise ValidationError({field: _("Kies een organisatie van de soort aanbieder.")})


def _identifiers_check(*, agb_code: str, kvk_number: str, exclude_pk: int | None = None) -> None:
    errors: dict[str, list] = {}
    for field, check, value in (("agb_code", validate_agb, agb_code), ("kvk_number", validate_kvk, kvk_number)):
        try:
            check(value)
        except ValidationError as error:
            errors[field] = error.messages
    if "agb_code" not in errors:
        taken = ProviderProfile.objects.filter(agb_code=agb_code)
        if exclude_pk is not None:
            taken = taken.exclude(pk=exclude_pk)
        if taken.exists():
            errors["agb_code"] = [_("Deze AGB-code hoort al bij een andere aanbieder.")]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def provider_profile_register(*, actor, organisation, agb_code: str, kvk_number: str) -> ProviderProfile:
    """Give a provider organisation its AGB code and KvK number, so its messages and contracts can name it."""
    _provider_check(organisation)
    if ProviderProfile.objects.filter(organisation=organisation).exists():
        raise ValidationError({"organisation": _("Deze aanbieder heeft al aanbiedergegevens.")})
    agb_code, kvk_number = agb_code.strip(), kvk_number.strip()
    _identifiers_check(agb_code=agb_code, kvk_number=kvk_number)
    profile = ProviderProfile.objects.create(organisation=organisation, agb_code=agb_code, kvk_number=kvk_number)
    action_record(
        actor=actor,
        action="provider_profile.registered",
        subject=profile,
        after={"organisation": organisation.code, "agb_code": agb_code, "kvk_number": kvk_number},
    )
    return profile


@transaction.atomic
def provider_profile_update(*, actor, profile: ProviderProfile, agb_code: str, kvk_number: str) -> ProviderProfile:
    """Correct a provider's AGB code or KvK number (a new registration at Vektis or the KvK)."""
    agb_code, kvk_number = agb_code.strip(), kvk_number.strip()
    _identifiers_check(agb_code=agb_code, kvk_number=kvk_number, exclude_pk=profile.pk)
    before = {"agb_code": profile.agb_code, "kvk_number": profile.kvk_number}
    profile.agb_code, profile.kvk_number = agb_code, kvk_number
    profile.save(update_fields=["agb_code", "kvk_number"])
    action_record(
        actor=actor,
        action="provider_profile.updated",
        subject=profile,
        before=before,
        after={"agb_code": agb_code, "kvk_number": kvk_number},
    )
    return profile


@transaction.atomic
def location_add(
    *, actor, profile: ProviderProfile, name: str, street: str, postcode: str, city: str, wijk: str = ""
) -> Location:
    """A place where the provider delivers (a day activity centre, an office): coordinators look for nearby ones."""
    location = Location(
        provider=profile,
        name=name.strip(),
        street=street.strip(),
        postcode=postcode.strip().upper(),
        city=city.strip(),
        wijk=wijk.strip(),
    )
    location.full_clean(exclude=["provider"])
    location.save()
    action_record(
        actor=actor,
        action="location.added",
        subject=location,
        after={"provider": profile.organisation_id, "name": location.name, "city": location.city},
    )
    return location


@transaction.atomic
def contract_create(
    *,
    actor,
    reference: str,
    provider,
    region,
    municipalities: Iterable,
    purchasing_route: str,
    steering: str,
    starts_on: date,
    ends_on: date,
    budget: Decimal | None = None,
    notes: str = "",
) -> Contract:
    """A contract of the region with a provider, for the municipalities it covers, under one purchasing route."""
    _provider_check(provider, "provider")
    municipalities = list(municipalities)
    errors: dict[str, list] = {}
    if not municipalities:
        errors["municipalities"] = [_("Kies ten minste één gemeente.")]
    elif any(m.kind != MUNICIPALITY or m.region_id != region.pk for m in municipalities):
        errors["municipalities"] = [_("Kies alleen gemeenten van de regio van het contract.")]
    if starts_on and ends_on and ends_on < starts_on:
        errors["ends_on"] = [_("De einddatum ligt vóór de ingangsdatum.")]
    if Contract.objects.filter(reference=reference.strip()).exists():
        errors["reference"] = [_("Er is al een contract met dit kenmerk.")]
    if errors:
        raise ValidationError(errors)
    contract = Contract(
        reference=reference.strip(),
        provider=provider,
        region=region,
        purchasing_route=purchasing_route,
        steering=steering,
        starts_on=starts_on,
        ends_on=ends_on,
        budget=budget,
        notes=notes.strip(),
    )
    contract.full_clean(exclude=["provider", "region"])
    contract.save()
    contract.municipalities.set(municipalities)
    action_record(
        actor=actor,
        action="contract.created",
        subject=contract,
        after={
            "reference": contract.reference,
            "provider": provider.pk,
            "region": region.pk,
            "municipalities": sorted(m.pk for m in municipalities),
            "purchasing_route": purchasing_route,
            "steering": steering,
            "starts_on": starts_on,
            "ends_on": ends_on,
            "budget": budget,
        },
    )
    return contract


def _wijken_clean(wijken: Iterable[str]) -> list[str]:
    cleaned = []
    for wijk in wijken:
        code = str(wijk).strip().upper()
        if not code:
            continue
        if len(code) > WIJK_CODE_MAX or not code.isalnum():
            raise ValidationError(
                {"wijken": _("%(code)s is geen wijkcode (zoals WK990101).") % {"code": code[:WIJK_CODE_MAX]}}
            )
        if code not in cleaned:
            cleaned.append(code)
    return sorted(cleaned)


@transaction.atomic
def contract_product_add(
    *, actor, contract: Contract, product: Product, wijken: Iterable[str] = (), reported_wait_weeks: int | None = None
) -> ContractProduct:
    """Contract one more product; without wijken it is contracted everywhere the contract runs."""
    wijken = _wijken_clean(wijken)
    if ContractProduct.objects.filter(contract=contract, product=product).exists():
        raise ValidationError({"product": _("Dit product staat al in het contract.")})
    item = ContractProduct(
        contract=contract,
        product=product,
        wijken=wijken,
        reported_wait_weeks=reported_wait_weeks,
        reported_on=timezone.localdate() if reported_wait_weeks is not None else None,
    )
    item.full_clean(exclude=["contract", "product"])
    item.save()
    action_record(
        actor=actor,
        action="contract_product.added",
        subject=item,
        after={"contract": contract.reference, "product": product.pk, "wijken": wijken},
    )
    return item


@transaction.atomic
def tariff_add(
    *, actor, contract_product: ContractProduct, amount: Decimal, valid_from: date, valid_to: date, unit: str = ""
) -> Tariff:
    """A price per unit for a period: within the contract's term, never overlapping another period of the product
    (a declaration line must find exactly one tariff)."""
    contract = contract_product.contract
    unit = unit or contract_product.product.unit
    errors: dict[str, list] = {}
    if valid_to < valid_from:
        errors["valid_to"] = [_("De einddatum ligt vóór de ingangsdatum.")]
    if valid_from < contract.starts_on:
        errors["valid_from"] = [
            _("Het tarief begint vóór het contract (%(date)s).") % {"date": f"{contract.starts_on:%d-%m-%Y}"}
        ]
    if valid_to > contract.ends_on:
        errors["valid_to"] = [
            _("Het tarief loopt na het einde van het contract (%(date)s) door.")
            % {"date": f"{contract.ends_on:%d-%m-%Y}"}
        ]
    if errors:
        raise ValidationError(errors)
    overlap = (
        Tariff.objects.select_for_update()
        .filter(contract_product=contract_product, valid_from__lte=valid_to, valid_to__gte=valid_from)
        .order_by("valid_from")
        .first()
    )
    if overlap is not None:
        raise ValidationError(
            {
                "valid_from": _(
                    "Deze periode overlapt met het tarief van %(start)s tot en met %(end)s; een product heeft op "
                    "elke dag één tarief."
                )
                % {"start": f"{overlap.valid_from:%d-%m-%Y}", "end": f"{overlap.valid_to:%d-%m-%Y}"}
            }
        )
    tariff = Tariff(
        contract_product=contract_product, amount=amount, unit=unit, valid_from=valid_from, valid_to=valid_to
    )
    tariff.full_clean(exclude=["contract_product"])
    tariff.save()
    action_record(
        actor=actor,
        action="tariff.added",
        subject=tariff,
        after={
            "contract": contract.reference,
            "product": contract_product.product_id,
            "amount": amount,
            "unit": unit,
            "valid_from": valid_from,
            "valid_to": valid_to,
        },
    )
    return tariff


@transaction.atomic
def wait_time_report(
    *, actor, contract_product: ContractProduct, weeks: int, reported_on: date | None = None
) -> ContractProduct:
    """The provider's own waiting time for a contracted product, shown beside the measured one in the offers."""
    reported_on = reported_on or timezone.localdate()
    if reported_on > timezone.localdate():
        raise ValidationError({"reported_on": _("Een wachttijd meldt u niet vooruit.")})
    before = {"weeks": contract_product.reported_wait_weeks, "reported_on": contract_product.reported_on}
    contract_product.reported_wait_weeks, contract_product.reported_on = weeks, reported_on
    contract_product.full_clean(exclude=["contract", "product"])
    contract_product.save(update_fields=["reported_wait_weeks", "reported_on"])
    action_record(
        actor=actor,
        action="wait_time.reported",
        subject=contract_product,
        before=before,
        after={"weeks": weeks, "reported_on": reported_on},
    )
    return contract_product
