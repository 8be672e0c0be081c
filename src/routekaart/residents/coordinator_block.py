"""The household page's first block: the one coordinator ("één huishouden, één regisseur"), always shown.

Read from the coordinator involvements the household file already loaded (no query): who, for which organisation
or team, since when, and how to reach them. Cases, benefits and trajectories have no coordinator of their own.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from .household_blocks import HouseholdBlock
from .selectors import HouseholdFile

ORDER = 0


def coordinator_block(file: HouseholdFile) -> HouseholdBlock:
    """The household's coordinator today (or that there is none yet)."""
    return HouseholdBlock(
        key="coordinator",
        title=_("Regisseur"),
        template="residents/components/household_coordinator.html",
        context={"involvement": file.coordinator_on(file.access.on)},
    )
