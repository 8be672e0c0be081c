"""Who may use the participation screens (django-rules; pages and API check the same names).

Which resident and which domain is for `residents.access` to say: a profile also needs the Participatiewet domain
(P) of the resident's household. Policy sees aggregates only, never a person.
"""

import rules

from ..organisations.roles import Role
from ..organisations.rules import has_role

CASEWORK = has_role(Role.COORDINATOR, Role.JOB_COACH)

rules.add_perm("participation.view_profile", CASEWORK)
rules.add_perm("participation.record", CASEWORK)
rules.add_perm("participation.decide", has_role(Role.COORDINATOR))
rules.add_perm("participation.view_team", CASEWORK)
rules.add_perm("participation.view_reports", has_role(Role.POLICY, Role.COORDINATOR, Role.JOB_COACH))
rules.add_perm("participation.view_budget", has_role(Role.POLICY, Role.FUNCTIONAL_ADMIN))
rules.add_perm("participation.set_budget", has_role(Role.POLICY, Role.FUNCTIONAL_ADMIN))
rules.add_perm("participation.view_configuration", has_role(*(r for r in Role.values if r != Role.RESIDENT)))
