from django.urls import path

from . import views

app_name = "routes"
urlpatterns = [
    path("", views.route_map_list, name="route_map_list"),
    path("kaart/<slug:code>/", views.route_map_detail, name="route_map_detail"),
    path("trajecten/", views.trajectory_list, name="trajectory_list"),
    path("trajecten/nieuw/", views.trajectory_start, name="trajectory_start"),
    path("trajecten/<int:pk>/", views.trajectory_detail, name="trajectory_detail"),
    path("trajecten/<int:pk>/stappen/<int:number>/", views.step_transition, name="step_transition"),
    path("trajecten/<int:pk>/stappen/<int:number>/termijn/", views.step_due, name="step_due"),
    path("trajecten/<int:pk>/voorwaarden/", views.condition_record, name="condition_record"),
    path("trajecten/<int:pk>/regie/", views.handover_propose, name="handover_propose"),
    path("trajecten/<int:pk>/regie/<int:handover_id>/overnemen/", views.handover_accept, name="handover_accept"),
    path("trajecten/<int:pk>/wachtlijst/plek/", views.waitlist_offer, name="waitlist_offer"),
    path("trajecten/<int:pk>/wachtlijst/tussentijd/", views.waitlist_meanwhile, name="waitlist_meanwhile"),
    path("trajecten/<int:pk>/stoppen/", views.trajectory_stop, name="trajectory_stop"),
    path("trajecten/<int:pk>/andere-route/", views.trajectory_switch, name="trajectory_switch"),
    path("school/", views.school_dashboard, name="school_dashboard"),
    path("dienst/", views.dienst_dashboard, name="dienst_dashboard"),
]
