"""Klantbeheer's payment run pages (/betalingen/): the runs, prepare one, one run with its lines, approve, cancel and
the pain.001 file for the bank."""

from django.urls import path

from . import payment_views as views

app_name = "payments"

urlpatterns = [
    path("", views.run_list, name="run_list"),
    path("klaarzetten/", views.run_prepare, name="run_prepare"),
    path("<int:run_id>/", views.run_detail, name="run_detail"),
    path("<int:run_id>/fiatteren/", views.run_approve, name="run_approve"),
    path("<int:run_id>/annuleren/", views.run_cancel, name="run_cancel"),
    path("<int:run_id>/betaalbestand/", views.run_file, name="run_file"),
]
