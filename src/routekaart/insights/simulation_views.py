"""Being built: see insights._stub."""

from ._stub import stub

simulation = stub
scenario_detail = stub
