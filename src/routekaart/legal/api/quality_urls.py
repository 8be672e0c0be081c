"""The quality figures' API (aggregates only)."""

from django.urls import path

from .quality import QualityView

urlpatterns = [
    path("kwaliteit/", QualityView.as_view(), name="legal-quality"),
]
