"""Monthly route flows for the forecast tests: aggregates only (FlowCount), as the flows refresh writes them."""

from collections.abc import Sequence
from datetime import date

import factory

from ..forecasting import add_months
from ..models import Direction, FlowCount, FlowDimension


class RouteFlowFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FlowCount

    dimension = FlowDimension.ROUTE
    key = "werk"
    label = "Werk"
    direction = Direction.IN
    month = date(2026, 1, 1)
    count = 12


def route_series(
    counts: Sequence[int],
    *,
    start: date,
    key: str = "werk",
    label: str = "Werk",
    direction: str = Direction.IN,
    municipality=None,
    district=None,
) -> list[FlowCount]:
    """One FlowCount per month from `start` (a month counting 0 has no row, as the flows refresh writes it)."""
    return [
        RouteFlowFactory(
            key=key,
            label=label,
            direction=direction,
            month=add_months(start, index),
            count=count,
            municipality=municipality,
            district=district,
        )
        for index, count in enumerate(counts)
        if count
    ]
