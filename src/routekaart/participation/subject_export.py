"""Participation's part of the AVG inzage (residents.subject_export): the person's assignments to instruments,
their distance to the labour market (assessments), wage value determinations, target-group register entries and
exemptions. All of them are the person's own. Five queries."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..residents.subject_export import ExportSection, export_rows, export_section_register
from .models import Assignment, DistanceAssessment, Exemption, TargetGroupRegistration, WageValueDetermination

ORDER = 40


def participation_section(resident, on: date) -> ExportSection:
    assignments = Assignment.objects.filter(resident=resident).select_related("instrument", "provider", "municipality")
    rows = export_rows(
        _("Inzet van een instrument"),
        assignments.order_by("planned_start", "id"),
        [
            "instrument",
            "municipality",
            "provider",
            "status",
            "goal",
            "planned_start",
            "planned_end",
            "started_on",
            "ended_on",
            "hours_per_week",
            "decision_on",
            "decision_granted",
            "decision_reference",
        ],
    )
    assessments = DistanceAssessment.objects.filter(resident=resident).select_related("tier", "municipality")
    rows += export_rows(
        _("Afstand tot werk"),
        assessments.order_by("assessed_on", "id"),
        ["assessed_on", "municipality", "tier", "change", "next_assessment_on", "note"],
    )
    rows += export_rows(
        _("Loonwaarde"),
        WageValueDetermination.objects.filter(resident=resident).order_by("determined_on", "id"),
        ["determined_on", "method", "percentage", "job_title", "valid_until"],
    )
    rows += export_rows(
        _("Doelgroepregister"),
        TargetGroupRegistration.objects.filter(resident=resident).order_by("as_of", "id"),
        ["as_of", "status", "ground", "reference"],
    )
    rows += export_rows(
        _("Ontheffing"),
        Exemption.objects.filter(resident=resident).select_related("instrument").order_by("valid_from"),
        ["instrument", "ground", "valid_from", "valid_to"],
    )
    return ExportSection(title=gettext_lazy("Meedoen en werken naar vermogen"), rows=rows)


def register() -> None:
    """Called by the app's ready(): its section of the inzage."""
    export_section_register("participation", participation_section, ORDER)
