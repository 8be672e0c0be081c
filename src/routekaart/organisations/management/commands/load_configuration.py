from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.module_loading import import_string


class Command(BaseCommand):
    help = "Load every app's versioned configuration files (catalog, routes, norms, ...). Idempotent."

    def handle(self, *args, **options) -> None:
        for dotted in settings.ROUTEKAART_CONFIGURATION_LOADERS:
            summary = import_string(dotted)()
            self.stdout.write(f"{dotted}: {summary}")
