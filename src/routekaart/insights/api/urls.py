"""The steering figures' API under /api/v1/sturing/ (aggregates only)."""

from django.urls import path

from .figures import FigureView

urlpatterns = [
    path("sturing/figuren/<slug:code>/", FigureView.as_view(), name="insights-figure"),
]
