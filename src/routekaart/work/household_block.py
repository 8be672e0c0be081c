"""The household page's work block: each member's work profile and placements in every state."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..organisations.roles import Domain
from ..residents.household_blocks import HouseholdBlock, access_for
from ..residents.selectors import HouseholdFile
from . import privacy, selectors

ORDER = 70


def work_block(file: HouseholdFile) -> HouseholdBlock | None:
    """For the roles the matching activity allows: coordinators and job coaches through the household's
    involvement, an employer adviser only for a person who consented (the access check's rules)."""
    access = access_for(file, privacy.MATCHING, Domain.PARTICIPATION)
    members = [row.resident for row in file.members if access.covers(row.resident.pk)]
    if not members:
        return None
    user = access.user
    rows = selectors.household_work(user=user, residents=members, channel=access.channel)
    return HouseholdBlock(
        key="work",
        title=_("Werk"),
        template="work/components/household_work.html",
        context={
            "rows": rows,
            "may_edit": user.has_perm("work.edit_work_profile"),
            "may_manage": user.has_perm("work.manage"),
            "without_profile": [r for r in members if r.pk not in {row.profile.resident_id for row in rows}],
        },
        url=reverse("work:work_profile_list") if user.has_perm("work.edit_work_profile") else "",
        domain=Domain.PARTICIPATION,
    )
