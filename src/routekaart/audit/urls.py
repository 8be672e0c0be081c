from django.urls import path

from . import views

app_name = "audit"
urlpatterns = [
    path("verwerkingen/", views.processing_log, name="processing_log"),
    path("noodtoegang/", views.break_glass_report, name="break_glass_report"),
    path("noodtoegang/<int:entry_id>/beoordeling/", views.break_glass_review, name="break_glass_review"),
]
