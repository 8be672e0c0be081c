"""Instroom en uitstroom, the Sankey between routes and the caseload: the flows pages of steering, for beleid and
management. They read the precomputed tables only (`selectors_flows`), a fixed number of queries per page."""

from __future__ import annotations

from urllib.parse import urlencode

from django import forms
from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from . import selectors_flows
from .filters import FilterForm, filters_from
from .models import FlowDimension
from .refresh import SETTINGS


class FlowsFilterForm(FilterForm):
    """The filters of every figure, and which dimension the flows are counted by."""

    dimensie = forms.ChoiceField(
        label=_("Tellen per"),
        required=False,
        choices=FlowDimension.choices,
        error_messages={"invalid_choice": _("Kies een van de onderdelen uit de lijst.")},
    )

    def dimension(self) -> str:
        data = self.cleaned_data if self.is_bound else {}
        return data.get("dimensie") or FlowDimension.ROUTE


def _context(section: str, filter_form, filters, **tables) -> dict:
    return {
        "section": section,
        "filter_form": filter_form,
        "filters": filters,
        "query": urlencode(filters.query()),
        "source": SETTINGS["source"],
        **tables,
    }


@permission_required("insights.view_insights", raise_exception=True)
@require_GET
def flows(request: HttpRequest) -> HttpResponse:
    """In and out per chosen dimension over the period, per month and per year. Bad input: the Dutch message, 400,
    and the default (routes, the last two years) meanwhile."""
    filter_form = FlowsFilterForm(request.GET or None)
    filter_form.is_valid()
    filters, dimension = filter_form.filters(), filter_form.dimension()
    tables = [
        selectors_flows.flows_per_key(filters, dimension),
        selectors_flows.flows_per_period(filters, dimension, "month"),
        selectors_flows.flows_per_period(filters, dimension, "year"),
    ]
    if dimension == FlowDimension.ROUTE:
        tables.append(selectors_flows.flows_destinations(filters))
    context = _context("flows", filter_form, filters, tables=tables, dimension=FlowDimension(dimension))
    return render(request, "insights/flows.html", context, status=400 if filter_form.errors else 200)


@permission_required("insights.view_insights", raise_exception=True)
@require_GET
def sankey(request: HttpRequest) -> HttpResponse:
    """The flow of residents from their start through the routes to a destination, as a Sankey with its table."""
    filter_form, filters = filters_from(request.GET)
    context = _context("sankey", filter_form, filters, table=selectors_flows.sankey(filters))
    return render(request, "insights/sankey.html", context, status=400 if filter_form.errors else 200)


@permission_required("insights.view_insights", raise_exception=True)
@require_GET
def caseload(request: HttpRequest) -> HttpResponse:
    """Households per team and per coordinator in the latest month of the period, and the trend before it."""
    filter_form, filters = filters_from(request.GET)
    month = selectors_flows.latest_month(filters)
    tables = [
        selectors_flows.caseload_team(filters, month),
        selectors_flows.caseload_coordinator(filters, month),
        selectors_flows.caseload_trend(filters),
    ]
    context = _context("caseload", filter_form, filters, tables=tables, month=month)
    return render(request, "insights/caseload.html", context, status=400 if filter_form.errors else 200)
