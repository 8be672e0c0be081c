"""The deadline dashboard: /klantbeheer/ itself (namespace `legal`)."""

from django.urls import path

from . import deadline_views as views

urlpatterns = [
    path("", views.deadline_dashboard, name="deadline_dashboard"),
]
