"""Who may handle conduct complaints and read the quality figures (django-rules), declared once.

Klantbeheer (legal) handles conduct complaints; coordinators never see complaints about colleagues. The quality
page is aggregates only: legal and beleid (policy) read it.
"""

import rules

from ..organisations.roles import Role
from ..organisations.rules import has_role

PERMISSIONS = {
    "legal.handle_conduct_complaints": has_role(Role.LEGAL),
    "legal.view_quality": has_role(Role.LEGAL, Role.POLICY),
}

for name, predicate in PERMISSIONS.items():
    if not rules.perm_exists(name):
        rules.add_perm(name, predicate)
