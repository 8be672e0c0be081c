"""Being built: see insights._stub."""

from ._stub import stub

export = stub
print_view = stub
print_pdf = stub
