from datetime import date

from django.apps import AppConfig
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


def benefit_needs_its_coordinator(household_id: int, on: date) -> str:
    """A benefit cannot exist without a fixed coordinator: the household's stays while a benefit runs from `on`."""
    from .models import SocialAssistance

    running = SocialAssistance.objects.filter(household_id=household_id).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gt=on)
    )
    if running.exists():
        return gettext("Iedere inwoner met bijstand heeft een vaste regiehouder. Draag over met een warme overdracht.")
    return ""


class IncomeConfig(AppConfig):
    name = "routekaart.income"
    label = "income"
    verbose_name = _("Bestaanszekerheid")

    def ready(self) -> None:
        from ..audit.event_labels import labels_register
        from ..residents import services as residents
        from ..residents.household_blocks import block_register
        from .event_labels import EVENT_LABELS
        from .household_block import ORDER as BENEFIT_ORDER
        from .household_block import benefit_block

        labels_register(EVENT_LABELS)
        block_register("benefit", benefit_block, BENEFIT_ORDER)
        residents.coordinator_needed_by(benefit_needs_its_coordinator)
        # Planned conversations and open coordinator reminders read the household's coordinator (no copy), so a
        # handover (residents.coordinator_hand_over) moves them with nothing to keep in step.
        from . import subject_export

        subject_export.register()  # its section of the AVG inzage (residents.subject_export)
        # The payment run's and recovery's event labels and blocks (each part registers its own).
        from importlib import import_module

        for name in ("labels_payments", "labels_recovery"):
            try:
                module = import_module(f"{__package__}.{name}")
            except ModuleNotFoundError as error:
                if error.name != f"{__package__}.{name}":
                    raise
                continue
            module.register()
