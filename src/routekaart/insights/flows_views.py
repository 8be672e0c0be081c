"""Being built: see insights._stub."""

from ._stub import stub

flows = stub
sankey = stub
caseload = stub
