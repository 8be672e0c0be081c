"""The provider's own desk under /aanbieder/: its assignments, start and stop, progress, contract, declarations."""

from django.urls import path  # noqa: F401

app_name = "desk"
urlpatterns: list = []
