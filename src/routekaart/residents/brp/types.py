"""What Routekaart takes over from a BRP answer: name, birth, gender, the address and the family ties by BSN.

Plain frozen dataclasses after the API's `Persoon`/`PersoonBeperkt` (naam, geboorte, geslacht, verblijfplaats,
partners, kinderen, ouders); a date the BRP only knows in part (JaarDatum, DatumOnbekend) is None here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class BrpAddress:
    """A Dutch address (verblijfplaats of type Adres); `object_id` is the BAG adresseerbaar object."""

    street: str
    house_number: int
    postcode: str
    city: str
    house_letter: str = ""
    house_number_addition: str = ""
    object_id: str = ""
    since: date | None = None

    @property
    def addition(self) -> str:
        """Routekaart keeps huisletter and huisnummertoevoeging in one field, the letter first."""
        return " ".join(part for part in (self.house_letter, self.house_number_addition) if part)


@dataclass(frozen=True)
class BrpRelative:
    """A partner, child or parent as the BRP names them in a person's answer (the BSN may be missing)."""

    bsn: str
    given_names: str = ""
    name_prefix: str = ""
    family_name: str = ""
    birth_date: date | None = None


@dataclass(frozen=True)
class BrpPerson:
    bsn: str
    given_names: str
    family_name: str
    name_prefix: str = ""
    birth_date: date | None = None
    gender: str = "unknown"
    address: BrpAddress | None = None
    date_of_death: date | None = None
    partners: tuple[BrpRelative, ...] = field(default=())
    children: tuple[BrpRelative, ...] = field(default=())
    parents: tuple[BrpRelative, ...] = field(default=())

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.given_names, self.name_prefix, self.family_name) if part)
