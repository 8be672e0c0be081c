"""The provider's verantwoording: a progress report against the goals given with a running assignment."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ...audit import services as audit
from ..models import Assignment, AssignmentStatus, ProgressRating, ProgressReport

DELIVERY = "provision-delivery"
GOAL_TEXT_LENGTH = 1000  # a short text per goal; the summary carries the rest


def _ratings_checked(assignment: Assignment, goal_ratings: Iterable[Mapping]) -> list[dict]:
    """One rating for every goal given with the assignment, each a known rating with at most a short text."""
    goals = {str(goal.get("id")): goal for goal in assignment.goals or []}
    ratings: dict[str, dict] = {}
    for item in goal_ratings:
        goal_id = str(item.get("goal", ""))
        if goal_id not in goals:
            raise ValidationError(
                {"goal_ratings": _("Meld voortgang alleen over de doelen die bij de toewijzing zijn meegegeven.")}
            )
        if goal_id in ratings:
            raise ValidationError({"goal_ratings": _("Meld per doel één keer de voortgang.")})
        rating = item.get("rating", "")
        if rating not in ProgressRating.values:
            raise ValidationError(
                {"goal_ratings": _("Kies per doel: bereikt, op weg, loopt achter of nog niet begonnen.")}
            )
        text = str(item.get("text", "") or "").strip()
        if len(text) > GOAL_TEXT_LENGTH:
            raise ValidationError(
                {
                    "goal_ratings": _("Houd de toelichting per doel kort: ten hoogste %(n)d tekens.")
                    % {"n": GOAL_TEXT_LENGTH}
                }
            )
        ratings[goal_id] = {"goal": goals[goal_id].get("id"), "rating": rating, "text": text}
    missing = [goal_id for goal_id in goals if goal_id not in ratings]
    if missing:
        raise ValidationError({"goal_ratings": _("Meld de voortgang van elk doel van de toewijzing.")})
    return [ratings[goal_id] for goal_id in goals]


@transaction.atomic
def progress_report(
    *,
    actor,
    assignment: Assignment,
    reported_on: date,
    summary: str,
    goal_ratings: Iterable[Mapping],
    channel: str | None = None,
) -> ProgressReport:
    """Record the provider's progress report: a rating and a short text per goal, and a summary.

    Only while care runs (started): before the start there is nothing to report, after the stop the provider
    reports the outcome with the stop. One event (`progress.reported`, no text of the report in it).
    """
    assignment = Assignment.objects.select_for_update().select_related("resident").get(pk=assignment.pk)
    if assignment.status != AssignmentStatus.STARTED:
        raise ValidationError(_("Voortgang meldt u alleen bij een toewijzing waarvan de zorg is gestart en loopt."))
    if reported_on > timezone.localdate():
        raise ValidationError(
            {"reported_on": _("De datum van het verslag ligt in de toekomst; kies vandaag of eerder.")}
        )
    if assignment.started_on and reported_on < assignment.started_on:
        raise ValidationError({"reported_on": _("De datum van het verslag ligt vóór de start van de zorg.")})
    summary = (summary or "").strip()
    if not summary:
        raise ValidationError({"summary": _("Vat de voortgang samen in een kort verslag.")})
    ratings = _ratings_checked(assignment, goal_ratings)
    report = ProgressReport(
        assignment=assignment, reported_on=reported_on, reported_by=actor, goal_ratings=ratings, summary=summary
    )
    report.full_clean()
    report.save()
    audit.action_record(
        actor=actor,
        action="progress.reported",
        subject=report,
        household_id=assignment.household_id,
        after={
            "number": assignment.number,
            "reported_on": reported_on,
            "ratings": {rating: sum(r["rating"] == rating for r in ratings) for rating in ProgressRating.values},
        },
        purpose=DELIVERY,
        residents=[assignment.resident],
        channel=channel,
    )
    return report
