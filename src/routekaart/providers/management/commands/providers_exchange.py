"""Process the providers' messages waiting on the wire (the exchange's inbox), answering each with its retour."""

from django.core.management.base import BaseCommand

from ...services.inbound import messages_receive_batch
from ...wire import wire


class Command(BaseCommand):
    help = "Verwerk de berichten van aanbieders die klaarstaan (305, 307, 315, 317, 323) en stuur de retourberichten."

    def handle(self, *args, **options) -> None:
        exchange = wire()
        summary = messages_receive_batch(exchange.receive())
        exchange.acknowledge()
        self.stdout.write(
            f"{summary.received} ontvangen: {summary.accepted} verwerkt, {summary.rejected} afgekeurd, "
            f"{summary.duplicates} eerder ontvangen, {summary.unanswerable} zonder bekende afzender"
        )
