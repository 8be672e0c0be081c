"""Being built: see insights._stub."""

from ._stub import stub

cost_benefit = stub
