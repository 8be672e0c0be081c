"""Checks on Dutch identifiers, kept pure so models, forms, the API and the generator share them."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

BSN_WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2, -1)
POSTCODE = re.compile(r"^\s*([1-9][0-9]{3})\s?([A-Za-z]{2})\s*$")
# PostNL never hands out these letter pairs (they read badly), so a postcode with them cannot exist.
POSTCODE_UNUSED_LETTERS = frozenset({"SA", "SD", "SS"})


def bsn_is_valid(value: str) -> bool:
    """Nine digits, not all zero, passing the 11-check: sum of digit x weight (9..2, -1) is a multiple of 11."""
    if not isinstance(value, str) or len(value) != 9 or not value.isascii() or not value.isdigit():
        return False
    if value == "000000000":
        return False
    return sum(int(d) * w for d, w in zip(value, BSN_WEIGHTS, strict=True)) % 11 == 0


def validate_bsn(value: str) -> None:
    if not isinstance(value, str) or len(value) != 9 or not value.isascii() or not value.isdigit():
        raise ValidationError(_("Een BSN bestaat uit negen cijfers."), code="bsn_format")
    if not bsn_is_valid(value):
        raise ValidationError(_("Dit BSN bestaat niet: het voldoet niet aan de elfproef."), code="bsn_check")


def postcode_normalise(value: str) -> str:
    """`1234ab`, `1234 AB` and ` 1234 ab ` all become `1234 AB`; anything else is returned unchanged."""
    match = POSTCODE.match(value or "")
    return f"{match.group(1)} {match.group(2).upper()}" if match else value


def validate_postcode(value: str) -> None:
    match = POSTCODE.match(value or "")
    if not match or match.group(2).upper() in POSTCODE_UNUSED_LETTERS:
        raise ValidationError(_("Vul een Nederlandse postcode in, zoals 1234 AB."), code="postcode")


def validate_country_code(value: str) -> None:
    if not re.fullmatch(r"[A-Z]{2}", value or ""):
        raise ValidationError(_("Vul een landcode van twee hoofdletters in, zoals NL of MA."), code="country")
