from django.core.management.base import BaseCommand, CommandError

from ...refresh import STEPS, insights_refresh


class Command(BaseCommand):
    help = (
        "Ververs de sturingscijfers (stromen, wat werkt, kosten en baten, prognoses): alleen wat veranderde, "
        "of met --full alles."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--full", action="store_true", help="Alles opnieuw berekenen, niet alleen wat veranderde.")
        parser.add_argument(
            "--step", action="append", choices=STEPS, help="Alleen deze stap (mag vaker); zonder: alle stappen."
        )

    def handle(self, *args, full: bool = False, step: list[str] | None = None, **options) -> None:
        if step and not set(step) <= set(STEPS):
            raise CommandError("Onbekende stap.")
        for run in insights_refresh(full=full, steps=tuple(step) if step else None):
            when = f" vanaf {run.from_month:%Y-%m}" if run.from_month else ""
            self.stdout.write(
                f"{run.step}: {run.get_mode_display()}{when}, {run.rows} rijen in {run.duration_ms} ms"
                f" (tot en met gebeurtenis {run.watermark})"
            )
