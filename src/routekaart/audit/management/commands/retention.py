from datetime import date

from django.core.management.base import BaseCommand

from ...partitions import partitions_ensure
from ...retention import handler_for, retention_terms, term_anonymise


class Command(BaseCommand):
    help = "Report which records have passed their retention term; with --anonymise, anonymise them (logged)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--anonymise", action="store_true", help="anonymise what is due (default: report only)")
        parser.add_argument("--today", type=date.fromisoformat, default=None, help="reference date (YYYY-MM-DD)")

    def handle(self, *args, anonymise: bool, today: date | None, **options) -> None:
        today = today or date.today()
        if anonymise:
            partitions_ensure(today=today)  # the coming months of the processing log (PostgreSQL only)
        for term in retention_terms():
            handler = handler_for(term.code)
            if handler is None:
                self.stdout.write(f"{term.code}: no records of this kind in this installation")
                continue
            cutoff = term.cutoff(today)
            ids = handler.due(cutoff=cutoff)
            self.stdout.write(f"{term.code}: {len(ids)} due (term {term.years} years after {term.after}, {cutoff})")
            if anonymise and ids:
                term_anonymise(term, handler, ids=ids, cutoff=cutoff)
                self.stdout.write(self.style.SUCCESS(f"{term.code}: {len(ids)} anonymised"))
