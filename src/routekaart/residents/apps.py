from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResidentsConfig(AppConfig):
    name = "routekaart.residents"
    label = "residents"
    verbose_name = _("Inwoners en huishoudens")

    def ready(self) -> None:
        from ..audit import services as audit
        from ..audit.event_labels import labels_register
        from .access import data_subjects_of
        from .coordinator_block import ORDER as COORDINATOR_ORDER
        from .coordinator_block import coordinator_block
        from .event_labels import EVENT_LABELS
        from .household_blocks import block_register
        from .journal_views import ORDER as JOURNAL_ORDER
        from .journal_views import journal_block
        from .timeline_views import BLOCK_ORDER as TIMELINE_ORDER
        from .timeline_views import timeline_block

        audit.data_subjects_register(data_subjects_of)
        labels_register(EVENT_LABELS)
        from .registration_block import registration_ready

        registration_ready()
        block_register("coordinator", coordinator_block, COORDINATOR_ORDER)
        block_register("timeline", timeline_block, TIMELINE_ORDER)
        block_register("journal", journal_block, JOURNAL_ORDER)
        from . import subject_export

        subject_export.register()  # its section of the AVG inzage (residents.subject_export)
