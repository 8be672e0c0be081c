"""The API's JSON parser: a body nested deeper or larger than any real request is refused in Dutch (400) before
it is decoded.

Python's decoder recurses per level of nesting: `[` five thousand deep ends in a RecursionError, which was a
server error. DRF also reads the body past Django's DATA_UPLOAD_MAX_MEMORY_SIZE, so the same bound is applied here.

Dependency-free: Django and DRF only.
"""

import codecs
import json

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework import exceptions, parsers

# No request of the API nests deeper than a few levels (a plan's agreements with their goals); 32 leaves room.
MAX_DEPTH = 32


def too_deep(text: str, limit: int = MAX_DEPTH) -> bool:
    """Whether the arrays and objects of a JSON text nest deeper than `limit` (brackets inside strings do not
    count). Linear, without recursion; a text with few brackets is answered at once."""
    if text.count("[") + text.count("{") <= limit:
        return False
    depth = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > limit:
                return True
        elif char in "]}":
            depth -= 1
    return False


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser, bounded in size (DATA_UPLOAD_MAX_MEMORY_SIZE) and depth (MAX_DEPTH)."""

    def parse(self, stream, media_type=None, parser_context=None):
        parser_context = parser_context or {}
        encoding = parser_context.get("encoding", settings.DEFAULT_CHARSET)
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        raw = stream.read(limit + 1) if limit is not None else stream.read()
        if limit is not None and len(raw) > limit:
            raise exceptions.ParseError(
                _("Het verzoek is te groot: stuur ten hoogste %(size)s bytes.") % {"size": limit}, code="too_large"
            )
        try:
            text = codecs.decode(raw, encoding)
        except (UnicodeDecodeError, LookupError) as error:
            raise exceptions.ParseError(code="parse_error") from error
        if too_deep(text):
            raise exceptions.ParseError(
                _("De gegevens zijn te diep genest: ten hoogste %(depth)s niveaus.") % {"depth": MAX_DEPTH},
                code="too_deep",
            )
        try:
            return json.loads(text, parse_constant=_refuse_constant if self.strict else None)
        except (ValueError, RecursionError) as error:
            raise exceptions.ParseError(code="parse_error") from error


def _refuse_constant(name: str):
    raise ValueError(f"{name} is not valid JSON")
