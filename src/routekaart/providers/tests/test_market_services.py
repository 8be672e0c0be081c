"""Beheer markt's actions: AGB and KvK checked, a contract's municipalities in its region, and one tariff per day."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from routekaart.audit.models import Event
from routekaart.organisations.tests.factories import UserFactory
from routekaart.providers.identifiers import validate_agb, validate_kvk
from routekaart.providers.models import Tariff
from routekaart.providers.services import market
from routekaart.providers.tests.factories import (
    ContractFactory,
    ContractProductFactory,
    ProductFactory,
    ProviderFactory,
    ProviderProfileFactory,
    TariffFactory,
)
from routekaart.residents.tests.factories import MunicipalityFactory
from routekaart.testing import database_fingerprint

from .refusals import refused

pytestmark = [pytest.mark.django_db]
D = datetime.date


def _messages(error: ValidationError, field: str) -> list[str]:
    return error.value.message_dict[field]


# --- AGB and KvK ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["98000001", "01234567", "10000000"])
def test_an_agb_code_of_eight_digits_not_starting_with_00_is_valid(value):
    validate_agb(value)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("9800001", "acht cijfers"),  # seven
        ("980000011", "acht cijfers"),  # nine
        ("9800000A", "acht cijfers"),
        ("\uff19\uff18" + "\uff10" * 5 + "\uff11", "acht cijfers"),  # full-width digits
        ("00123456", "niet met 00 beginnen"),
    ],
)
def test_a_wrong_agb_code_is_refused_in_dutch(value, message):
    with pytest.raises(ValidationError, match=message):
        validate_agb(value)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("1234567", "acht cijfers"),
        ("123456789", "acht cijfers"),
        ("1234567X", "acht cijfers"),
        ("00000000", "bestaat niet"),
    ],
)
def test_a_wrong_kvk_number_is_refused_in_dutch(value, message):
    with pytest.raises(ValidationError, match=message):
        validate_kvk(value)


def test_a_provider_profile_is_registered_with_its_event():
    actor, provider = UserFactory(), ProviderFactory()
    profile = market.provider_profile_register(
        actor=actor, organisation=provider, agb_code=" 98001234 ", kvk_number="60001234"
    )
    assert (profile.agb_code, profile.kvk_number) == ("98001234", "60001234")
    event = Event.objects.get(action="provider_profile.registered")
    assert event.subject_id == str(profile.pk) and event.after["agb_code"] == "98001234"


@pytest.mark.parametrize(
    ("agb", "kvk", "field", "message"),
    [
        ("0012345", "60001234", "agb_code", "acht cijfers"),
        ("00123456", "60001234", "agb_code", "niet met 00 beginnen"),
        ("98001234", "6000123", "kvk_number", "acht cijfers"),
        ("98001234", "00000000", "kvk_number", "bestaat niet"),
    ],
)
def test_a_profile_with_a_wrong_number_is_refused_per_field_and_nothing_changes(agb, kvk, field, message):
    actor, provider = UserFactory(), ProviderFactory()
    register = lambda: market.provider_profile_register(  # noqa: E731
        actor=actor, organisation=provider, agb_code=agb, kvk_number=kvk
    )
    assert message in " ".join(refused(register, field))


def test_an_agb_code_of_another_provider_is_refused():
    taken = ProviderProfileFactory(agb_code="98005555")
    actor, provider = UserFactory(), ProviderFactory()
    assert refused(
        lambda: market.provider_profile_register(
            actor=actor, organisation=provider, agb_code=taken.agb_code, kvk_number="60009999"
        ),
        "agb_code",
    ) == ["Deze AGB-code hoort al bij een andere aanbieder."]


def test_only_a_provider_organisation_gets_a_profile():
    actor, municipality = UserFactory(), MunicipalityFactory()
    assert refused(
        lambda: market.provider_profile_register(
            actor=actor, organisation=municipality, agb_code="98001234", kvk_number="60001234"
        ),
        "organisation",
    ) == ["Kies een organisatie van de soort aanbieder."]


def test_updating_a_profile_keeps_its_own_agb_code_and_records_before_and_after():
    profile = ProviderProfileFactory(agb_code="98004444", kvk_number="60004444")
    market.provider_profile_update(actor=UserFactory(), profile=profile, agb_code="98004444", kvk_number="60005555")
    profile.refresh_from_db()
    assert profile.kvk_number == "60005555"
    event = Event.objects.get(action="provider_profile.updated")
    assert event.before["kvk_number"] == "60004444" and event.after["kvk_number"] == "60005555"


def test_a_location_is_added():
    profile = ProviderProfileFactory()
    location = market.location_add(
        actor=UserFactory(),
        profile=profile,
        name="De Linde Noord",
        street="Lindelaan 1",
        postcode="9901 aa",
        city="Weidebeek",
    )
    assert location.postcode == "9901 AA"
    assert Event.objects.filter(action="location.added").count() == 1


# --- contracts ---------------------------------------------------------------------------------------------------


def _contract_args(**changes):
    provider = ProviderFactory()
    municipality = MunicipalityFactory()
    args = {
        "actor": UserFactory(),
        "reference": "CT-2026-001",
        "provider": provider,
        "region": municipality.region,
        "municipalities": [municipality],
        "purchasing_route": "open_house",
        "steering": "private",
        "starts_on": D(2026, 1, 1),
        "ends_on": D(2027, 12, 31),
        "budget": Decimal("100000.00"),
    }
    return {**args, **changes}


def test_a_contract_is_created_for_municipalities_of_its_region():
    args = _contract_args()
    contract = market.contract_create(**args)
    assert list(contract.municipalities.all()) == args["municipalities"]
    event = Event.objects.get(action="contract.created")
    assert event.after["reference"] == "CT-2026-001" and event.household_id is None


def test_a_contract_for_a_municipality_outside_its_region_is_refused_and_nothing_changes():
    args = _contract_args()
    args["municipalities"] = [MunicipalityFactory()]  # another region
    assert refused(lambda: market.contract_create(**args), "municipalities") == [
        "Kies alleen gemeenten van de regio van het contract."
    ]


def test_a_contract_ending_before_it_starts_is_refused():
    args = _contract_args(ends_on=D(2025, 12, 31))
    assert refused(lambda: market.contract_create(**args), "ends_on") == ["De einddatum ligt vóór de ingangsdatum."]


def test_a_contract_with_a_non_provider_is_refused():
    args = _contract_args()
    args["provider"] = args["municipalities"][0]
    with pytest.raises(ValidationError) as error:
        market.contract_create(**args)
    assert "provider" in error.value.message_dict


def test_a_product_is_contracted_once_with_its_wijken_as_codes():
    contract, product, actor = ContractFactory(), ProductFactory(), UserFactory()
    item = market.contract_product_add(
        actor=actor, contract=contract, product=product, wijken=["wk990102", " WK990101", ""]
    )
    assert item.wijken == ["WK990101", "WK990102"]
    assert refused(lambda: market.contract_product_add(actor=actor, contract=contract, product=product), "product") == [
        "Dit product staat al in het contract."
    ]


def test_a_wijk_that_is_no_code_is_refused(actor):
    with pytest.raises(ValidationError) as error:
        market.contract_product_add(
            actor=actor, contract=ContractFactory(), product=ProductFactory(), wijken=["Noord; Zuid"]
        )
    assert "geen wijkcode" in _messages(error, "wijken")[0]


# --- tariffs: one per day ----------------------------------------------------------------------------------------


@pytest.fixture
def actor():
    return UserFactory()


@pytest.fixture
def priced():
    """A contracted product priced from 1 January to 30 June 2026."""
    item = ContractProductFactory(contract=ContractFactory(starts_on=D(2026, 1, 1), ends_on=D(2027, 12, 31)))
    TariffFactory(contract_product=item, valid_from=D(2026, 1, 1), valid_to=D(2026, 6, 30))
    return item


@pytest.mark.parametrize("starts", [D(2026, 6, 29), D(2026, 6, 30)])  # N-1 and N: overlapping the period's last day
def test_a_tariff_overlapping_another_period_is_refused_in_dutch_and_nothing_changes(priced, starts, actor):
    add = lambda: market.tariff_add(  # noqa: E731
        actor=actor, contract_product=priced, amount=Decimal("64.00"), valid_from=starts, valid_to=D(2026, 12, 31)
    )
    assert refused(add, "valid_from") == [
        "Deze periode overlapt met het tarief van 01-01-2026 tot en met 30-06-2026; een product heeft op elke dag "
        "één tarief."
    ]


def test_a_tariff_from_the_day_after_the_last_period_is_added(priced):  # N+1
    tariff = market.tariff_add(
        actor=UserFactory(),
        contract_product=priced,
        amount=Decimal("64.00"),
        valid_from=D(2026, 7, 1),
        valid_to=D(2026, 12, 31),
    )
    assert tariff.unit == priced.product.unit
    assert Tariff.objects.filter(contract_product=priced).count() == 2
    assert Event.objects.get(action="tariff.added").after["amount"] == "64.00"


def test_a_tariff_ending_the_day_before_the_first_period_is_added(actor):
    item = ContractProductFactory(contract=ContractFactory(starts_on=D(2026, 1, 1), ends_on=D(2027, 12, 31)))
    TariffFactory(contract_product=item, valid_from=D(2026, 7, 1), valid_to=D(2026, 12, 31))
    market.tariff_add(
        actor=actor,
        contract_product=item,
        amount=Decimal("60.00"),
        valid_from=D(2026, 1, 1),
        valid_to=D(2026, 6, 30),
    )
    before = database_fingerprint()
    with pytest.raises(ValidationError):
        market.tariff_add(
            actor=actor,
            contract_product=item,
            amount=Decimal("60.00"),
            valid_from=D(2026, 1, 1),
            valid_to=D(2026, 7, 1),
        )
    assert database_fingerprint() == before


def test_a_tariff_outside_the_contract_term_is_refused(priced, actor):
    assert refused(
        lambda: market.tariff_add(
            actor=actor,
            contract_product=priced,
            amount=Decimal("64.00"),
            valid_from=D(2026, 7, 1),
            valid_to=D(2028, 1, 1),
        ),
        "valid_to",
    ) == ["Het tarief loopt na het einde van het contract (31-12-2027) door."]


def test_the_provider_reports_its_waiting_time():
    item = ContractProductFactory()
    market.wait_time_report(actor=UserFactory(), contract_product=item, weeks=6, reported_on=D(2026, 11, 1))
    item.refresh_from_db()
    assert (item.reported_wait_weeks, item.reported_on) == (6, D(2026, 11, 1))
    assert Event.objects.get(action="wait_time.reported").after["weeks"] == 6
