from django.urls import path

from . import privacy_views as views

urlpatterns = [
    path("wie-zag-mijn-gegevens/", views.processing_log, name="processing_log"),
    path("mijn-gegevens/", views.export, name="export"),
    path("mijn-gegevens/inzage.json", views.export_json, name="export_json"),
    path("mijn-gegevens/inzage.pdf", views.export_pdf, name="export_pdf"),
]
