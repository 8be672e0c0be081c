"""Send the satisfaction surveys due today (a week after a decision or a closed case) and expire the old ones.

Run daily (a timer or the job worker); a second run on the same day sends nothing twice. Prints only counts.
"""

from datetime import date

from django.core.management.base import BaseCommand

from ...services.surveys import surveys_send


class Command(BaseCommand):
    help = "Verstuur de tevredenheidsonderzoeken van vandaag en laat oude verlopen."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--op", dest="on", type=date.fromisoformat, default=None, help="peildatum (JJJJ-MM-DD)")

    def handle(self, *args, on: date | None, **options) -> None:
        run = surveys_send(on=on)
        self.stdout.write(f"{run.sent} vragenlijsten verstuurd, {run.expired} verlopen.")
