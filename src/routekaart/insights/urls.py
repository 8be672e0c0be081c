"""The steering pages under /sturing/, namespace `insights`: aggregates only, for beleid and management."""

from django.urls import path

from . import (
    cost_benefit_views,
    export_views,
    flows_views,
    forecast_views,
    outcome_views,
    simulation_views,
    yardstick_views,
)

app_name = "insights"

urlpatterns = [
    path("", flows_views.flows, name="flows"),
    path("sankey/", flows_views.sankey, name="sankey"),
    path("caseload/", flows_views.caseload, name="caseload"),
    path("maatstaven/", yardstick_views.yardsticks, name="yardsticks"),
    path("wat-werkt/", outcome_views.what_works, name="what_works"),
    path("wat-werkt/paneel/", outcome_views.what_works_panel, name="what_works_panel"),
    path("kosten-en-baten/", cost_benefit_views.cost_benefit, name="cost_benefit"),
    path("prognoses/", forecast_views.forecasts, name="forecasts"),
    path("simulatie/", simulation_views.simulation, name="simulation"),
    path("simulatie/<int:pk>/", simulation_views.scenario_detail, name="scenario_detail"),
    path("export/<slug:code>.<str:fmt>", export_views.export, name="export"),
    path("afdrukken/", export_views.print_view, name="print"),
    path("afdrukken.pdf", export_views.print_pdf, name="print_pdf"),
]
