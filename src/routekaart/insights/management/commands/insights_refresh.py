from django.core.management.base import BaseCommand

from ...refresh import insights_refresh


class Command(BaseCommand):
    help = "Ververs de sturingscijfers (stromen, wat werkt, kosten en baten, prognoses)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--full", action="store_true", help="Alles opnieuw berekenen, niet alleen wat veranderde.")

    def handle(self, *args, full: bool = False, **options) -> None:
        for run in insights_refresh(full=full):
            self.stdout.write(f"{run.step}: {run.get_mode_display()}, {run.rows} rijen in {run.duration_ms} ms")
