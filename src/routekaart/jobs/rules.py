"""Who may see and start the background jobs: functioneel beheer."""

import rules

from ..organisations.roles import Role
from ..organisations.rules import has_role

rules.add_perm("jobs.manage_jobs", has_role(Role.FUNCTIONAL_ADMIN))
