"""A client of the Haal Centraal BRP Personen bevragen API (v2): POST /personen with a query `type`.

After the published OpenAPI (BRP-API/Haal-Centraal-BRP-bevragen, specificatie/openapi.yaml): the request is a JSON
`PersonenQuery` with `type`, `fields` and the type's own parameters; the answer a `PersonenQueryResponse` with
`personen`; a refusal RFC 7807 problem+json. The key goes in the X-Api-Key header.

Whatever goes wrong (no answer in time, no connection, a refusal, an answer we cannot read) becomes `BrpUnavailable`
with one Dutch message for the screen. The log line names the status and the problem's code, never a BSN: the BSN
travels only in the POST body, never in a URL.
"""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

import httpx
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .types import BrpAddress, BrpPerson, BrpRelative

logger = logging.getLogger(__name__)

UNAVAILABLE = _("De BRP geeft nu geen antwoord; probeer het later of registreer handmatig met een reden.")

PERSON_FIELDS = (
    "burgerservicenummer",
    "naam",
    "geboorte",
    "geslacht",
    "overlijden",
    "verblijfplaats",
    "partners",
    "kinderen",
    "ouders",
)
# What a search by address may ask for (PersoonBeperkt).
CO_RESIDENT_FIELDS = ("burgerservicenummer", "naam", "geboorte", "geslacht")
GENDERS = {"M": "male", "V": "female", "O": "unknown"}
MAX_BSNS_PER_QUESTION = 20  # RaadpleegMetBurgerservicenummer: burgerservicenummer has maxItems 20


class BrpUnavailable(Exception):
    """The BRP gave no usable answer; the message is the one Dutch sentence for the screen."""

    def __init__(self, reason: str = "") -> None:
        super().__init__(str(UNAVAILABLE))
        self.reason = reason  # for the log: a status or an error class, never personal data


class BrpClient:
    """One BRP endpoint: `base_url` is the API's root (…/haalcentraal/api/brp), the client adds /personen."""

    def __init__(self, base_url: str, api_key: str = "", timeout: float = 5.0, transport=None) -> None:
        self.base_url = base_url.rstrip("/")
        self.api_key = api_key
        self.timeout = timeout
        self.transport = transport

    def person(self, bsn: str) -> BrpPerson | None:
        """The living or deceased person with this BSN, or None when the BRP does not know the number."""
        found = self.persons([bsn])
        return found[0] if found else None

    def persons(self, bsns: list[str]) -> list[BrpPerson]:
        """RaadpleegMetBurgerservicenummer for up to 20 BSNs at once (the API's limit)."""
        if not bsns:
            return []
        if len(bsns) > MAX_BSNS_PER_QUESTION:
            raise ValueError("at most 20 BSNs per question")
        answer = self._ask(
            {
                "type": "RaadpleegMetBurgerservicenummer",
                "burgerservicenummer": list(bsns),
                "fields": list(PERSON_FIELDS),
                "inclusiefOverledenPersonen": True,
            }
        )
        return [person_parse(item) for item in answer]

    def residents_at(self, address_object_id: str) -> list[BrpPerson]:
        """ZoekMetAdresseerbaarObjectIdentificatie: everyone living at this BAG object today (name, birth, gender)."""
        answer = self._ask(
            {
                "type": "ZoekMetAdresseerbaarObjectIdentificatie",
                "adresseerbaarObjectIdentificatie": address_object_id,
                "fields": list(CO_RESIDENT_FIELDS),
            }
        )
        return [person_parse(item) for item in answer]

    def _ask(self, query: dict[str, Any]) -> list[dict]:
        headers = {"Accept": "application/json", "Content-Type": "application/json; charset=utf-8"}
        if self.api_key:
            headers["X-Api-Key"] = self.api_key
        try:
            with httpx.Client(timeout=self.timeout, transport=self.transport) as http:
                response = http.post(f"{self.base_url}/personen", json=query, headers=headers)
        except httpx.HTTPError as error:
            logger.warning("BRP %s: no answer (%s)", query["type"], type(error).__name__)
            raise BrpUnavailable(type(error).__name__) from None
        if response.status_code != 200:
            code = _problem_code(response)
            logger.warning("BRP %s: status %s, code %s", query["type"], response.status_code, code)
            raise BrpUnavailable(f"status {response.status_code}")
        try:
            body = response.json()
            personen = body.get("personen", [])
            if not isinstance(personen, list):
                raise TypeError("personen is not a list")
        except (ValueError, TypeError, AttributeError) as error:
            logger.warning("BRP %s: unreadable answer (%s)", query["type"], type(error).__name__)
            raise BrpUnavailable("unreadable") from None
        return personen


