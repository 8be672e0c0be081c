"""Permissions by role, declared once (django-rules); views and API check the same names."""

import rules

from .roles import Role


def has_role(*roles: str) -> rules.Predicate:
    @rules.predicate(name=f"has_role:{'|'.join(roles)}")
    def predicate(user) -> bool:
        return bool(getattr(user, "is_authenticated", False)) and any(r in user.roles for r in roles)

    return predicate


is_staff_member = has_role(*(r for r in Role.values if r != Role.RESIDENT))

rules.add_perm("organisations.view_network", is_staff_member)
rules.add_perm("organisations.view_caseload", has_role(Role.COORDINATOR, Role.JOB_COACH))
rules.add_perm("organisations.view_employers", has_role(Role.EMPLOYER_ADVISER))
rules.add_perm("organisations.view_pupils", has_role(Role.SCHOOL))
rules.add_perm("organisations.view_assignments", has_role(Role.PROVIDER))
rules.add_perm("organisations.view_aggregates", has_role(Role.POLICY))
rules.add_perm("organisations.manage_configuration", has_role(Role.FUNCTIONAL_ADMIN))
rules.add_perm("organisations.view_processing_log", has_role(Role.PRIVACY_OFFICER))
rules.add_perm("organisations.view_own_household", has_role(Role.RESIDENT))
