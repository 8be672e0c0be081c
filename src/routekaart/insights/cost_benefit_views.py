"""Kosten en baten: per instrument and per route, what was spent, what came of it and the ratio beside the seed's
MKBA (1.1), with the assumptions that produced it. Aggregates of at least 10 participants only."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .filters import filters_from
from .selectors_cost_benefit import cost_benefit_assumptions, cost_benefit_instruments, cost_benefit_routes


@permission_required("insights.view_insights", raise_exception=True)
@require_GET
def cost_benefit(request: HttpRequest) -> HttpResponse:
    """The page: a bad filter is shown with its Dutch message (400) and the default period is used meanwhile."""
    filter_form, filters = filters_from(request.GET)
    return render(
        request,
        "insights/cost_benefit.html",
        {
            "section": "cost_benefit",
            "filter_form": filter_form,
            "filters": filters,
            "query": urlencode(filters.query()),
            "tables": [cost_benefit_instruments(filters), cost_benefit_routes(filters)],
            "assumptions": cost_benefit_assumptions(filters),
        },
        status=400 if filter_form.errors else 200,
    )
