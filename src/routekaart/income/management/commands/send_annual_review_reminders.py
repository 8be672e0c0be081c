from django.core.management.base import BaseCommand
from django.utils import timezone

from ...services import annual_review_reminders_send


class Command(BaseCommand):
    help = (
        "Remind coordinators (and invite clients) for yearly conversations in the coming days; once per conversation."
    )

    def handle(self, *args, **options) -> None:
        count = annual_review_reminders_send(on=timezone.localdate())
        self.stdout.write(f"{count} jaargesprekken herinnerd")
