"""Who may use the residents screens at all; which household and which domain is for `access.py` to say.

The household screens and break-the-glass follow the register of processing activities: a role may open them only
when the register lets it process personal data for that purpose, so the screens and the access check never
disagree about a role.
"""

import rules

from ..organisations.roles import Role
from ..organisations.rules import has_role
from .access import purpose_roles


def processes(purpose: str) -> rules.Predicate:
    """The user holds a staff role that the register lets process personal data for `purpose`."""

    @rules.predicate(name=f"processes:{purpose}")
    def predicate(user) -> bool:
        if not getattr(user, "is_authenticated", False):
            return False
        allowed = purpose_roles(user, purpose)
        return any(role in allowed for role in user.roles if role != Role.RESIDENT)

    return predicate


rules.add_perm("residents.view_households", processes("household-file"))
rules.add_perm("residents.break_glass", processes("break-the-glass"))
rules.add_perm("residents.register_resident", has_role(Role.COORDINATOR))
rules.add_perm("residents.record_consent", has_role(Role.COORDINATOR, Role.JOB_COACH))
# The household journal: staff who may process the household file write notes and add documents (in the domains
# the access check opens to them); residents read what is visible to them, they do not write in it.
rules.add_perm("residents.keep_journal", processes("household-file"))
