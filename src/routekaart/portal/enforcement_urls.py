"""Filled in by its lane."""

urlpatterns: list = []
