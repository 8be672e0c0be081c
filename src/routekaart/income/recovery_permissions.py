"""Who may read and handle claims (django-rules), declared once; the pages and the API check these.

Klantbeheer (client_admin) establishes and collects claims for the households of its Dienst; a coordinator reads
and handles the claims of the households they coordinate (the access check decides which households).
"""

import rules

from ..organisations.roles import Role
from ..organisations.rules import has_role

PERMISSIONS = {
    "income.view_claims": has_role(Role.CLIENT_ADMIN, Role.COORDINATOR),
    "income.manage_claims": has_role(Role.CLIENT_ADMIN, Role.COORDINATOR),
}

for name, predicate in PERMISSIONS.items():
    if not rules.perm_exists(name):
        rules.add_perm(name, predicate)
