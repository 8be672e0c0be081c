"""Who may use the residents screens at all; which household and which domain is for `access.py` to say."""

import rules

from ..organisations.roles import ROLE_DOMAINS, Role
from ..organisations.rules import has_role, is_staff_member

# Roles whose work is with households (their role grants at least one domain).
CASEWORK_ROLES = tuple(r for r in Role.values if r != Role.RESIDENT and ROLE_DOMAINS.get(r))

rules.add_perm("residents.view_households", is_staff_member)
rules.add_perm("residents.break_glass", has_role(*CASEWORK_ROLES))
rules.add_perm("residents.register_resident", has_role(Role.COORDINATOR))
rules.add_perm("residents.record_consent", has_role(Role.COORDINATOR, Role.JOB_COACH))
