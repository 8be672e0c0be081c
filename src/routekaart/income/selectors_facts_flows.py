"""Group-by counts of social assistance for steering (insights' flows): how many households entered and left the
benefit per month, municipality and wijk, and why they left, as a code. Aggregates only.

The reason a benefit ended is free text; it never leaves this module. It is sorted into a few codes
(`END_REASONS`): work when it speaks of work, moved, died, other, and "" when none was given. The wijk is that
of the applicant's current address, the municipality that wijk's.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Case, CharField, Count, F, Q, Value, When
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext_lazy as _

from .models import SocialAssistance

END_REASONS = {
    "work": _("Aan het werk"),
    "moved": _("Verhuisd"),
    "died": _("Overleden"),
    "other": _("Andere reden"),
}


def _end_reason() -> Case:
    return Case(
        When(end_reason="", then=Value("")),
        When(Q(end_reason__icontains="werk") | Q(end_reason__icontains="baan"), then=Value("work")),
        When(end_reason__icontains="verhuis", then=Value("moved")),
        When(end_reason__icontains="overle", then=Value("died")),
        default=Value("other"),
        output_field=CharField(),
    )


def _grouped(queryset, date_field: str, *, destination: bool) -> list[dict]:
    extra = {"destination": _end_reason()} if destination else {}
    return list(
        queryset.values(
            month=TruncMonth(date_field),
            municipality_id=F("client__address__district__municipality_id"),
            district_id=F("client__address__district_id"),
            **extra,
        )
        .annotate(n=Count("household_id", distinct=True))
        .order_by()
    )


def benefit_flows(*, from_month: date, as_of: date) -> dict[str, list[dict]]:
    """Households whose social assistance started (`in`) or ended (`out`, with the reason's code as destination)
    per month, from `from_month` up to `as_of`: two grouped queries."""
    return {
        "in": _grouped(
            SocialAssistance.objects.filter(started_on__gte=from_month, started_on__lte=as_of),
            "started_on",
            destination=False,
        ),
        "out": _grouped(
            SocialAssistance.objects.filter(ended_on__isnull=False, ended_on__gte=from_month, ended_on__lte=as_of),
            "ended_on",
            destination=True,
        ),
    }


def end_reason_labels() -> dict[str, str]:
    return {code: str(label) for code, label in END_REASONS.items()}
