"""The demo's steering figures: a full refresh after every other generator, so beleid sees the demo town's flows."""

from .refresh import insights_refresh


def demo_insights_ensure(*, stdout) -> None:
    runs = insights_refresh(full=True)
    stdout.write("Sturing: " + ", ".join(f"{run.step} {run.rows} rijen" for run in runs) + ".")
