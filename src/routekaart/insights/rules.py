"""Who may see the insights (django-rules), declared once: beleid and management see every figure; the market
manager sees the flows per provider for contract steering. The caseworker's "what works" panel is for the roles that
choose an instrument or a provision with a resident. Aggregates only: no role sees a person here."""

import rules

from ..organisations.roles import Role
from ..organisations.rules import has_role

PERMISSIONS = {
    "insights.view_insights": has_role(Role.POLICY, Role.MARKET_MANAGER),
    "insights.simulate_policy": has_role(Role.POLICY),
    "insights.view_what_works_panel": has_role(Role.COORDINATOR, Role.JOB_COACH),
}

for name, predicate in PERMISSIONS.items():
    if not rules.perm_exists(name):
        rules.add_perm(name, predicate)
