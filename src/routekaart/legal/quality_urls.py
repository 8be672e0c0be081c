"""Kwaliteitszorg under /klantbeheer/kwaliteit/: the survey results and the quality figures (aggregates only)."""

from django.urls import path

from . import quality_views

urlpatterns = [
    path("", quality_views.quality, name="quality"),
]
