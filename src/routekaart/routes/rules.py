"""Who may see route templates and walk residents along them (django-rules; pages and API check the same names).

Route templates are configuration without personal data: every staff member may read them. Functioneel beheer
changes them by loading a new version of a data file.
"""

import rules

from ..organisations.roles import Role
from ..organisations.rules import has_role, is_staff_member

rules.add_perm("routes.view_templates", is_staff_member)
rules.add_perm("routes.manage_templates", has_role(Role.FUNCTIONAL_ADMIN))

# Trajectories hold personal data: the role opens the screens; which resident is for residents.access to say, and
# which step an organisation may act in is for the route (services.py).
rules.add_perm("routes.view_trajectories", has_role(Role.COORDINATOR, Role.JOB_COACH, Role.SCHOOL, Role.PROVIDER))
rules.add_perm("routes.start_trajectory", has_role(Role.COORDINATOR, Role.JOB_COACH, Role.SCHOOL))
rules.add_perm("routes.view_school_dashboard", has_role(Role.SCHOOL))
rules.add_perm("routes.view_dienst_dashboard", has_role(Role.COORDINATOR, Role.JOB_COACH))
