"""Work's part of the AVG inzage (residents.subject_export): the person's work profile (what they share for
matching) and their placements with employers, with the checks after 6 and 12 months. Both are the person's own.
Five queries."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..residents.subject_export import ExportSection, export_row, export_rows, export_section_register
from .models import CandidateProfile, Placement
from .services import PROFILE_FIELDS

ORDER = 50


def work_section(resident, on: date) -> ExportSection:
    """The profile's fields are the ones its service writes (PROFILE_FIELDS): a field added there is exported too."""
    rows = []
    profiles = CandidateProfile.objects.filter(resident=resident).prefetch_related("competences", "desired_sectors")
    for profile in profiles:
        rows.append(
            export_row(
                _("Werkprofiel"),
                profile,
                [*PROFILE_FIELDS, "updated_at"],
                **{
                    _("competenties"): ", ".join(str(item) for item in profile.competences.all()),
                    _("gewenste sectoren"): ", ".join(str(item) for item in profile.desired_sectors.all()),
                },
            )
        )
    placements = (
        Placement.objects.filter(profile__resident=resident)
        .select_related("employer__organisation")
        .prefetch_related("checks")
        .order_by("proposed_on", "id")
    )
    for placement in placements:
        rows.append(
            export_row(
                _("Plaatsing"),
                placement,
                [
                    "employer",
                    "state",
                    "proposed_on",
                    "introduced_on",
                    "trial_start",
                    "trial_end",
                    "contract_start",
                    "contract_end",
                    "contract_hours",
                    "hourly_wage",
                    "coaching_start",
                    "coaching_end",
                    "ended_on",
                    "end_reason",
                ],
            )
        )
        rows += export_rows(
            _("Controle"), placement.checks.all(), ["months", "due_on", "checked_on", "still_working", "note"]
        )
    return ExportSection(title=gettext_lazy("Werk: uw werkprofiel en plaatsingen"), rows=rows)


def register() -> None:
    """Called by the app's ready(): its section of the inzage."""
    export_section_register("work", work_section, ORDER)
