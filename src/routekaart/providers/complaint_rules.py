"""Who may handle complaints and read the contract review (django-rules), declared once; the pages check these.

Beheer markt handles complaints and reads the review (beleid reads it too: aggregates only, seed 003's analyse en
informatie); a coordinator may file a complaint on behalf of a resident of a
household they work with (the service checks that household), but does not see the complaints list.
"""

import rules

from ..organisations.roles import Role
from ..organisations.rules import has_role

PERMISSIONS = {
    "providers.handle_complaints": has_role(Role.MARKET_MANAGER),
    "providers.file_complaint": has_role(Role.MARKET_MANAGER, Role.COORDINATOR),
    "providers.view_contract_review": has_role(Role.MARKET_MANAGER, Role.POLICY),  # aggregates: beleid reads it too
}

for name, predicate in PERMISSIONS.items():
    if not rules.perm_exists(name):
        rules.add_perm(name, predicate)