def _problem_code(response: httpx.Response) -> str:
    """The problem's `code` (e.g. paramsValidation, notAvailable): safe to log, it holds no input."""
    try:
        code = response.json().get("code", "")
    except (ValueError, AttributeError):
        return "-"
    return code if isinstance(code, str) and code.isalnum() and len(code) <= 25 else "-"


def brp_client() -> BrpClient:
    """The client configured in settings (BRP_API_URL, BRP_API_KEY, BRP_TIMEOUT); see docs/deployment.md."""
    if not settings.BRP_API_URL:
        raise BrpUnavailable("not configured")
    return BrpClient(settings.BRP_API_URL, api_key=settings.BRP_API_KEY, timeout=settings.BRP_TIMEOUT)


# --- Parsing the answer ----------------------------------------------------------------------------------------


def _date(value: Any) -> date | None:
    """An AbstractDatum: only a full date (type Datum) is a date; JaarDatum and DatumOnbekend are None."""
    if not isinstance(value, dict) or value.get("type") != "Datum":
        return None
    try:
        return date.fromisoformat(value.get("datum", ""))
    except (TypeError, ValueError):
        return None


def _name(item: dict) -> dict[str, str]:
    naam = item.get("naam") or {}
    return {
        "given_names": naam.get("voornamen", ""),
        "name_prefix": naam.get("voorvoegsel", ""),
        "family_name": naam.get("geslachtsnaam", ""),
    }


def _postcode(value: str) -> str:
    compact = value.replace(" ", "").upper()
    return f"{compact[:4]} {compact[4:]}" if len(compact) == 6 else value


def _address(verblijfplaats: Any) -> BrpAddress | None:
    """A verblijfplaats of type Adres (in the Netherlands); abroad, unknown or a location description is None."""
    if not isinstance(verblijfplaats, dict) or verblijfplaats.get("type") != "Adres":
        return None
    adres = verblijfplaats.get("verblijfadres") or {}
    if not adres.get("huisnummer") or not adres.get("postcode"):
        return None
    return BrpAddress(
        street=adres.get("officieleStraatnaam") or adres.get("korteStraatnaam", ""),
        house_number=int(adres["huisnummer"]),
        house_letter=adres.get("huisletter", ""),
        house_number_addition=adres.get("huisnummertoevoeging", ""),
        postcode=_postcode(adres["postcode"]),
        city=adres.get("woonplaats", ""),
        object_id=verblijfplaats.get("adresseerbaarObjectIdentificatie", ""),
        since=_date(verblijfplaats.get("datumVan")),
    )


def _relatives(items: Any) -> tuple[BrpRelative, ...]:
    return tuple(
        BrpRelative(
            bsn=item.get("burgerservicenummer", ""),
            birth_date=_date((item.get("geboorte") or {}).get("datum")),
            **_name(item),
        )
        for item in items or ()
        if isinstance(item, dict)
    )


def person_parse(item: dict) -> BrpPerson:
    """A `Persoon` (or `PersoonBeperkt`) of the answer as Routekaart's `BrpPerson`."""
    return BrpPerson(
        bsn=item.get("burgerservicenummer", ""),
        birth_date=_date((item.get("geboorte") or {}).get("datum")),
        gender=GENDERS.get((item.get("geslacht") or {}).get("code", ""), "unknown"),
        address=_address(item.get("verblijfplaats")),
        date_of_death=_date((item.get("overlijden") or {}).get("datum")),
        partners=_relatives(item.get("partners")),
        children=_relatives(item.get("kinderen")),
        parents=_relatives(item.get("ouders")),
        **_name(item),
    )
