"""Placements: one placement after the candidate check, the adviser's desk, and work starts awaiting income."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from ...core.periods import valid_on
from ...organisations.roles import Domain
from ...residents.access import consents_in_force
from ...residents.models import Involvement, InvolvementKind, Resident
from .. import privacy
from ..models import (
    Arrangement,
    ContactMoment,
    Employer,
    OpeningStatus,
    Placement,
    PlacementCheck,
    PlacementState,
    Vacancy,
    WorkStartHandover,
)
from ..workflow import ACTIVE


def placement_get(*, placement_id: int) -> Placement:
    placement = (
        Placement.objects.select_related(
            "profile__resident",
            "employer__organisation",
            "vacancy__sector",
            "arrangement__sector",
            "coaching_by",
            "proposed_by",
        )
        .prefetch_related("checks")
        .filter(pk=placement_id)
        .first()
    )
    if placement is None:
        raise Http404(_("Deze plaatsing bestaat niet."))
    return placement


def placement_read(*, user, placement_id: int, channel: str | None = None) -> Placement:
    """One placement, for showing: the candidate check for its resident first (refused: logged, then raised), then
    the read logged. Every page and API read of a placement comes through here."""
    placement = placement_get(placement_id=placement_id)
    resident = placement.profile.resident
    privacy.candidate_check(user=user, resident=resident, activity=privacy.PLACEMENT, channel=channel)
    privacy.read_log(user=user, residents=[resident], activity=privacy.PLACEMENT, channel=channel)
    return placement


@dataclass
class Desk:
    """The adviser's start page: what needs doing."""

    open_vacancies: int
    open_arrangements: int
    employers: int
    active_placements: list[Placement]
    trials_ending: list[Placement]
    checks_due: list[PlacementCheck]
    follow_ups: list[ContactMoment]


def desk_get(*, user, on: date | None = None, horizon_days: int = 14) -> Desk:
    """Counts and worklists; placements by phase and reference, names only of candidates with consent."""
    on = on or timezone.localdate()
    horizon = on + timedelta(days=horizon_days)
    organisations = privacy.adviser_organisation_ids(user)
    active = list(
        Placement.objects.filter(state__in=ACTIVE)
        .filter(privacy.consent_exists(organisation_ids=organisations, on=on, resident_ref="profile__resident_id"))
        .select_related("profile__resident", "employer__organisation", "vacancy", "arrangement")
        .order_by("-id")[:50]
    )
    privacy.read_log(user=user, residents=[p.profile.resident for p in active], activity=privacy.PLACEMENT)
    return Desk(
        open_vacancies=Vacancy.objects.filter(status=OpeningStatus.OPEN).count(),
        open_arrangements=Arrangement.objects.filter(status=OpeningStatus.OPEN).count(),
        employers=Employer.objects.count(),
        active_placements=active,
        trials_ending=[p for p in active if p.state == PlacementState.TRIAL and p.trial_end and p.trial_end <= horizon],
        checks_due=list(
            PlacementCheck.objects.filter(checked_on__isnull=True, due_on__lte=horizon)
            .select_related("placement__employer__organisation")
            .order_by("due_on")[:50]
        ),
        follow_ups=list(
            ContactMoment.objects.filter(follow_up_on__isnull=False, follow_up_on__gte=on, follow_up_on__lte=horizon)
            .select_related("employer__organisation")
            .order_by("follow_up_on")[:50]
        ),
    )


@dataclass(frozen=True)
class DeskCounts:
    open_vacancies: int
    open_arrangements: int
    proposals_awaiting: int


def desk_counts() -> DeskCounts:
    """The adviser's home figures: open vacancies and arrangements, and candidates proposed to an employer who has
    not answered yet. Counts only, no candidate read (three queries)."""
    return DeskCounts(
        open_vacancies=Vacancy.objects.filter(status=OpeningStatus.OPEN).count(),
        open_arrangements=Arrangement.objects.filter(status=OpeningStatus.OPEN).count(),
        proposals_awaiting=Placement.objects.filter(state=PlacementState.PROPOSED).count(),
    )


def placements_coached_count(*, organisation_ids) -> int:
    """Running placements the job coach's organisations coach (a home figure; one query, no candidate read)."""
    return Placement.objects.filter(state__in=ACTIVE, coaching_by_id__in=list(organisation_ids)).count()


def work_start_handovers_pending() -> QuerySet[WorkStartHandover]:
    """Work starts the income app has not yet taken in (simpel switchen)."""
    return WorkStartHandover.objects.filter(received_at__isnull=True).order_by("work_starts_on", "id")


def adviser_consented_organisation(*, user, resident: Resident, on: date):
    """The adviser's organisation to which the resident's consent for domain P is in force, or None."""
    consent = (
        consents_in_force(organisation_ids=privacy.adviser_organisation_ids(user), on=on)
        .filter(resident=resident, domain=Domain.PARTICIPATION)
        .select_related("organisation")
        .first()
    )
    return None if consent is None else consent.organisation


def adviser_involved(*, user, household_id: int, on: date) -> bool:
    """Whether the adviser is already involved in the household for a candidate (employer-candidate involvement)."""
    return Involvement.objects.filter(
        valid_on(on), household_id=household_id, user=user, kind=InvolvementKind.EMPLOYER_CANDIDATE
    ).exists()
