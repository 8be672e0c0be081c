"""Demo data for `setup_demo`: filled in by its lane."""


def demo_enforcement_ensure(*, stdout=None) -> dict[str, int]:
    return {}
