from datetime import date

from django.core.management.base import BaseCommand

from ...batch import entitlement_check_run


class Command(BaseCommand):
    help = "Run the regulations check for all clients with social assistance and report the non-take-up found."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--on", type=date.fromisoformat, help="the date of the check (default: today)")

    def handle(self, *args, on=None, **options) -> None:
        run = entitlement_check_run(on=on)
        self.stdout.write(
            f"Regelingencheck {run.as_of}: {run.households} huishoudens, {run.households_with_non_take_up} met "
            f"niet-gebruik ({run.found} regelingen), {run.without_situation} zonder gegevens, {run.duration_ms} ms"
        )
        for code, count in run.per_regulation.items():
            self.stdout.write(f"  regeling {code}: {count}")
