"""The legal team's home figures. Filled in by the objections pages lane."""


def legal_home_counts(user) -> dict[str, int]:
    """Objections open, decision terms ending within 7 days, terms passed, conduct complaints open."""
    return {"objections_open": 0, "due_this_week": 0, "overdue": 0, "complaints_open": 0}
