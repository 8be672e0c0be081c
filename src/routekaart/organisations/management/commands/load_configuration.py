import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.module_loading import import_string

from ....core.configuration import ConfigurationError


class Command(BaseCommand):
    help = (
        "Load every app's versioned configuration files (catalog, routes, norms, ...) through the loader contract: "
        "a new version is added, the same file changes nothing, a changed file under a loaded version is refused."
    )

    def handle(self, *args, **options) -> None:
        for dotted in settings.ROUTEKAART_CONFIGURATION_LOADERS:
            started = time.monotonic()
            try:
                summary = import_string(dotted)()
            except ConfigurationError as error:
                # The loader's own transaction rolled back: the Dutch message names the file and what to fix.
                raise CommandError(str(error)) from error
            self.stdout.write(f"{dotted}: {summary} ({time.monotonic() - started:.1f} s)")
