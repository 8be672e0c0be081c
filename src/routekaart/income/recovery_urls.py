"""Filled in by its lane (terugvordering)."""

app_name = "recovery"

urlpatterns: list = []
