"""Look for enforcement signals in the file (income reports, addresses) and record each new one once.

Run daily (a timer or the job worker); a second run on the same day adds nothing. Prints only counts.
"""

from datetime import date

from django.core.management.base import BaseCommand

from ...services.enforcement_scan import enforcement_scan


class Command(BaseCommand):
    help = "Zoek handhavingssignalen (inkomstenopgaven, adressen) en leg elk nieuw signaal één keer vast."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--op", dest="on", type=date.fromisoformat, default=None, help="peildatum (JJJJ-MM-DD)")

    def handle(self, *args, on: date | None, **options) -> None:
        result = enforcement_scan(on=on)
        self.stdout.write(
            f"{result.total} nieuwe signalen: {result.income_report} uit inkomstenopgaven, "
            f"{result.address} uit adressen."
        )
