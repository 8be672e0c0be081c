"""The routes' part of the AVG inzage (residents.subject_export): the person's trajectories and the progress of
each step. Only the person's own: a trajectory belongs to one resident. Two queries."""

from __future__ import annotations

from datetime import date

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..residents.subject_export import ExportSection, export_row, export_rows, export_section_register
from .models import StepProgress, Trajectory

ORDER = 30


def routes_section(resident, on: date) -> ExportSection:
    trajectories = (
        Trajectory.objects.filter(resident=resident)
        .select_related("route", "current_step", "regie_party", "regie_organisation", "school")
        .prefetch_related(
            Prefetch("progress", queryset=StepProgress.objects.select_related("step").order_by("step__number", "id"))
        )
        .order_by("started_on", "id")
    )
    rows = []
    for trajectory in trajectories:
        rows.append(
            export_row(
                _("Traject"),
                trajectory,
                [
                    "route",
                    "status",
                    "current_step",
                    "regie_party",
                    "regie_organisation",
                    "school",
                    "exit_profile",
                    "internships",
                    "started_on",
                    "ended_on",
                    "aftercare_until",
                ],
            )
        )
        rows += export_rows(
            _("Stap"),
            trajectory.progress.all(),
            ["step", "state", "due_on", "started_on", "finished_on", "outcome", "blocked_reason", "skipped_reason"],
        )
    return ExportSection(title=gettext_lazy("Uw route: trajecten en stappen"), rows=rows)


def register() -> None:
    """Called by the app's ready(): its section of the inzage."""
    export_section_register("routes", routes_section, ORDER)
