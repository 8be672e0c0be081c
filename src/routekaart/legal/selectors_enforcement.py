"""Enforcement's selectors. Filled in by the enforcement lane."""


def enforcement_home_counts(user) -> dict[str, int]:
    """New signals to assess, investigations open."""
    return {"signals_new": 0, "investigations_open": 0}
