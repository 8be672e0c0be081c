"""Candidates' work profiles: one profile after the privacy check, and the caseload of working age."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from ...residents.access import members_visible
from ...residents.life_phase import aow_date
from ...residents.models import Membership, Resident
from .. import privacy, rules_data
from ..labour_facts import UNKNOWN, LabourFacts, labour_facts
from ..models import CandidateProfile, Placement


@dataclass
class WorkProfileView:
    """A work profile as shown to an adviser or an employer: work fields only, never care data."""

    profile: CandidateProfile
    resident: Resident
    competences: list[str]
    desired_sectors: list[str]
    labour: LabourFacts


def work_profile_get(*, user, profile_id: int, channel: str | None = None) -> WorkProfileView:
    """The work profile, after the privacy check; the read is logged."""
    profile = (
        CandidateProfile.objects.select_related("resident")
        .prefetch_related("competences", "desired_sectors")
        .filter(pk=profile_id)
        .first()
    )
    if profile is None:
        raise Http404(_("Dit werkprofiel bestaat niet."))
    privacy.candidate_check(user=user, resident=profile.resident, channel=channel)
    view = WorkProfileView(
        profile=profile,
        resident=profile.resident,
        competences=[c.name for c in profile.competences.all()],
        desired_sectors=[s.name for s in profile.desired_sectors.all()],
        labour=labour_facts(resident_ids=[profile.resident_id]).get(profile.resident_id, UNKNOWN),
    )
    privacy.read_log(user=user, residents=[profile.resident], channel=channel)
    return view


def work_profile_of(*, resident_id: int) -> CandidateProfile | None:
    """The resident's profile for the coordinator's form (after the household access check by the caller)."""
    return (
        CandidateProfile.objects.prefetch_related("competences", "desired_sectors")
        .filter(resident_id=resident_id)
        .first()
    )


def _aow_reached_by(on: date) -> date:
    """The last birth date whose AOW date falls on or before `on`: whoever was born then or earlier has reached the
    state pension age on `on`. The AOW age is residents' one source (`life_phase.aow_date`); it rises with the
    birth date, so a search by halves over the dates 59 to 71 years back finds the turn."""
    low, high = (on - relativedelta(years=71)).toordinal(), (on - relativedelta(years=59)).toordinal()
    while high - low > 1:  # aow_date(low) <= on < aow_date(high): the AOW age is 60 to 70 years (aow_age.yaml)
        middle = (low + high) // 2
        if aow_date(date.fromordinal(middle)) <= on:
            low = middle
        else:
            high = middle
    return date.fromordinal(low)


def caseload_work_profiles(*, user, on: date | None = None) -> QuerySet[Membership]:
    """For the coordinator and job coach: the residents of working age in their households, with any work profile.

    Working age: from the minimum (data/legal_numbers.yaml) until the day before the AOW date (residents'
    `life_phase.aow_date`, the one source of the state pension age).

    A queryset (one query per page, whatever the caseload) so the page can paginate; log the page shown.
    """
    on = on or timezone.localdate()
    minimum = rules_data.value("working_age_min")
    youngest = on.replace(year=on.year - minimum) if not (on.month == 2 and on.day == 29) else on
    oldest = _aow_reached_by(on)
    return (
        members_visible(user=user, on=on)
        .filter(resident__birth_date__lte=youngest, resident__birth_date__gt=oldest)
        .select_related("resident__work_profile")
        .order_by("resident__family_name", "resident__given_names", "pk")
    )


@dataclass(frozen=True)
class MemberWork:
    """One member's work profile and placements, as the household page summarises them."""

    profile: CandidateProfile
    placements: list


def household_work(*, user, residents: list[Resident], channel: str | None = None) -> list[MemberWork]:
    """The work profiles of these members with their placements in every state: two queries whatever the
    household's size or history. Work fields only, never care data; the read is logged under matching."""
    chosen = CandidateProfile.objects.filter(resident_id__in=[r.pk for r in residents]).select_related("resident")
    profiles = {p.pk: p for p in chosen}
    placements: dict[int, list] = {pk: [] for pk in profiles}
    for placement in (
        Placement.objects.filter(profile__resident_id__in=[r.pk for r in residents])  # runs even with no profile
        .select_related("employer__organisation", "vacancy", "arrangement")
        .order_by("-proposed_on", "-pk")
    ):
        placements[placement.profile_id].append(placement)
    rows = [MemberWork(profile=p, placements=placements[p.pk]) for p in profiles.values()]
    rows.sort(key=lambda row: (row.profile.resident.birth_date, row.profile.pk))
    if rows:
        privacy.read_log(user=user, residents=[row.profile.resident for row in rows], channel=channel)
    return rows
