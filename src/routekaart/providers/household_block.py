"""The household page's block of the assignments: which provider delivers which granted provision, its state
(sent, started on, stopped on and why), the provider's latest progress report against the plan's goals, and the
iWmo/iJw messages exchanged. Registered by `providers.registrations`."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ..organisations.roles import Domain
from ..residents.household_blocks import HouseholdBlock, block_register
from ..residents.selectors import HouseholdFile
from .selectors_household import household_assignments

ORDER = 45  # after the toegang's decisions (40)
LAWS = (Domain.SUPPORT, Domain.YOUTH)  # W and J: the laws whose provisions a provider delivers under an assignment


def assignments_block(file: HouseholdFile) -> HouseholdBlock | None:
    """Only the laws the viewer may see in this household (file.access.permits); none, or no assignment: no block.
    The reads are the same three queries whatever the household holds."""
    laws = [law for law in LAWS if file.access.permits(law)]
    if not laws:
        return None
    rows = household_assignments(
        user=file.access.user, household_id=file.household.pk, laws=laws, channel=file.access.channel
    )
    if not rows:
        return None
    return HouseholdBlock(
        key="assignments",
        title=_("Toewijzingen aan aanbieders"),
        template="providers/household_block.html",
        context={"rows": rows},
        domain=laws[0] if len(laws) == 1 else Domain.GENERAL,
    )


def register() -> None:
    block_register("assignments", assignments_block, ORDER)
