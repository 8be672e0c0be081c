"""The providers' part of the AVG inzage (residents.subject_export): the assignments made for the person, the
providers' progress reports on them and the messages exchanged about them, and the complaints the person filed.
Four queries."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..residents.subject_export import ExportSection, export_row, export_rows, export_section_register
from .models import Assignment, Complaint
from .standard import FREQUENCIES, UNITS

ORDER = 45


def providers_section(resident, on: date) -> ExportSection:
    rows = []
    assignments = (
        Assignment.objects.filter(resident=resident)
        .select_related("provider", "product")
        .prefetch_related("progress_reports", "messages")
        .order_by("starts_on", "id")
    )
    for assignment in assignments:
        rows.append(
            export_row(
                _("Toewijzing aan een aanbieder"),
                assignment,
                ["number", "provider", "product", "decision_reference", "volume", "starts_on", "ends_on", "status"],
                **{
                    _("eenheid"): str(UNITS.get(assignment.unit, assignment.unit)),
                    _("frequentie"): str(FREQUENCIES.get(assignment.frequency, assignment.frequency)),
                    _("gestart op"): assignment.started_on,
                    _("gestopt op"): assignment.stopped_on,
                    _("doelen"): "; ".join(str(goal.get("text", "")) for goal in assignment.goals),
                },
            )
        )
        rows += export_rows(
            _("Voortgangsverslag van de aanbieder"),
            assignment.progress_reports.all(),
            ["reported_on", "summary"],
        )
        rows += export_rows(
            _("Bericht met de aanbieder"),
            sorted(assignment.messages.all(), key=lambda message: (message.created_at, message.pk)),
            ["kind", "direction", "dated_on", "status"],
        )
    complaints = Complaint.objects.filter(resident=resident).select_related("provider").order_by("received_on", "id")
    rows += export_rows(
        _("Klacht"),
        complaints,
        ["reference", "provider", "received_on", "subject", "status", "decided_on", "outcome", "conclusions"],
    )
    return ExportSection(title=gettext_lazy("Aanbieders: toewijzingen, voortgang en klachten"), rows=rows)


def register() -> None:
    """Called by the app's ready(): its section of the inzage."""
    export_section_register("providers", providers_section, ORDER)
