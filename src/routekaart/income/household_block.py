"""The household page's bestaanszekerheid block: the social-assistance benefit and its next yearly conversation. Shown
to the roles the social-assistance activity allows (the coordinator, the resident), in domain P; a school or a job
coach sees no benefit. It links to the client page and offers the conversation and the warm handover of the fixed
coordinator to who may manage benefits, and establishing a claim to who may handle claims. The changes the resident
reported in Mijn Routekaart wait here, each with its "verwerkt" button, until the coordinator has processed them.

The claims block beside it lists the household's open claims with their balances (benefit recovery).
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..audit import services as audit
from ..organisations.roles import Domain
from ..residents.household_blocks import HouseholdAction, HouseholdBlock, access_for
from ..residents.selectors import HouseholdFile
from .selectors_household import ACTIVITY, household_benefit_summary

ORDER = 50
RECOVERY_PURPOSE = "benefit-recovery"


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
    if access.user.has_perm("income.manage_claims"):
        actions.append(
            HouseholdAction(_("Vordering vaststellen"), reverse("recovery:claim_establish", args=[household_id]))
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


CLAIMS_ORDER = ORDER + 1


def claims_block(file: HouseholdFile) -> HouseholdBlock | None:
    """The household's open claims (terugvordering, boete) with their balances, for klantbeheer and the coordinator
    (benefit recovery, P); None without open claims. One query, and the read logged only when claims are shown."""
    from .selectors_recovery import household_claims_open

    access = access_for(file, RECOVERY_PURPOSE, Domain.PARTICIPATION)
    if not access.permits(Domain.PARTICIPATION) or not access.user.has_perm("income.view_claims"):
        return None
    claims = [c for c in household_claims_open(household_id=file.household.pk) if access.covers(c.debtor_id)]
    if not claims:
        return None
    audit.processing_record(
        actor=access.user,
        activity=RECOVERY_PURPOSE,
        data_subjects=[audit.pseudonym(c.debtor.bsn) for c in claims],
        channel=access.channel,
        result=access.result,
        reason=access.reason,
    )
    return HouseholdBlock(
        key="claims",
        title=_("Vorderingen"),
        template="income/components/household_claims.html",
        context={"claims": claims},
        url=reverse("recovery:claim_list"),
        domain=Domain.PARTICIPATION,
    )
