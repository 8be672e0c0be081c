"""What the household page shows of the assignments (toewijzingen) of a household: who delivers what, how far it
got, the provider's latest progress report and the iWmo/iJw messages exchanged about it.

A fixed number of queries (three) whatever the household's history, and only the law domains the viewer may see;
the read is logged under the processing activity of the delivery of an assigned provision.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from ..audit import services as audit
from . import standard
from .models import Assignment, Message, ProgressReport
from .models.assignments import ProgressRating
from .models.messages import Direction, MessageStatus

PROVISION_DELIVERY = "provision-delivery"

# The message kinds of iWmo/iJw release 3.2 as the coordinator reads them.
MESSAGE_NAMES = {
    "301": _("Toewijzing"),
    "302": _("Retour toewijzing"),
    "305": _("Start zorg"),
    "306": _("Retour start zorg"),
    "307": _("Stop zorg"),
    "308": _("Retour stop zorg"),
    "315": _("Verzoek om toewijzing"),
    "316": _("Retour verzoek om toewijzing"),
    "317": _("Verzoek om wijziging"),
    "318": _("Retour verzoek om wijziging"),
    "319": _("Antwoord op verzoek"),
    "320": _("Retour antwoord"),
    "323": _("Declaratie"),
    "325": _("Antwoord op declaratie"),
}


@dataclass(frozen=True)
class MessageRow:
    kind: str
    name: str
    direction: str
    dated_on: object
    status: str
    status_label: str

    @property
    def accepted(self) -> bool:
        return self.status == MessageStatus.ACCEPTED

    @property
    def rejected(self) -> bool:
        return self.status == MessageStatus.REJECTED


@dataclass(frozen=True)
class GoalRating:
    goal: str
    rating: str


@dataclass(frozen=True)
class AssignmentRow:
    assignment: Assignment
    report: ProgressReport | None = None
    ratings: list[GoalRating] = field(default_factory=list)
    messages: list[MessageRow] = field(default_factory=list)

    @property
    def volume(self) -> str:
        """ "4 uur per week": the volume in the standard's unit and frequency."""
        a = self.assignment
        unit = standard.UNITS.get(a.unit, a.unit)
        frequency = standard.FREQUENCIES.get(a.frequency, a.frequency)
        return f"{a.volume.normalize():f} {unit} {frequency}"

    @property
    def stop_reason(self) -> str:
        """The WJ588 reason the provider gave for stopping, named (the code when the list does not know it)."""
        code = self.assignment.stop_reason
        return str(standard.STOP_REASONS.get(code, code)) if code else ""


def _ratings(assignment: Assignment, report: ProgressReport | None) -> list[GoalRating]:
    """The report's rating per goal, named by the goal's text the assignment carries (no query)."""
    if report is None or not isinstance(report.goal_ratings, list):
        return []
    goals = {str(g.get("id")): g.get("text", "") for g in assignment.goals or [] if isinstance(g, dict)}
    labels = dict(ProgressRating.choices)
    rows = []
    for item in report.goal_ratings:
        if not isinstance(item, dict):
            continue
        goal_id = str(item.get("goal_id", item.get("goal", item.get("id", ""))))
        rating = item.get("rating", "")
        rows.append(GoalRating(goal=goals.get(goal_id, "") or goal_id, rating=str(labels.get(rating, rating))))
    return rows


def household_assignments(
    *, user, household_id: int, laws: Iterable[str], channel: str | None = None
) -> list[AssignmentRow]:
    """The household's assignments under the given laws (those the viewer may see), newest first, each with its
    latest progress report and its messages: three queries, always, so the page's count does not depend on them."""
    laws = sorted(set(laws))
    assignments = list(
        Assignment.objects.filter(household_id=household_id, law__in=laws)
        .select_related("provider", "product", "resident")
        .order_by("-starts_on", "-id")
    )
    latest: dict[int, ProgressReport] = {}
    for report in ProgressReport.objects.filter(
        assignment__household_id=household_id, assignment__law__in=laws
    ).order_by("assignment_id", "-reported_on", "-id"):
        latest.setdefault(report.assignment_id, report)
    messages: dict[int, list[MessageRow]] = {}
    statuses = dict(MessageStatus.choices)
    for assignment_id, kind, direction, dated_on, status in (
        Message.objects.filter(assignment__household_id=household_id, assignment__law__in=laws)
        .order_by("dated_on", "id")
        .values_list("assignment_id", "kind", "direction", "dated_on", "status")
    ):
        messages.setdefault(assignment_id, []).append(
            MessageRow(
                kind=kind,
                name=str(MESSAGE_NAMES.get(kind, kind)),
                direction=str(Direction(direction).label) if direction in Direction.values else direction,
                dated_on=dated_on,
                status=status,
                status_label=str(statuses.get(status, status)),
            )
        )
    rows = [
        AssignmentRow(
            assignment=a,
            report=latest.get(a.pk),
            ratings=_ratings(a, latest.get(a.pk)),
            messages=messages.get(a.pk, []),
        )
        for a in assignments
    ]
    subjects = [audit.pseudonym(r.assignment.resident.bsn) for r in rows]
    if subjects:
        audit.processing_record(actor=user, activity=PROVISION_DELIVERY, data_subjects=subjects, channel=channel)
    return rows
