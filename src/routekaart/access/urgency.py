"""The worklist's order, stored on the case: whether an urgent signal came in, the earliest date something is due
(a running statutory deadline, an open agreement of a live plan, the active plan's review) and, while the case
waits for its intake, the day it opened.

The worklist sorts and filters every open case of a caseworker by these; computing them per request meant a
dozen correlated subqueries for each open case to show 25. So they are columns of `Case`, indexed, and every
service that changes what they depend on refreshes them in its own transaction (`urgency_refresh`, one UPDATE).
The expressions take the models as arguments so the migration that backfills them runs the same SQL.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Case as When_
from django.db.models import DateField, Exists, OuterRef, Subquery, Value, When
from django.db.models.functions import Coalesce, Least, NullIf

FAR_FUTURE = date(9999, 12, 31)

# Kept as literals (not imported from the models) so the migration's historical models can use them too.
PLAN_LIVE = ("active", "draft")
PLAN_ACTIVE = "active"
AGREEMENT_OPEN = "open"
CASE_REGISTERED = "registered"
STORED = ("urgent_signal", "overdue_from", "urgency_on")


def _far(expression) -> Coalesce:
    return Coalesce(expression, Value(FAR_FUTURE), output_field=DateField())


def next_deadline(deadline_model) -> Subquery:
    open_deadlines = deadline_model.objects.filter(case=OuterRef("pk"), met_on__isnull=True, lapsed_on__isnull=True)
    return Subquery(open_deadlines.order_by("due_on", "pk").values("due_on")[:1], output_field=DateField())


def next_agreement(agreement_model) -> Subquery:
    live = agreement_model.objects.filter(plan__case=OuterRef("pk"), plan__status__in=PLAN_LIVE, status=AGREEMENT_OPEN)
    return Subquery(live.order_by("due_on", "pk").values("due_on")[:1], output_field=DateField())


def next_review(plan_model) -> Subquery:
    active = plan_model.objects.filter(case=OuterRef("pk"), status=PLAN_ACTIVE).order_by("-version", "-pk")
    return Subquery(active.values("next_review_on")[:1], output_field=DateField())


def urgency_expressions(*, deadline_model, agreement_model, plan_model, signal_model) -> dict:
    """The stored columns as SQL over the case's rows (for an UPDATE, or an annotation to compare with)."""
    due = Least(
        _far(next_deadline(deadline_model)),
        _far(next_agreement(agreement_model)),
        _far(next_review(plan_model)),
        output_field=DateField(),
    )
    waiting = When_(When(status=CASE_REGISTERED, then="opened_on"), default=Value(FAR_FUTURE), output_field=DateField())
    return {
        "urgent_signal": Exists(signal_model.objects.filter(case=OuterRef("pk"), urgent=True)),
        "overdue_from": NullIf(due, Value(FAR_FUTURE), output_field=DateField()),
        "urgency_on": NullIf(
            Least(due, waiting, output_field=DateField()), Value(FAR_FUTURE), output_field=DateField()
        ),
    }


def _models() -> dict:
    from .models import Agreement, Deadline, Plan, Signal

    return {"deadline_model": Deadline, "agreement_model": Agreement, "plan_model": Plan, "signal_model": Signal}


def urgency_refresh(*cases) -> None:
    """Recompute the stored urgency of these cases (objects or ids) in one UPDATE; a service calls it after its
    writes, inside its transaction. The objects passed get the new values too."""
    from .models import Case

    ids = [getattr(c, "pk", c) for c in cases if c is not None]
    if not ids:
        return
    Case.objects.filter(pk__in=ids).update(**urgency_expressions(**_models()))
    objects = [c for c in cases if isinstance(c, Case)]
    if objects:
        fresh = {row["pk"]: row for row in Case.objects.filter(pk__in=ids).values("pk", *STORED)}
        for case in objects:
            for name in STORED:
                setattr(case, name, fresh[case.pk][name])


def urgency_computed(case_ids) -> dict[int, dict]:
    """What the stored columns should hold, computed now (for the tests that hold them to it)."""
    from .models import Case

    computed = {f"computed_{k}": v for k, v in urgency_expressions(**_models()).items()}
    rows = Case.objects.filter(pk__in=list(case_ids)).annotate(**computed).values("pk", *computed)
    return {row["pk"]: {k: row[f"computed_{k}"] for k in STORED} for row in rows}


def urgency_stored(case_ids) -> dict[int, dict]:
    from .models import Case

    return {row.pop("pk"): row for row in Case.objects.filter(pk__in=list(case_ids)).values("pk", *STORED)}
