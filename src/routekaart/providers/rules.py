"""Who may use the providers app's screens (django-rules); views and API check the same names.

Each lane of the app adds its own permissions here. Which assignments a provider sees is not a rule but a scope:
`selectors_desk.provider_organisation_ids`.
"""

import rules

from ..organisations.roles import Role
from ..organisations.rules import has_role

# The provider's desk (/aanbieder/ and /api/v1/aanbieder/): its own assignments, contracts and declarations.
rules.add_perm("providers.use_desk", has_role(Role.PROVIDER))

# Beheer markt (/markt/): the market manager manages contracts, products, tariffs and provider profiles; coordinators
# and policy read the contracts; coordinators choose from the contracted offers when they decide.
rules.add_perm("providers.manage_market", has_role(Role.MARKET_MANAGER))
rules.add_perm("providers.view_contracts", has_role(Role.MARKET_MANAGER, Role.COORDINATOR, Role.POLICY))
rules.add_perm("providers.view_offers", has_role(Role.MARKET_MANAGER, Role.COORDINATOR))
