"""The secondary suppression of the flows tables: a total is shown, but never lets one small count be worked out."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from routekaart.insights import selectors_flows
from routekaart.insights.suppression import MIN_GROUP
from routekaart.insights.tables import SUPPRESSED


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.integers(min_value=0, max_value=40), min_size=1, max_size=12))
def test_a_shown_total_never_gives_away_one_hidden_count(values):
    rows, [total] = selectors_flows._with_totals(list(range(len(values))), [values])
    cells = [cell for _, cell in rows]
    hidden = [value for value, cell in zip(values, cells, strict=True) if cell is SUPPRESSED]
    assert all(cell is SUPPRESSED for value, cell in zip(values, cells, strict=True) if 0 < value < MIN_GROUP)
    if total is not SUPPRESSED:
        # the total minus the shown counts is the sum of the hidden ones: never one small count on its own
        assert len(hidden) != 1
        assert total == sum(values)
