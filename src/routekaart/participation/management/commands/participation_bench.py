"""`manage.py participation_bench --residents N`: the participation benchmark in a throwaway database (prints JSON)."""

import json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from ...benchmark import participation_benchmark


class Command(BaseCommand):
    help = "Meet de herbeoordelingsplanning en de budgetmonitor op een gegenereerde gemeente (wegwerpdatabase)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--residents", type=int, default=100_000)
        parser.add_argument("--repeat", type=int, default=5)

    def handle(self, *args, residents: int, repeat: int, **options) -> None:
        if not settings.ROUTEKAART_DEMO:
            raise CommandError("Alleen met de demo-instellingen en een wegwerpdatabase (routekaart.conf.dev).")
        self.stdout.write(json.dumps(participation_benchmark(residents=residents, repeat=repeat)))
