"""The quality figures of klantbeheer (kwaliteitszorg): satisfaction survey results per team, per provision and per
law, and the cluster's figures (objections decided in time and upheld, conduct complaints decided in time and
founded), for one period.

Aggregates only, never a person: a group with fewer answers than `min_group` (10, data/survey.yaml) shows no number
at all, only that it has too few answers (k-anonymity), in the page, the CSV and the API alike. Fixed queries: two
per survey dimension (sent per group; the answered scores), one for the team names, one per figure.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, F, Q
from django.utils.translation import gettext_lazy as _

from ..organisations.roles import Domain
from ..organisations.selectors import organisation_list
from .models import (
    Objection,
    ObjectionOutcome,
    StaffComplaint,
    StaffComplaintOutcome,
    Survey,
    SurveyStatus,
)
from .survey_config import survey_config

TOO_FEW = _("minder dan 10 antwoorden")
DIMENSIONS = {
    "team": (_("Per team"), "team_id"),
    "provision": (_("Per voorziening"), "building_block_code"),
    "law": (_("Per wet"), "law"),
}


@dataclass(frozen=True)
class Period:
    starts_on: date
    ends_on: date


@dataclass(frozen=True)
class GroupResult:
    """One group's results; when `suppressed`, no number of it may be shown."""

    key: str
    label: str
    suppressed: bool
    answered: int | None
    sent: int | None
    response_rate: Decimal | None  # percent, one decimal
    means: tuple[Decimal | None, ...]  # per question, in the questionnaire's order, one decimal


@dataclass(frozen=True)
class Dimension:
    code: str
    title: str
    groups: tuple[GroupResult, ...]


@dataclass(frozen=True)
class Figure:
    """A share with its counts: `part` of `whole` (percent None when there is nothing to count)."""

    code: str
    label: str
    part: int
    whole: int

    @property
    def percent(self) -> Decimal | None:
        return _percent(self.part, self.whole)


def _percent(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(100 * part) / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _mean(values: list[int]) -> Decimal | None:
    if not values:
        return None
    return (Decimal(sum(values)) / Decimal(len(values))).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _labels(code: str, keys) -> dict:
    if code == "team":
        names = dict(organisation_list().filter(pk__in=[k for k in keys if k]).values_list("pk", "name"))
        return {k: names.get(k, str(_("Geen team"))) if k else str(_("Geen team")) for k in keys}
    if code == "law":
        return {k: str(Domain(k).label) if k in Domain.values else k for k in keys}
    return {k: k for k in keys}


def _dimension(code: str, period: Period) -> Dimension:
    title, column = DIMENSIONS[code]
    config = survey_config()
    surveys = Survey.objects.filter(sent_on__range=(period.starts_on, period.ends_on))
    if column != "team_id":
        surveys = surveys.exclude(**{column: ""})
    sent = dict(surveys.values_list(column).annotate(n=Count("id")).order_by().values_list(column, "n"))
    scores: dict = defaultdict(lambda: defaultdict(list))
    answered: dict = defaultdict(int)
    for key, row in surveys.filter(status=SurveyStatus.ANSWERED).values_list(column, "scores").iterator():
        answered[key] += 1
        for question in config.codes:
            if isinstance(row, dict) and isinstance(row.get(question), int):
                scores[key][question].append(row[question])
    labels = _labels(code, sent.keys())
    groups = []
    for key in sorted(sent, key=lambda k: labels[k].lower()):
        count = answered.get(key, 0)
        if count < config.min_group:
            groups.append(GroupResult(str(key or ""), labels[key], True, None, None, None, ()))
            continue
        groups.append(
            GroupResult(
                key=str(key or ""),
                label=labels[key],
                suppressed=False,
                answered=count,
                sent=sent[key],
                response_rate=_percent(count, sent[key]),
                means=tuple(_mean(scores[key][q]) for q in config.codes),
            )
        )
    return Dimension(code, str(title), tuple(groups))


def survey_results(*, period: Period) -> list[Dimension]:
    """The survey's results per team, per provision and per law, for surveys sent in `period`."""
    return [_dimension(code, period) for code in DIMENSIONS]


def quality_figures(*, period: Period) -> list[Figure]:
    """The cluster's figures for what was decided in `period`: two queries.

    Objections: decided in time (on or before the last day) of all decided; upheld or partly upheld of all decided.
    Conduct complaints: decided in time of all decided (an informal resolution too); founded or partly founded of
    those judged (founded, partly founded or unfounded; an informal resolution is no judgment).
    """
    in_period = Q(status="decided", decided_on__range=(period.starts_on, period.ends_on))
    objections = Objection.objects.filter(in_period).aggregate(
        decided=Count("id"),
        in_time=Count("id", filter=Q(decided_on__lte=F("decision_due_on"))),
        upheld=Count("id", filter=Q(outcome__in=[ObjectionOutcome.UPHELD, ObjectionOutcome.PARTLY_UPHELD])),
    )
    judged = [StaffComplaintOutcome.FOUNDED, StaffComplaintOutcome.PARTLY_FOUNDED, StaffComplaintOutcome.UNFOUNDED]
    complaints = StaffComplaint.objects.filter(in_period).aggregate(
        decided=Count("id"),
        in_time=Count("id", filter=Q(decided_on__lte=F("decision_due_on"))),
        judged=Count("id", filter=Q(outcome__in=judged)),
        founded=Count(
            "id", filter=Q(outcome__in=[StaffComplaintOutcome.FOUNDED, StaffComplaintOutcome.PARTLY_FOUNDED])
        ),
    )
    return [
        Figure(
            "objections_in_time",
            str(_("Bezwaren binnen de termijn beslist")),
            objections["in_time"],
            objections["decided"],
        ),
        Figure("objections_upheld", str(_("Bezwaren (deels) gegrond")), objections["upheld"], objections["decided"]),
        Figure(
            "complaints_in_time",
            str(_("Klachten over bejegening binnen de termijn afgehandeld")),
            complaints["in_time"],
            complaints["decided"],
        ),
        Figure(
            "complaints_founded",
            str(_("Klachten over bejegening (deels) gegrond")),
            complaints["founded"],
            complaints["judged"],
        ),
    ]


def questions() -> list[str]:
    """The questions in the questionnaire's order (the columns of the results)."""
    return [q.text for q in survey_config().questions]
