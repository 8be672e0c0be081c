"""Who may use the enforcement pages (django-rules), declared once; the pages and the API check these.

Klantbeheer (role client_admin, demo `handhaving`) assesses signals and runs investigations; a coordinator records
a signal about a household they work with (the service checks the household) but does not see the lists.
"""

import rules

from ..organisations.roles import Role
from ..organisations.rules import has_role

PURPOSE = "enforcement"  # the processing activity of every enforcement step and read


def client_admin_organisations(actor) -> set[int]:
    """The organisations where `actor` works in klantbeheer (client_admin): the scope of every enforcement list,
    record and step."""
    held = getattr(actor, "affiliations_held", None)
    if held is None:
        return set()
    return {a.organisation_id for a in held() if a.role == Role.CLIENT_ADMIN}


PERMISSIONS = {
    "legal.handle_enforcement": has_role(Role.CLIENT_ADMIN),
    "legal.record_enforcement_signal": has_role(Role.CLIENT_ADMIN, Role.COORDINATOR),
}

for name, predicate in PERMISSIONS.items():
    if not rules.perm_exists(name):
        rules.add_perm(name, predicate)
