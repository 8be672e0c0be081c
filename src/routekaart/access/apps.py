from datetime import date

from django.apps import AppConfig
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


def open_case_needs_its_coordinator(household_id: int, on: date) -> str:
    """An open case has exactly one coordinator: the household's, which may not end while the case is open."""
    from .models import OPEN_STATUSES, Case

    if Case.objects.filter(household_id=household_id, status__in=OPEN_STATUSES).exists():
        return gettext(
            "Een huishouden met een open casus heeft precies één regisseur. Draag over met een warme overdracht."
        )
    return ""


class AccessConfig(AppConfig):
    name = "routekaart.access"
    label = "access"
    verbose_name = _("Integrale toegang")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from ..audit.event_labels import labels_register
        from ..residents import services as residents
        from ..residents.household_blocks import block_register
        from . import household_block
        from .event_labels import EVENT_LABELS

        labels_register(EVENT_LABELS)
        block_register("case", household_block.case_block, household_block.CASE_ORDER)
        block_register("plan", household_block.plan_block, household_block.PLAN_ORDER)
        block_register("resident_messages", household_block.messages_block, household_block.MESSAGES_ORDER)
        block_register("decisions", household_block.decisions_block, household_block.DECISIONS_ORDER)
        residents.coordinator_needed_by(open_case_needs_its_coordinator)
        from . import subject_export

        subject_export.register()  # its section of the AVG inzage (residents.subject_export)
