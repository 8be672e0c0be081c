"""Who may see and run the payment runs (django-rules), declared once; the pages and the API check these.

Klantbeheer (client_admin) prepares, cancels and approves; the service also checks that the approver is another
person than who prepared, and that both work at the run's Dienst.
"""

import rules

from ..organisations.roles import Role
from ..organisations.rules import has_role

PERMISSIONS = {
    "income.manage_payment_runs": has_role(Role.CLIENT_ADMIN),
}

for name, predicate in PERMISSIONS.items():
    if not rules.perm_exists(name):
        rules.add_perm(name, predicate)
