"""The payment run's selectors. Filled in by the payment run lane."""


def payment_home_counts(user) -> dict[str, int]:
    """Payment runs waiting for the second person's approval."""
    return {"runs_awaiting_approval": 0}
