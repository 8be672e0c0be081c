"""Recovery's selectors. Filled in by the recovery lane."""


def recovery_home_counts(user) -> dict[str, int]:
    """Claims open."""
    return {"claims_open": 0}
