from django.core.management.base import BaseCommand, CommandError

from ...services import CatalogDataError, catalog_load, preset_codes_available


class Command(BaseCommand):
    help = (
        "Load the catalog's versioned data files: the bouwtekening (zones, clusters, building blocks), "
        "destinations, instruments, life phases, and region presets. Idempotent: a second run changes nothing."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--preset",
            action="append",
            dest="presets",
            metavar="CODE",
            help=f"Load (or add) this region preset; repeatable. Available: {', '.join(preset_codes_available())}.",
        )
        parser.add_argument("--activate", metavar="CODE", help="Make this region preset the active one.")

    def handle(self, *args, presets: list[str] | None, activate: str | None, **options) -> None:
        try:
            report = catalog_load(presets=presets, activate=activate)
        except CatalogDataError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Zones: {report.zones}")
        self.stdout.write(f"Clusters: {report.clusters}")
        self.stdout.write(f"Building blocks: {report.building_blocks}")
        self.stdout.write(
            f"Destinations: {report.destinations}, instruments: {report.instruments}, life phases: {report.life_phases}"
        )
        self.stdout.write(f"Region presets: {', '.join(report.presets) or '-'} (active: {report.active_preset or '-'})")
        self.stdout.write(f"Loaded: {', '.join(report.loaded) or 'nothing new'}")
        self.stdout.write(f"Unchanged: {', '.join(report.unchanged) or '-'}")
        self.stdout.write(self.style.SUCCESS(f"Versions added: {report.versions_added}"))
