"""Checks on Dutch identifiers, kept pure so models, forms, the API and the generator share them."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_countries import countries

# The 11-check is written once in core, so that layers below residents (the privacy officer's search) use it too.
from ..core.identifiers import BSN_WEIGHTS, bsn_is_valid, validate_bsn

__all__ = [
    "BSN_WEIGHTS",
    "bsn_is_valid",
    "postcode_normalise",
    "validate_bsn",
    "validate_country_code",
    "validate_postcode",
]

POSTCODE = re.compile(r"^\s*([1-9][0-9]{3})\s?([A-Za-z]{2})\s*$")
# PostNL never hands out these letter pairs (they read badly), so a postcode with them cannot exist.
POSTCODE_UNUSED_LETTERS = frozenset({"SA", "SD", "SS"})


def postcode_normalise(value: str) -> str:
    """`1234ab`, `1234 AB` and ` 1234 ab ` all become `1234 AB`; anything else is returned unchanged."""
    match = POSTCODE.match(value or "")
    return f"{match.group(1)} {match.group(2).upper()}" if match else value


def validate_postcode(value: str) -> None:
    match = POSTCODE.match(value or "")
    if not match or match.group(2).upper() in POSTCODE_UNUSED_LETTERS:
        raise ValidationError(_("Vul een Nederlandse postcode in, zoals 1234 AB."), code="postcode")


def validate_country_code(value: str) -> None:
    """Only a code of ISO 3166-1 alpha-2 (kept current by django-countries): "ZZ" or "NLD" is no country."""
    if not re.fullmatch(r"[A-Z]{2}", value or ""):
        raise ValidationError(_("Vul een landcode van twee hoofdletters in, zoals NL of MA."), code="country")
    if countries.alpha2(value) != value:
        raise ValidationError(
            _("%(code)s is geen bestaande landcode. Vul een landcode in volgens ISO 3166-1, zoals NL of MA."),
            code="country",
            params={"code": value},
        )
