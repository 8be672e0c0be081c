"""The household page's participation block: labour distance, wage value, register status, instruments in force."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..organisations.roles import Domain
from ..residents.household_blocks import HouseholdBlock, access_for
from ..residents.selectors import HouseholdFile
from . import selectors

ORDER = 60


def participation_block(file: HouseholdFile) -> HouseholdBlock | None:
    """Participatiewet data (domain P): for roles the participation activity allows, per person where only a
    consent opens it."""
    access = access_for(file, selectors.ACTIVITY, Domain.PARTICIPATION)
    members = [row.resident for row in file.members if access.covers(row.resident.pk)]
    if not members:
        return None
    user = access.user
    rows = selectors.household_participation(access=access, residents=members)
    return HouseholdBlock(
        key="participation",
        title=_("Participatie"),
        template="participation/components/household_participation.html",
        context={"rows": rows, "linked": user.has_perm("participation.view_profile")},
        url=reverse("participation:team") if user.has_perm("participation.view_team") else "",
        domain=Domain.PARTICIPATION,
    )
