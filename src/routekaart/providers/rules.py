"""Who may use the providers app's screens (django-rules); views and API check the same names.

Each lane of the app adds its own permissions here. Which assignments a provider sees is not a rule but a scope:
`selectors_desk.provider_organisation_ids`.
"""

import rules

from ..organisations.roles import Role
from ..organisations.rules import has_role

# The provider's desk (/aanbieder/ and /api/v1/aanbieder/): its own assignments, contracts and declarations.
rules.add_perm("providers.use_desk", has_role(Role.PROVIDER))
