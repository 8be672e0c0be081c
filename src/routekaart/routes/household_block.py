"""The household page's route block: each member's route or exit route, the step, who acts and who holds regie."""

from __future__ import annotations

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from ..residents.household_blocks import HouseholdAction, HouseholdBlock, access_for
from ..residents.selectors import HouseholdFile
from . import selectors

ORDER = 50


def route_block(file: HouseholdFile) -> HouseholdBlock | None:
    """Shown to those whose roles may guide routes (the register's route-guidance activity), within their scope."""
    access = access_for(file, selectors.ACTIVITY)
    members = [row.resident.pk for row in file.members if access.covers(row.resident.pk)]
    if not members:
        return None
    user = access.user
    actions = ()
    if user.has_perm("routes.start_trajectory"):
        start = reverse("routes:trajectory_start") + "?" + urlencode({"huishouden": file.household.pk})
        actions = (HouseholdAction(_("Route starten"), start),)
    return HouseholdBlock(
        key="routes",
        title=_("Routes"),
        template="routes/components/household_routes.html",
        context={"trajectories": selectors.household_trajectories(access=access, resident_ids=members)},
        url=reverse("routes:trajectory_list") if user.has_perm("routes.view_trajectories") else "",
        actions=actions,
    )
