"""The provider's own desk under /aanbieder/: its assignments, start and stop, progress, contract, declarations."""

from django.urls import path

from . import desk_views

app_name = "desk"
urlpatterns = [
    path("", desk_views.assignment_list, name="assignment_list"),
    path("toewijzingen/<id:assignment_id>/", desk_views.assignment_detail, name="assignment_detail"),
    path("toewijzingen/<id:assignment_id>/gestart/", desk_views.assignment_start, name="assignment_start"),
    path("toewijzingen/<id:assignment_id>/gestopt/", desk_views.assignment_stop, name="assignment_stop"),
    path("toewijzingen/<id:assignment_id>/voortgang/", desk_views.progress_create, name="progress_create"),
    path("contract/", desk_views.contract, name="contract"),
]
