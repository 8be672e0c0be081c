"""The Dutch citizen service number (BSN) check, written once so every layer can ask it.

Residents stores BSNs and the privacy officer searches the processing log by one; both sit on different layers
(audit is below residents), so the 11-check lives here in `core`, which imports nothing of the project.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

BSN_WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2, -1)


def bsn_is_valid(value: str) -> bool:
    """Nine digits, not all zero, passing the 11-check: sum of digit x weight (9..2, -1) is a multiple of 11."""
    if not isinstance(value, str) or len(value) != 9 or not value.isascii() or not value.isdigit():
        return False
    if value == "000000000":
        return False
    return sum(int(d) * w for d, w in zip(value, BSN_WEIGHTS, strict=True)) % 11 == 0


def validate_bsn(value: str) -> None:
    """Refuse a BSN that is not nine digits, or that no one can have because it fails the 11-check."""
    if not isinstance(value, str) or len(value) != 9 or not value.isascii() or not value.isdigit():
        raise ValidationError(_("Een BSN bestaat uit negen cijfers."), code="bsn_format")
    if not bsn_is_valid(value):
        raise ValidationError(_("Dit BSN bestaat niet: het voldoet niet aan de elfproef."), code="bsn_check")
