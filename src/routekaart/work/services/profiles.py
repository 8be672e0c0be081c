"""The candidate's work profile: work fields only, written by the coordinator or job coach."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db import transaction

from ...residents.models import Resident
from .. import privacy, selectors
from ..models import (
    CandidateProfile,
    Competence,
    ProfileStatus,
    Sector,
)
from ._shared import _resident_event

PROFILE_FIELDS = (
    "status",
    "experience",
    "education_level",
    "hours_min",
    "hours_max",
    "max_travel_km",
    "pc4",
    "available_from",
    "wishes",
)


@transaction.atomic
def work_profile_save(
    *,
    actor,
    resident: Resident,
    hours_min: int,
    hours_max: int,
    pc4: str,
    competences: Iterable[Competence] = (),
    desired_sectors: Iterable[Sector] = (),
    experience: str = "",
    education_level: str = "unknown",
    max_travel_km: int = 15,
    available_from: date | None = None,
    wishes: str = "",
    status: str = ProfileStatus.AVAILABLE,
) -> CandidateProfile:
    """Create or update the resident's work profile (by the coordinator or job coach, who see domain P).

    Only work fields exist to be written; the caller has passed the household access check for domain P.
    """
    profile = CandidateProfile.objects.select_for_update(of=("self",)).filter(resident=resident).first()
    created = profile is None
    profile = profile or CandidateProfile(resident=resident)
    values = {
        "status": status,
        "experience": (experience or "").strip(),
        "education_level": education_level,
        "hours_min": hours_min,
        "hours_max": hours_max,
        "max_travel_km": max_travel_km,
        "pc4": (pc4 or "").strip(),
        "available_from": available_from,
        "wishes": (wishes or "").strip(),
    }
    changed = [name for name, value in values.items() if getattr(profile, name) != value]
    for name, value in values.items():
        setattr(profile, name, value)
    competences, desired_sectors = list(competences), list(desired_sectors)
    competence_mask, sector_mask = selectors.mask_of(competences), selectors.mask_of(desired_sectors)
    if profile.competence_mask != competence_mask:
        changed.append("competences")
    if profile.sector_mask != sector_mask:
        changed.append("desired_sectors")
    profile.competence_mask, profile.sector_mask = competence_mask, sector_mask
    profile.updated_by = actor
    profile.full_clean()
    if not created and not changed:
        return profile
    profile.save()
    profile.competences.set(competences)
    profile.desired_sectors.set(desired_sectors)
    _resident_event(
        actor,
        "work_profile.created" if created else "work_profile.updated",
        resident,
        "work_profile",
        profile.pk,
        after={"fields": sorted(changed)},
    )
    privacy.write_log(user=actor, resident=resident, activity=privacy.MATCHING)
    return profile
