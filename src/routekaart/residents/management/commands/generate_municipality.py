"""`manage.py generate_municipality`: the deterministic demo municipality, at any size (idempotent)."""

from datetime import date

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from ...generator import DEFAULT_RESIDENTS, DEFAULT_SEED, OutsideTestBand, municipality_generate


class Command(BaseCommand):
    help = (
        "Genereer de demogemeente Weidebeek: wijken, adressen, huishoudens en inwoners met synthetische BSN's. "
        "Dezelfde seed geeft dezelfde gemeente; een tweede run vult alleen aan wat ontbreekt."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
        parser.add_argument(
            "--residents", type=int, default=DEFAULT_RESIDENTS, help=f"Aantal inwoners (standaard {DEFAULT_RESIDENTS})."
        )
        parser.add_argument(
            "--reference-date",
            type=date.fromisoformat,
            default=None,
            help="De dag waarop leeftijden kloppen (JJJJ-MM-DD); standaard vandaag.",
        )
        parser.add_argument(
            "--allow-bsn-outside-test-range",
            action="store_true",
            help="Meer inwoners dan de test-BSN-reeks bevat (benchmarks, wegwerpdatabase).",
        )
        parser.add_argument("--no-caseloads", action="store_true", help="Geen betrokkenheden van demomedewerkers.")
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, **options) -> None:
        if not settings.ROUTEKAART_DEMO:
            raise CommandError("Demodata is alleen voor de demo-instellingen (routekaart.conf.dev).")
        if options["residents"] < 1:
            raise CommandError("Geef minstens één inwoner.")
        try:
            municipality_generate(
                seed=options["seed"],
                residents=options["residents"],
                reference_date=options["reference_date"],
                allow_bsn_outside_test_range=options["allow_bsn_outside_test_range"],
                caseloads=not options["no_caseloads"],
                stdout=self.stdout,
                progress=not options["no_progress"],
            )
        except OutsideTestBand as error:
            raise CommandError(str(error)) from error
