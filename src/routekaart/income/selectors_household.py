"""What the household page shows of bestaanszekerheid: the social-assistance benefit running (or the latest) and
its yearly conversations, the next one planned and the last one held, and the changes the resident reported that
wait to be processed.

Three queries whatever the household's history (each runs, benefit or not); the read is logged under the
social-assistance activity, like the client page's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..audit import services as audit
from ..residents.access import HouseholdAccess
from .models import AnnualReview, ChangeReport, ChangeStatus, ReviewStatus, SocialAssistance

ACTIVITY = "social-assistance"
OPEN_CHANGES_SHOWN = 20  # more than a handful open means the coordinator has work to do, not a longer list


@dataclass
class HouseholdBenefitSummary:
    benefit: SocialAssistance | None
    running: bool
    next_review: AnnualReview | None
    last_review: AnnualReview | None
    on: date
    open_changes: list[ChangeReport] = field(default_factory=list)

    @property
    def next_review_overdue(self) -> bool:
        return self.next_review is not None and self.next_review.planned_on < self.on

    @property
    def next_review_days(self) -> int | None:
        return (self.next_review.planned_on - self.on).days if self.next_review else None


def household_benefit_summary(*, access: HouseholdAccess, residents, on: date | None = None) -> HouseholdBenefitSummary:
    """The household's benefit running on `on` (else its latest), with the next and the last yearly conversation.
    `residents` are the persons shown (for the log); a benefit whose client the access does not cover is left out."""
    on = on or access.on
    household_id = access.household_id
    benefits = list(
        SocialAssistance.objects.filter(household_id=household_id)
        .select_related("client", "organisation")
        .order_by("-started_on", "-pk")[:2]
    )
    benefit = next((b for b in benefits if b.is_active_on(on)), benefits[0] if benefits else None)
    if benefit is not None and not access.covers(benefit.client_id):
        benefit = None
    reviews = list(  # one a year: a benefit's whole history is a few dozen rows at most
        AnnualReview.objects.filter(
            household_id=household_id,
            benefit_id=benefit.pk if benefit else None,
            status__in=[ReviewStatus.PLANNED, ReviewStatus.HELD],
        ).order_by("planned_on", "pk")
    )
    next_review = next((r for r in reviews if r.status == ReviewStatus.PLANNED), None)
    held = [r for r in reviews if r.status == ReviewStatus.HELD and r.held_on]
    last_review = max(held, key=lambda r: (r.held_on, r.pk)) if held else None
    open_changes = list(
        ChangeReport.objects.filter(benefit_id=benefit.pk if benefit else None, status=ChangeStatus.RECEIVED).order_by(
            "starts_on", "pk"
        )[:OPEN_CHANGES_SHOWN]
    )
    if benefit is not None:
        audit.processing_record(
            actor=access.user,
            activity=ACTIVITY,
            data_subjects=[audit.pseudonym(r.bsn) for r in residents] or [""],
            channel=access.channel,
            result=access.result,
            reason=access.reason,
        )
    return HouseholdBenefitSummary(
        benefit=benefit,
        running=benefit is not None and benefit.is_active_on(on),
        next_review=next_review,
        last_review=last_review,
        on=on,
        open_changes=open_changes,
    )
