"""The products are reference data loaded from data/products.yaml through core's loader contract."""

from pathlib import Path

import pytest
import yaml

from routekaart.catalog.services import catalog_configuration_load
from routekaart.core.configuration import ConfigurationError
from routekaart.providers.configuration import DATA, products_load
from routekaart.providers.models import Product
from routekaart.testing import database_fingerprint

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def catalog():
    catalog_configuration_load()


def _copy(tmp_path: Path, change) -> Path:
    document = yaml.safe_load((DATA / "products.yaml").read_text())
    change(document)
    path = tmp_path / "products.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True))
    return path


def test_the_products_load_with_their_building_block(catalog):
    products_load()
    guidance = Product.objects.select_related("building_block__cluster").get(law="W", category_code="02", code="02A01")
    assert guidance.building_block.key == "care_and_support.guidance"
    assert (guidance.unit, guidance.frequency, guidance.version) == ("04", "2", "1")
    day = Product.objects.select_related("building_block__cluster").get(law="W", category_code="07", code="07A01")
    assert day.building_block.key == "care_and_support.guidance"
    youth = Product.objects.select_related("building_block__cluster").get(law="J", category_code="45", code="45A01")
    assert youth.building_block.key == "youth_care.outpatient_youth_care"


def test_every_product_names_a_five_character_code_and_a_two_digit_category(catalog):
    products_load()
    for product in Product.objects.all():
        assert len(product.code) == 5 and len(product.category_code) == 2 and product.category_code.isdigit()


def test_loading_the_same_file_twice_changes_nothing(catalog):
    products_load()
    before = database_fingerprint()
    assert "unchanged" in products_load()
    assert database_fingerprint() == before


def test_a_changed_file_under_the_same_version_is_refused_and_nothing_changes(catalog, tmp_path):
    products_load()
    path = _copy(tmp_path, lambda d: d["products"][0].update(name="Iets anders"))
    before = database_fingerprint()
    with pytest.raises(ConfigurationError, match="Verhoog 'version'"):
        products_load(path)
    assert database_fingerprint() == before


def test_a_new_version_updates_the_products_and_keeps_the_ones_it_leaves_out(catalog, tmp_path):
    products_load()
    count = Product.objects.count()

    def change(document):
        document["version"] = 2
        document["products"][0]["name"] = "Huishoudelijke ondersteuning"
        del document["products"][1]

    products_load(_copy(tmp_path, change))
    assert Product.objects.count() == count
    assert Product.objects.get(code="01A01").name == "Huishoudelijke ondersteuning"
    assert Product.objects.get(code="01A01").version == "2"
    assert Product.objects.get(code="01A02").version == "1"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("building_block", "care_and_support.nothing", "bouwsteen"),
        ("unit", "99", "WJ756"),
        ("frequency", "9", "WJ757"),
        ("code", "02A1", "vijf tekens"),
        ("law", "P", "W of J"),
    ],
)
def test_a_wrong_product_refuses_the_whole_file(catalog, tmp_path, field, value, message):
    path = _copy(tmp_path, lambda d: d["products"][3].update({field: value}))
    before = database_fingerprint()
    with pytest.raises(ConfigurationError, match=message):
        products_load(path)
    assert database_fingerprint() == before
