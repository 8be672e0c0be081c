"""Recovery's pages under /vorderingen/ (namespace `recovery`)."""

from django.urls import path

from . import recovery_views as views

app_name = "recovery"

urlpatterns = [
    path("", views.claim_list, name="claim_list"),
    path("nieuw/<int:household_id>/", views.claim_establish, name="claim_establish"),
    path("<int:claim_id>/", views.claim_detail, name="claim_detail"),
    path("<int:claim_id>/<slug:action>/", views.claim_action, name="claim_action"),
    path("<int:claim_id>/brief/<slug:letter>.pdf", views.claim_letter, name="claim_letter"),
]
