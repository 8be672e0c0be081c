"""Being built: see insights._stub."""

from ._stub import stub

what_works = stub
what_works_panel = stub
