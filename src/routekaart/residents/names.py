"""How a family name is compared when someone searches: without case or accents ("Çelik" is found by "celik").

Each resident stores the search key of their family name beside it (`Resident.family_name_key`, set on every save
and by the generator's bulk load); the typed name is turned into a key by the same function, so both sides agree on
SQLite and PostgreSQL alike, without `unaccent`, ICU collations or a functional index the two databases write
differently. (A generated column could not hold it: SQLite's parser refuses an expression nested that deep.)
"""

from __future__ import annotations

import unicodedata

# Letters that Unicode does not decompose into a plain letter and an accent.
_NOT_DECOMPOSED = str.maketrans({"ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "\u0131": "i", "đ": "d", "Đ": "d", "æ": "ae"})

# Words before a family name that the population register keeps apart (voorvoegsels); "van Dijk" is found as "Dijk".
NAME_PREFIXES = frozenset({"van", "de", "der", "den", "het", "'t", "ten", "ter", "te", "in", "op", "la", "le", "du"})

NAME_KEY_LENGTH = 200


def name_key(text: str) -> str:
    """The search key of a name: accents off, case folded, spaces single ("  Çelik " → "celik")."""
    decomposed = unicodedata.normalize("NFKD", (text or "").translate(_NOT_DECOMPOSED))
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(plain.casefold().split())[:NAME_KEY_LENGTH]


def without_name_prefix(text: str) -> str:
    """A typed family name without the voorvoegsels in front ("van der Berg" → "Berg"); unchanged if nothing is
    left after them."""
    words = (text or "").split()
    index = 0
    while index < len(words) - 1 and words[index].lower() in NAME_PREFIXES:
        index += 1
    return " ".join(words[index:])
