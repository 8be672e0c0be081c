"""Who may use the bestaanszekerheid screens; which household is for `residents.access` to say (domain P)."""

import rules

from ..organisations.roles import Role
from ..organisations.rules import has_role, is_staff_member

rules.add_perm("income.view_clients", has_role(Role.COORDINATOR))
rules.add_perm("income.manage_benefits", has_role(Role.COORDINATOR))
rules.add_perm("income.view_caseload", has_role(Role.COORDINATOR, Role.POLICY))
rules.add_perm("income.view_non_take_up", has_role(Role.COORDINATOR, Role.POLICY, Role.FUNCTIONAL_ADMIN))
rules.add_perm("income.view_norms", is_staff_member)
