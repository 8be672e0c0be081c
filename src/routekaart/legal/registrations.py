"""What the legal app adds to the shared registries at start-up (event labels, household block, AVG inzage).

Each lane of this app fills in its own part; a missing module is simply not registered yet.
"""

from importlib import import_module


def register() -> None:
    for name in (
        "labels_objections",
        "labels_complaints",
        "labels_enforcement",
        "labels_quality",
        "household_block",
        "subject_export",
    ):
        try:
            module = import_module(f"{__package__}.{name}")
        except ModuleNotFoundError as error:
            if error.name != f"{__package__}.{name}":
                raise
            continue
        module.register()
