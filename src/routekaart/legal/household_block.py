"""The household page's block of objections: the household's open objections, each with its status and the days
left of its decision term, for the coordinator and the legal team (the roles of objection handling). Registered by
`legal.registrations`. Four queries (the objections, their hearings, appeals and notices), and none when the
viewer holds neither role."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ..organisations.roles import Role
from ..residents.household_blocks import HouseholdBlock, block_register
from ..residents.selectors import HouseholdFile
from .selectors import household_open_objections

ORDER = 42  # after the toegang's decisions (40), before the providers' assignments (45)
ROLES = (Role.COORDINATOR, Role.LEGAL)


def objections_block(file: HouseholdFile) -> HouseholdBlock | None:
    user = file.access.user
    if not any(role in getattr(user, "roles", ()) for role in ROLES):
        return None
    rows = household_open_objections(household_id=file.household.pk, on=file.access.on)
    if not rows:
        return None
    return HouseholdBlock(
        key="objections",
        title=_("Bezwaren"),
        template="legal/household_block.html",
        context={"rows": rows},
    )


def register() -> None:
    block_register("objections", objections_block, ORDER)
