"""Maatstaven: each of the seeds' yardsticks beside the municipality's own figure for the chosen period, municipality
and wijk, with the seed's words and file. Aggregates only; the figures read the owners' fact selectors live
(`selectors_yardsticks`), in a fixed number of queries."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from . import rules  # noqa: F401  (declares the permission below)
from .filters import filters_from
from .selectors_yardsticks import yardstick_list, yardstick_tables


@permission_required("insights.view_insights", raise_exception=True)
@require_GET
def yardsticks(request: HttpRequest) -> HttpResponse:
    """The yardstick figures; filters that do not parse get their Dutch message, no figures and a 400."""
    form, filters = filters_from(request.GET)
    context = {
        "section": "yardsticks",
        "filter_form": form,
        "filters": filters,
        "query": urlencode(filters.query()),
        "yardsticks": yardstick_list(),
        "tables": [],
    }
    if form.errors:
        return render(request, "insights/yardsticks.html", context, status=400)
    context["tables"] = yardstick_tables(filters)
    return render(request, "insights/yardsticks.html", context)
