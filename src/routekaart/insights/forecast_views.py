"""The forecasts page: per route the history and the next twelve months of inflow, outflow and caseload with their
interval, and how far off the same method was on the past. Reads only the insights tables (a fixed few queries)."""

from urllib.parse import urlencode

from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from .filters import filters_from
from .forecasting import SETTINGS
from .selectors_forecasts import ALL_ROUTES, SERIES, error_table, forecast_data, forecast_table


@permission_required("insights.view_insights", raise_exception=True)
@require_GET
def forecasts(request: HttpRequest) -> HttpResponse:
    filter_form, filters = filters_from(request.GET)
    context = {"section": "forecasts", "filter_form": filter_form, "method": SETTINGS}
    if filter_form.errors:
        return render(request, "insights/forecasts.html", context, status=400)
    data = forecast_data(filters)
    routes = data.routes()
    route = request.GET.get("route", ALL_ROUTES)
    query = filters.query()
    context.update(
        query=urlencode(query),
        routes=[(key, label, urlencode({**query, "route": key} if key else query)) for key, label in routes],
        route=route,
        district_ignored=filters.district_id is not None,
        made_on=data.made_on,
    )
    if route not in {key for key, _label in routes}:
        context["route_error"] = _("Deze route heeft geen prognose; kies een route uit de lijst.")
        return render(request, "insights/forecasts.html", context, status=400)
    context.update(
        route_label=dict(routes)[route],
        tables=[forecast_table(data, name, route) for name in SERIES],
        errors=error_table(data, route),
    )
    return render(request, "insights/forecasts.html", context)
