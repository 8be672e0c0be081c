"""What the API accepts, bounded to what the database can hold: ids of at most 18 digits, pages of at most 1,000.

Without these bounds an id like 326497091202105606144 (in the path or the body) or `?limit=10**25` reaches the
database, which cannot bind it (SQLite: OverflowError; PostgreSQL: out of range for bigint), and the API answers 500.
With them the id is simply no object (404 for the path, 400 for the body) and the page is cut to the maximum.

Dependency-free: Django and DRF only, so every app's API may use it.
"""

from rest_framework import pagination, serializers

# The largest id of a bigint primary key (SQLite INTEGER and PostgreSQL bigint alike).
MAX_ID = 2**63 - 1


class ObjectIdConverter:
    """URL converter `id`: a database id, 1 to 18 digits (always below MAX_ID). Registered by WebConfig.ready
    (core has no app of its own)."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int | str) -> str:
        return str(value)


def object_id_field(**kwargs) -> serializers.IntegerField:
    """An id in a request body: a whole number from 1 to MAX_ID; anything else is refused per field (400)."""
    return serializers.IntegerField(min_value=1, max_value=MAX_ID, **kwargs)


class LimitOffsetPagination(pagination.LimitOffsetPagination):
    """DRF's limit/offset pages, with a maximum page size (DRF has none: any `limit` went to the database)."""

    max_limit = 1000
