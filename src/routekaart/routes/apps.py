from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RoutesConfig(AppConfig):
    name = "routekaart.routes"
    label = "routes"
    verbose_name = _("Routes en trajecten")

    def ready(self) -> None:
        from ..audit.event_labels import labels_register
        from ..residents.household_blocks import block_register
        from .event_labels import EVENT_LABELS
        from .household_block import ORDER, route_block

        labels_register(EVENT_LABELS)
        block_register("routes", route_block, ORDER)
        from . import subject_export

        subject_export.register()  # its section of the AVG inzage (residents.subject_export)
