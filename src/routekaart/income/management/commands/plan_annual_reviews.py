from datetime import date

from django.core.management.base import BaseCommand
from django.utils import timezone

from ...services import annual_reviews_plan


class Command(BaseCommand):
    help = (
        "Plan the yearly conversation for every client with social assistance who has none this year, spread "
        "evenly over each coordinator's working days. Idempotent: a second run plans only new clients."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--year", type=int, help="the year to plan (default: this year)")
        parser.add_argument("--from", dest="start", type=date.fromisoformat, help="plan from this date (YYYY-MM-DD)")

    def handle(self, *args, year=None, start=None, **options) -> None:
        today = timezone.localdate()
        year = year or today.year
        if start is None and year == today.year:
            start = today
        report = annual_reviews_plan(year=year, start=start)
        self.stdout.write(
            f"{report.planned} jaargesprekken gepland voor {report.coordinators} regiehouders "
            f"({report.first or '-'} tot {report.last or '-'})"
        )
