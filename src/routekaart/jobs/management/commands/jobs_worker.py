import time

from django.core.management import call_command
from django.core.management.base import BaseCommand

from ...services import schedule_tick


class Command(BaseCommand):
    help = (
        "Run the background jobs: every --interval seconds the scheduler queues the due slots of jobs/data/"
        "schedules.yaml (each slot once, also with several workers), then the database worker (django-tasks-db) "
        "runs what is queued. --once: one tick and the queued runs, then stop."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--once", action="store_true", help="tick once, run what is queued, and stop")
        parser.add_argument("--interval", type=float, default=30.0, help="seconds between ticks (default 30)")

    def handle(self, *args, once: bool, interval: float, verbosity: int, **options) -> None:
        while True:
            queued = schedule_tick()
            if verbosity and queued:
                self.stdout.write(f"{len(queued)} taken in de wachtrij gezet: {', '.join(r.job for r in queued)}")
            # The database worker processes the queue until it is empty (batch), then the next tick follows.
            call_command("db_worker", batch=True, reload=False, startup_delay=False, interval=0, verbosity=verbosity)
            if once:
                return
            time.sleep(interval)
