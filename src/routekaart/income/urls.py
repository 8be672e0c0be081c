from django.urls import path

from . import views

app_name = "income"
urlpatterns = [
    path("", views.worklist, name="worklist"),
    path("caseload/", views.caseload, name="caseload"),
    path("niet-gebruik/", views.non_take_up_report, name="non_take_up_report"),
    path("normen/", views.norm_list, name="norm_list"),
    path("herinneringen/<int:reminder_id>/afgehandeld/", views.reminder_done, name="reminder_done"),
    path("huishoudens/<int:household_id>/", views.client_detail, name="client_detail"),
    path("huishoudens/<int:household_id>/uitkering/", views.benefit_grant, name="benefit_grant"),
    path("huishoudens/<int:household_id>/overdragen/", views.coordinator_reassign, name="coordinator_reassign"),
    path("huishoudens/<int:household_id>/kostendelers/", views.cost_sharer_exclusion, name="cost_sharer_exclusion"),
    path("huishoudens/<int:household_id>/jaargesprek/", views.annual_review_record, name="annual_review_record"),
    path("huishoudens/<int:household_id>/financieel-fit/", views.financial_fitness_record, name="financial_fitness"),
    path(
        "huishoudens/<int:household_id>/regelingen/<slug:code>/aanvragen/",
        views.regulation_apply,
        name="regulation_apply",
    ),
    path("huishoudens/<int:household_id>/inkomsten/", views.income_report, name="income_report"),
    path(
        "huishoudens/<int:household_id>/verrekening/<int:year>-<int:month>/", views.surplus_month, name="surplus_month"
    ),
    path("huishoudens/<int:household_id>/werk/", views.work_switch, name="work_switch"),
    path(
        "huishoudens/<int:household_id>/wijzigingen/<int:report_id>/verwerkt/",
        views.change_report_process,
        name="change_report_process",
    ),
]
