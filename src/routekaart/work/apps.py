from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkConfig(AppConfig):
    name = "routekaart.work"
    label = "work"
    verbose_name = _("Werkgeversdienstverlening")

    def ready(self) -> None:
        from ..audit.event_labels import labels_register
        from ..residents.household_blocks import block_register
        from .event_labels import EVENT_LABELS
        from .household_block import ORDER, work_block

        labels_register(EVENT_LABELS)
        block_register("work", work_block, ORDER)
        from . import subject_export

        subject_export.register()  # its section of the AVG inzage (residents.subject_export)
