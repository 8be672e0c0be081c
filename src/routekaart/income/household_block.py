"""The household page's bestaanszekerheid block: the social-assistance benefit and its next yearly conversation.

Shown to the roles the social-assistance activity allows (the coordinator, the resident), in domain P; a school or
a job coach sees no benefit. It links to the client page and offers the conversation and the warm handover of the
fixed coordinator to who may manage benefits. The changes the resident reported in Mijn Routekaart wait here, each
with its "verwerkt" button, until the coordinator has processed them.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..organisations.roles import Domain
from ..residents.household_blocks import HouseholdAction, HouseholdBlock, access_for
from ..residents.selectors import HouseholdFile
from .selectors_household import ACTIVITY, household_benefit_summary

ORDER = 50


def benefit_block(file: HouseholdFile) -> HouseholdBlock | None:
    """The benefit running (or the latest) with its next yearly conversation; None without one or without P."""
    access = access_for(file, ACTIVITY, Domain.PARTICIPATION)
    if not access.permits(Domain.PARTICIPATION):
        return None
    residents = [m.resident for m in file.history if access.covers(m.resident_id)]
    summary = household_benefit_summary(access=access, residents=residents)
    if summary.benefit is None:
        return None
    household_id = file.household.pk
    actions = []
    if summary.running and access.user.has_perm("income.manage_benefits"):
        actions.append(
            HouseholdAction(_("Jaargesprek vastleggen"), reverse("income:annual_review_record", args=[household_id]))
        )
        actions.append(
            HouseholdAction(_("Regiehouder overdragen"), reverse("income:coordinator_reassign", args=[household_id]))
        )
    return HouseholdBlock(
        key="benefit",
        title=_("Bijstand"),
        template="income/components/household_benefit.html",
        context={
            "summary": summary,
            "household_id": household_id,
            "can_process": access.user.has_perm("income.manage_benefits"),
        },
        url=reverse("income:client_detail", args=[household_id]),
        domain=Domain.PARTICIPATION,
        actions=tuple(actions),
    )
