"""AGB codes (Vektis) and KvK numbers: checked on entry so a message never carries a number that cannot exist."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def validate_agb(value: str) -> None:
    """Eight digits; the first two name the kind of care provider (Vektis zorgsoort), never 00."""
    if not isinstance(value, str) or len(value) != 8 or not value.isascii() or not value.isdigit():
        raise ValidationError(_("Een AGB-code bestaat uit acht cijfers."), code="agb_format")
    if value.startswith("00"):
        raise ValidationError(_("Een AGB-code begint met de zorgsoort en kan niet met 00 beginnen."), code="agb_kind")


def validate_kvk(value: str) -> None:
    """Eight digits, not all zero (the KvK gave up its check digit in 2017)."""
    if not isinstance(value, str) or len(value) != 8 or not value.isascii() or not value.isdigit():
        raise ValidationError(_("Een KvK-nummer bestaat uit acht cijfers."), code="kvk_format")
    if value == "00000000":
        raise ValidationError(_("Dit KvK-nummer bestaat niet."), code="kvk_zero")
