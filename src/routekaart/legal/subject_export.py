"""Klantbeheer's part of the AVG inzage (residents.subject_export): what the legal app holds about the person.

- objections the person made: reference, the decision objected to (reference, law), received on, channel, grounds,
  pro forma, late and why, status, the decision term, decided on, outcome, effect, reasoning, withdrawn on;
- their hearings (scheduled, place, held on, report or why not heard), appeals (court, case number, lodged on,
  judgment on, outcome) and notices of default (received on, penalty from, days, amount);
- conduct complaints the person filed: reference, received on, subject, status, decided on, outcome, conclusions;
- investigations (rechtmatigheid) the person has been told of (resident_informed_on set): reference, opened on,
  informed on, heard on, status, closed on, outcome, findings, harm amount, fine amount. An investigation the
  person has not been told of yet stays out (AVG art. 23, UAVG art. 41: the investigation may not be frustrated);
- satisfaction surveys sent to the person: occasion, sent on, answered on, scores, comment.
Seven queries.
"""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..residents.subject_export import ExportSection, export_rows, export_section_register
from .models import Appeal, DefaultNotice, Hearing, Investigation, Objection, StaffComplaint, Survey

ORDER = 70


def legal_section(resident, on: date) -> ExportSection:
    rows = []
    objections = list(Objection.objects.filter(objector=resident).order_by("received_on", "id"))
    rows += export_rows(
        _("Bezwaar"),
        objections,
        [
            "reference",
            "decision_reference",
            "decision_law",
            "received_on",
            "channel",
            "grounds",
            "pro_forma",
            "late",
            "late_reason",
            "status",
            "decision_due_on",
            "decided_on",
            "outcome",
            "effect",
            "reasoning",
            "withdrawn_on",
        ],
    )
    ids = [objection.pk for objection in objections]
    rows += export_rows(
        _("Hoorzitting"),
        Hearing.objects.filter(objection_id__in=ids).order_by("scheduled_at", "id"),
        ["scheduled_at", "location", "held_on", "report", "waived_reason"],
    )
    rows += export_rows(
        _("Beroep"),
        Appeal.objects.filter(objection_id__in=ids).order_by("lodged_on", "id"),
        ["court", "case_number", "lodged_on", "judgment_on", "outcome"],
    )
    rows += export_rows(
        _("Ingebrekestelling"),
        DefaultNotice.objects.filter(objection_id__in=ids).order_by("received_on", "id"),
        ["received_on", "penalty_from", "penalty_days", "penalty_amount"],
    )
    rows += export_rows(
        _("Klacht over bejegening"),
        StaffComplaint.objects.filter(resident=resident).order_by("received_on", "id"),
        ["reference", "received_on", "subject", "status", "decided_on", "outcome", "conclusions"],
    )
    rows += export_rows(
        _("Onderzoek naar rechtmatigheid"),
        Investigation.objects.filter(resident=resident, resident_informed_on__isnull=False).order_by("opened_on", "id"),
        [
            "reference",
            "opened_on",
            "resident_informed_on",
            "heard_on",
            "status",
            "closed_on",
            "outcome",
            "findings",
            "harm_amount",
            "fine_amount",
        ],
    )
    rows += export_rows(
        _("Tevredenheidsonderzoek"),
        Survey.objects.filter(resident=resident).order_by("sent_on", "id"),
        ["occasion", "sent_on", "answered_on", "scores", "comment"],
    )
    return ExportSection(title=gettext_lazy("Klantbeheer: bezwaren, beroepen, klachten en onderzoeken"), rows=rows)


def register() -> None:
    """Called by the app's ready() through registrations: its section of the inzage."""
    export_section_register("legal", legal_section, ORDER)
