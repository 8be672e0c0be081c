"""Process the providers' messages waiting on the wire (the exchange's inbox), answering each with its retour.

Once by default (a timer or cron can call it); `--watch SECONDS` keeps polling, as the container's `exchange` role
does. A database or exchange that does not answer costs one round: the files stay in the inbox (the wire moves a
file to done/ only after its message was processed), the error is logged in Dutch without content, and the next
round tries again.
"""

import logging
import time

from django.core.management.base import BaseCommand
from django.db import DatabaseError, close_old_connections, connection

from ...services.inbound import messages_receive_batch
from ...wire import wire

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Verwerk de berichten van aanbieders die klaarstaan (305, 307, 315, 317, 323) en stuur de retourberichten."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--watch", type=float, default=0.0, help="blijf de inbox elke zoveel seconden lezen (0: één keer)"
        )

    def handle(self, *args, watch: float, verbosity: int, **options) -> None:
        while True:
            try:
                self._round(verbosity)
            except (DatabaseError, OSError) as error:
                if not watch:
                    raise
                # Only the kind of error: a message's content or a file name may name a person.
                logger.error(
                    "Berichtenuitwisseling mislukt (%s); volgende poging over %s s.", type(error).__name__, watch
                )
            finally:
                if not connection.in_atomic_block:  # a broken or old connection is dropped; the next round opens one
                    close_old_connections()
            if not watch:
                return
            time.sleep(watch)

    def _round(self, verbosity: int) -> None:
        exchange = wire()
        summary = messages_receive_batch(exchange.receive())
        exchange.acknowledge()
        if verbosity and summary.received:
            self.stdout.write(
                f"{summary.received} ontvangen: {summary.accepted} verwerkt, {summary.rejected} afgekeurd, "
                f"{summary.duplicates} eerder ontvangen, {summary.unanswerable} zonder bekende afzender"
            )
