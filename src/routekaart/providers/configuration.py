"""Load the iStandaarden products the region contracts from data/products.yaml, through core's loader contract.

Products are reference data, not records the region edits: a new list is a new file version. Each version updates
the products it names (matched by law, category and code) and records the version on them; a product a later
version leaves out stays, because contracts and assignments point at it. Loading the same file twice changes
nothing; a changed file under a loaded version is refused (raise `version`).
"""

from pathlib import Path

from django.db import transaction

from ..audit.configuration import data_file_load
from ..catalog import selectors as catalog_selectors
from ..core.configuration import ConfigurationError, DataFile, data_file_read
from .models import Law, Product
from .standard import FREQUENCIES, UNITS

DATA = Path(__file__).resolve().parent / "data"
PRODUCTS = "providers/products"
_FIELDS = ("law", "category", "category_name", "code", "name", "unit", "frequency", "building_block")


def _block_ids() -> dict[str, int]:
    """Every building block in force, by its `cluster.block` key: one query."""
    return {v.building_block.key: v.building_block_id for v in catalog_selectors.building_block_version_list()}


def _checked(row: object, where: str, blocks: dict[str, int]) -> dict:
    if not isinstance(row, dict):
        raise ConfigurationError(f"{where}: een product is een mapping")
    missing = [key for key in _FIELDS if not str(row.get(key) or "").strip()]
    if missing:
        raise ConfigurationError(f"{where}: {', '.join(missing)} ontbreekt")
    values = {key: str(row[key]).strip() for key in _FIELDS}
    if values["law"] not in Law.values:
        raise ConfigurationError(f"{where}: wet {values['law']!r} is geen W of J")
    if len(values["category"]) != 2 or not values["category"].isdigit():
        raise ConfigurationError(f"{where}: productcategorie {values['category']!r} is geen code van twee cijfers")
    if len(values["code"]) != 5 or not values["code"].isalnum():
        raise ConfigurationError(f"{where}: productcode {values['code']!r} is geen code van vijf tekens")
    if values["unit"] not in UNITS:
        raise ConfigurationError(f"{where}: eenheid {values['unit']!r} staat niet in WJ756")
    if values["frequency"] not in FREQUENCIES:
        raise ConfigurationError(f"{where}: frequentie {values['frequency']!r} staat niet in WJ757")
    if values["building_block"] not in blocks:
        raise ConfigurationError(f"{where}: bouwsteen {values['building_block']!r} bestaat niet in de catalogus")
    return values


def _products_apply(data: DataFile) -> None:
    rows = data.content.get("products")
    if not isinstance(rows, list) or not rows:
        raise ConfigurationError(f"{data.path.name}: 'products' ontbreekt of is leeg")
    blocks = _block_ids()
    checked = [_checked(row, f"{data.path.name} products[{i}]", blocks) for i, row in enumerate(rows)]
    keys = [(v["law"], v["category"], v["code"]) for v in checked]
    if len(set(keys)) != len(keys):
        raise ConfigurationError(f"{data.path.name}: een product (wet, categorie, code) staat er twee keer in")
    for values in checked:
        Product.objects.update_or_create(
            law=values["law"],
            category_code=values["category"],
            code=values["code"],
            defaults={
                "category_name": values["category_name"],
                "name": values["name"],
                "unit": values["unit"],
                "frequency": values["frequency"],
                "building_block_id": blocks[values["building_block"]],
                "version": data.version,
            },
        )


@transaction.atomic
def products_load(path: Path | None = None) -> str:
    """The entry for `load_configuration` (settings.ROUTEKAART_CONFIGURATION_LOADERS); after the catalog's loader."""
    data = data_file_read(path or DATA / "products.yaml", PRODUCTS)
    new = data_file_load(data, _products_apply)
    return f"{Product.objects.count()} producten; {data.source} ({'new' if new else 'unchanged'})"
