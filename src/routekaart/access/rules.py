"""Who may use the integrale toegang screens; which household and domain is for `residents.access` to say."""

import rules

from ..organisations.roles import Role
from ..organisations.rules import has_role

# The case file is read by the professionals who work with households; the steps are the coordinator's.
rules.add_perm("access.view_cases", has_role(Role.COORDINATOR, Role.JOB_COACH))
rules.add_perm("access.work_cases", has_role(Role.COORDINATOR))
rules.add_perm("access.decide", has_role(Role.COORDINATOR))
