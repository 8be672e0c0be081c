"""Who may see and change the catalog. It holds no personal data: every staff member may read it; functioneel
beheer changes it (through the admin, or by loading a new version of a data file)."""

import rules

from ..organisations.roles import Role
from ..organisations.rules import has_role, is_staff_member

rules.add_perm("catalog.view_catalog", is_staff_member)
rules.add_perm("catalog.manage_catalog", has_role(Role.FUNCTIONAL_ADMIN))
