"""Who may use the objection pages (django-rules), declared once; the pages check these.

The legal team (role legal) handles objections: every step, the letters, the register. A coordinator sees the
objections of the households they work with (the list, the file, the deadlines of their own households) and may
register one received at the desk; the services check the household and the steps.
"""

import rules

from ..organisations.roles import Role
from ..organisations.rules import has_role

PERMISSIONS = {
    "legal.handle_objections": has_role(Role.LEGAL),
    "legal.view_objections": has_role(Role.LEGAL, Role.COORDINATOR),
    "legal.register_objection": has_role(Role.LEGAL, Role.COORDINATOR),
}

for name, predicate in PERMISSIONS.items():
    if not rules.perm_exists(name):
        rules.add_perm(name, predicate)
