"""Who may use the werkgeversdienstverlening screens; which candidate is for `privacy.py` to say."""

import rules

from ..organisations.roles import Role
from ..organisations.rules import has_role


@rules.predicate
def is_employer_contact(user) -> bool:
    """An account of a contact person at an employer (the employer page); no staff role needed."""
    if not getattr(user, "is_authenticated", False):
        return False
    contact = getattr(user, "employer_contact", None)
    return contact is not None and contact.is_active


rules.add_perm("work.manage", has_role(Role.EMPLOYER_ADVISER))
rules.add_perm("work.edit_work_profile", has_role(Role.COORDINATOR, Role.JOB_COACH))
rules.add_perm("work.view_social_return", has_role(Role.EMPLOYER_ADVISER, Role.POLICY))
rules.add_perm("work.view_vacancy_service", rules.is_authenticated)
rules.add_perm("work.view_employer_page", is_employer_contact)
