"""Demo data for `setup_demo`: filled in by its lane."""


def demo_recovery_ensure(*, stdout=None) -> dict[str, int]:
    return {}
